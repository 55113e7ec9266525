// Typed clients of the rwa-gate contracts (generated from schema/ by scripts/ts-client.sh) and
// the CosmJS adapter.
export * as ComplianceRegistryTypes from "./generated/ComplianceRegistry.types";
export * as GatedTokenTypes from "./generated/GatedToken.types";
export {
  ComplianceRegistryClient,
  ComplianceRegistryQueryClient,
} from "./generated/ComplianceRegistry.client";
export { GatedTokenClient, GatedTokenQueryClient } from "./generated/GatedToken.client";
export { accountParser, queryAdapter, signingAdapter } from "./cosmjs";
