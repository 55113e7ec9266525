// Statements an oracle signs offline for anyone to relay (`ExecuteMsg::Relay`), signed here to
// the same bytes as the Rust client and checked by the registry: the sign bytes are the domain
// line and the JSON of the SignDoc exactly as `cosmwasm_std::to_json_vec` writes it (fields in
// the Rust declaration order, no whitespace, `null` for an absent Option unless the field is
// left out when empty); the signature is secp256k1 over their SHA-256, 64 bytes r || s with a
// low S. tests/fixtures/signed-statement-vector.json pins the bytes for both clients.

import { Secp256k1, sha256 } from "@cosmjs/crypto";
import { toBase64, toUtf8 } from "@cosmjs/encoding";

/** The first bytes of every statement's sign bytes (rwa_gate::delegation::SIGN_DOMAIN). */
export const SIGN_DOMAIN = "rwa-gate signed statement v1\n";
/** The largest nonce a JavaScript number holds exactly. */
export const MAX_SAFE_NONCE = Number.MAX_SAFE_INTEGER;

export interface Evidence {
  digest: string;
  uri?: string | null;
}

export type Approval = "cross_border_investment" | "foreign_exchange" | "data_security";
export type InvestorClass = "retail" | "professional" | "institutional";

export interface DistributionTerms {
  classes?: InvestorClass[] | null;
  excluded_jurisdictions?: string[];
  lockup_until?: string | null;
  max_holders?: number | null;
  max_balance?: string | null;
  max_outflow?: { amount: string; period_seconds: number } | null;
}

export interface IssuancePlan {
  max_supply: string;
  materials_digest: string;
  terms?: DistributionTerms | null;
  approvals?: Approval[];
}

export type StatementMsg =
  | { filing: { filing_reference: string; plan: IssuancePlan; approved_supply: string } }
  | { screening: { negative_list_version: number; subjects: string[]; lookback_from: string } }
  | { approval: { approval: Approval; reference: string } };

export type OracleAction =
  | { attest: { asset: string; statement: StatementMsg; expires_at: string; evidence: Evidence } }
  | { revoke: { id: number; evidence: Evidence } }
  | {
      attest_eligibility: {
        account: string;
        holder: string;
        class: InvestorClass;
        jurisdiction: string;
        expires_at: string;
        evidence: Evidence;
      };
    }
  | { revoke_eligibility: { account: string; evidence: Evidence } };

/** What the signature covers. Timestamps are nanoseconds since 1970, as decimal strings. */
export interface SignDoc {
  chain_id: string;
  registry: string;
  oracle: string;
  nonce: number;
  deadline: string;
  actions: OracleAction[];
}

/** The message the registry takes in `{"relay": {"statement": ...}}`. */
export interface SignedStatement {
  oracle: string;
  nonce: number;
  deadline: string;
  actions: OracleAction[];
  /** Base64 of the 64 bytes r || s. */
  signature: string;
}

type Json = string | number | boolean | null | Json[] | Fields;
/** An object written in the order of its entries (a Rust struct's declaration order). */
type Fields = { readonly entries: ReadonlyArray<readonly [string, Json]> };

function fields(...entries: Array<readonly [string, Json] | undefined>): Fields {
  return { entries: entries.filter((e): e is readonly [string, Json] => e !== undefined) };
}

function write(value: Json): string {
  if (Array.isArray(value)) {
    return `[${value.map(write).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new Error(`${value} is not an integer a JavaScript number holds exactly`);
  }
  // JSON.stringify escapes strings as serde_json does (", \, \b \f \n \r \t, other control
  // characters as lower-case \u00xx; the rest as it is).
  return JSON.stringify(value);
}

function evidence(e: Evidence): Fields {
  return fields(["digest", e.digest], ["uri", e.uri ?? null]);
}

function terms(t: DistributionTerms): Fields {
  const outflow = t.max_outflow
    ? fields(["amount", t.max_outflow.amount], ["period_seconds", t.max_outflow.period_seconds])
    : null;
  return fields(
    ["classes", t.classes ?? null],
    ["excluded_jurisdictions", t.excluded_jurisdictions ?? []],
    ["lockup_until", t.lockup_until ?? null],
    ["max_holders", t.max_holders ?? null],
    ["max_balance", t.max_balance ?? null],
    ["max_outflow", outflow],
  );
}

function plan(p: IssuancePlan): Fields {
  // `terms` is left out when absent and `approvals` when empty, as the Rust type does.
  return fields(
    ["max_supply", p.max_supply],
    ["materials_digest", p.materials_digest],
    p.terms ? ["terms", terms(p.terms)] : undefined,
    p.approvals && p.approvals.length > 0 ? ["approvals", p.approvals] : undefined,
  );
}

function statement(s: StatementMsg): Fields {
  if ("filing" in s) {
    const f = s.filing;
    return fields([
      "filing",
      fields(
        ["filing_reference", f.filing_reference],
        ["plan", plan(f.plan)],
        ["approved_supply", f.approved_supply],
      ),
    ]);
  }
  if ("screening" in s) {
    const x = s.screening;
    return fields([
      "screening",
      fields(
        ["negative_list_version", x.negative_list_version],
        ["subjects", x.subjects],
        ["lookback_from", x.lookback_from],
      ),
    ]);
  }
  const a = s.approval;
  return fields(["approval", fields(["approval", a.approval], ["reference", a.reference])]);
}

function action(a: OracleAction): Fields {
  if ("attest" in a) {
    const x = a.attest;
    return fields([
      "attest",
      fields(
        ["asset", x.asset],
        ["statement", statement(x.statement)],
        ["expires_at", x.expires_at],
        ["evidence", evidence(x.evidence)],
      ),
    ]);
  }
  if ("revoke" in a) {
    return fields(["revoke", fields(["id", a.revoke.id], ["evidence", evidence(a.revoke.evidence)])]);
  }
  if ("attest_eligibility" in a) {
    const x = a.attest_eligibility;
    return fields([
      "attest_eligibility",
      fields(
        ["account", x.account],
        ["holder", x.holder],
        ["class", x.class],
        ["jurisdiction", x.jurisdiction],
        ["expires_at", x.expires_at],
        ["evidence", evidence(x.evidence)],
      ),
    ]);
  }
  const x = a.revoke_eligibility;
  return fields(["revoke_eligibility", fields(["account", x.account], ["evidence", evidence(x.evidence)])]);
}

/** The domain line and the SignDoc's JSON, byte for byte what the registry hashes. */
export function signBytes(doc: SignDoc): Uint8Array {
  const json = write(
    fields(
      ["chain_id", doc.chain_id],
      ["registry", doc.registry],
      ["oracle", doc.oracle],
      ["nonce", doc.nonce],
      ["deadline", doc.deadline],
      ["actions", doc.actions.map(action)],
    ),
  );
  return toUtf8(SIGN_DOMAIN + json);
}

/** Signs `doc` with the 32-byte secp256k1 `secretKey`: the statement to relay. */
export async function signStatement(doc: SignDoc, secretKey: Uint8Array): Promise<SignedStatement> {
  const digest = sha256(signBytes(doc));
  const signature = await Secp256k1.createSignature(digest, secretKey);
  // r || s (the recovery byte is not part of it); CosmJS gives the low S already.
  const rs = signature.toFixedLength().slice(0, 64);
  return {
    oracle: doc.oracle,
    nonce: doc.nonce,
    deadline: doc.deadline,
    actions: doc.actions,
    signature: toBase64(rs),
  };
}

/** The compressed public key (33 bytes) of `secretKey`: what `SetSigningKey` registers. */
export async function signingPublicKey(secretKey: Uint8Array): Promise<Uint8Array> {
  const { pubkey } = await Secp256k1.makeKeypair(secretKey);
  return Secp256k1.compressPubkey(pubkey);
}

/** A nonce from the clock: microseconds since 1970, exact in JavaScript until the year 2255. */
export function clockNonce(): number {
  return Date.now() * 1000 + Math.floor(Math.random() * 1000);
}
