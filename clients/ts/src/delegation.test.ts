// The TypeScript signer against the Rust client's fixed vector: byte-identical sign bytes,
// digest and signature (node --test dist/delegation.test.js, run by scripts/ts-client.sh).

import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { fromBase64, fromHex, toHex } from "@cosmjs/encoding";

import { signBytes, signingPublicKey, signStatement, type SignDoc } from "./delegation";

interface Vector extends SignDoc {
  secret_key: string;
  public_key: string;
  sign_bytes: string;
  digest: string;
  signature: string;
}

// dist/ sits beside src/ in clients/ts; the fixture is the repository's.
const vector: Vector = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "..", "tests", "fixtures", "signed-statement-vector.json"), "utf8"),
);

test("the sign bytes are the Rust client's, byte for byte", () => {
  const bytes = signBytes(vector);
  assert.equal(Buffer.from(bytes).toString("utf8"), vector.sign_bytes);
  assert.equal(toHex(sha256(bytes)), vector.digest);
});

test("the signature is the Rust client's, and verifies", async () => {
  const secret = fromHex(vector.secret_key);
  assert.equal(toHex(await signingPublicKey(secret)), vector.public_key);
  const signed = await signStatement(vector, secret);
  const rs = fromBase64(signed.signature);
  assert.equal(rs.length, 64);
  assert.equal(toHex(rs), vector.signature);
  const ok = await Secp256k1.verifySignature(
    Secp256k1Signature.fromFixedLength(rs),
    fromHex(vector.digest),
    fromHex(vector.public_key),
  );
  assert.ok(ok);
  assert.deepEqual(signed.actions, vector.actions);
});

test("another chain signs other bytes", async () => {
  const other = { ...vector, chain_id: "rwa-gate-other" };
  const signed = await signStatement(other, fromHex(vector.secret_key));
  assert.notEqual(toHex(fromBase64(signed.signature)), vector.signature);
});

test("a nonce a JavaScript number cannot hold exactly is refused", () => {
  assert.throws(() => signBytes({ ...vector, nonce: 2 ** 53 }), /not an integer a JavaScript number holds exactly/);
});
