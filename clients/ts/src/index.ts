// Typed clients of the rwa-gate contracts (generated from schema/ by scripts/ts-client.sh), the
// CosmJS adapter, and statements signed offline for relaying.
export * as ComplianceRegistryTypes from "./generated/ComplianceRegistry.types";
export * as GatedTokenTypes from "./generated/GatedToken.types";
export {
  ComplianceRegistryClient,
  ComplianceRegistryQueryClient,
} from "./generated/ComplianceRegistry.client";
export { GatedTokenClient, GatedTokenQueryClient } from "./generated/GatedToken.client";
export { accountParser, queryAdapter, signingAdapter } from "./cosmjs";
export {
  clockNonce,
  MAX_SAFE_NONCE,
  SIGN_DOMAIN,
  signBytes,
  signingPublicKey,
  signStatement,
} from "./delegation";
export type { OracleAction, SignDoc, SignedStatement, StatementMsg } from "./delegation";
