// End to end on the local chain, with the generated clients over CosmJS: reads an asset's
// clearance, asks check_issuance, and mints with a wallet derived from a mnemonic.
//
//   node dist/e2e.js --deployment FILE --asset ID --amount N --recipient ADDR [--account-index N]
//                    [--node URL] [--expect denied]
//
// The mnemonic comes from the file named by RWA_GATE_MNEMONIC_FILE or from RWA_GATE_MNEMONIC,
// never from the command line. Prints one JSON line; exits 0 when the outcome is the expected
// one (minted, or with --expect denied refused with reasons and nothing sent), 1 otherwise.

import { readFileSync } from "node:fs";
import { SigningCosmWasmClient } from "@cosmjs/cosmwasm";
import { makeCosmoshubPath } from "@cosmjs/amino";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice } from "@cosmjs/stargate";
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { ComplianceRegistryQueryClient } from "./generated/ComplianceRegistry.client";
import type { Clearance, Decision, MintedResponse } from "./generated/ComplianceRegistry.types";
import { GatedTokenClient } from "./generated/GatedToken.client";
import { accountParser, queryAdapter, signingAdapter } from "./cosmjs";

interface Deployment {
  chain_id: string;
  registry: string;
}

function args(): Map<string, string> {
  const out = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (!key?.startsWith("--") || value === undefined) {
      throw new Error(`usage: e2e --deployment FILE --asset ID --amount N --recipient ADDR ...`);
    }
    out.set(key.slice(2), value);
  }
  return out;
}

function need(a: Map<string, string>, key: string): string {
  const v = a.get(key);
  if (v === undefined) throw new Error(`--${key} is required`);
  return v;
}

function mnemonic(): string {
  const file = process.env.RWA_GATE_MNEMONIC_FILE;
  const text = file ? readFileSync(file, "utf8") : process.env.RWA_GATE_MNEMONIC;
  if (!text || !text.trim()) {
    throw new Error("give the key with RWA_GATE_MNEMONIC_FILE or RWA_GATE_MNEMONIC");
  }
  return text.trim().split(/\s+/).join(" ");
}

async function main(): Promise<number> {
  const a = args();
  const deployment = JSON.parse(readFileSync(need(a, "deployment"), "utf8")) as Deployment;
  const asset = need(a, "asset");
  const amount = need(a, "amount");
  const recipient = need(a, "recipient");
  const index = Number(a.get("account-index") ?? "0");
  const node = a.get("node") ?? process.env.RWA_GATE_NODE ?? "http://127.0.0.1:26757";
  const expectDenied = a.get("expect") === "denied";

  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic(), {
    prefix: "wasm",
    hdPaths: [makeCosmoshubPath(index)],
  });
  const [account] = await wallet.getAccounts();
  const sender = account.address;
  // CometBFT 0.39 answers like 0.38: connect with the 0.38 client explicitly rather than by
  // version detection.
  const comet = await Comet38Client.connect(node);
  const client = await SigningCosmWasmClient.createWithSigner(comet, wallet, {
    gasPrice: GasPrice.fromString("0stake"),
    accountParser,
  });
  const chainId = await client.getChainId();
  if (chainId !== deployment.chain_id) {
    throw new Error(`node ${node} serves ${chainId}, the deployment is on ${deployment.chain_id}`);
  }

  const registry = new ComplianceRegistryQueryClient(queryAdapter(client), deployment.registry);
  const clearance: Clearance = await registry.clearance({ asset });
  const decision: Decision = await registry.checkIssuance({ asset, amount, minter: sender });
  const result: Record<string, unknown> = {
    asset,
    sender,
    token: clearance.token,
    clearance: {
      filings: clearance.filing.attestations,
      screenings: clearance.screening.attestations,
      blockers: clearance.blockers.map((b) => ({ flag: b.flag, reason: b.reason })),
    },
    allowed: decision.allowed,
    reasons: decision.reasons,
  };
  if (!decision.allowed) {
    result.sent = false;
    console.log(JSON.stringify(result));
    comet.disconnect();
    return expectDenied ? 0 : 1;
  }
  const token = new GatedTokenClient(signingAdapter(client), sender, clearance.token);
  const tx = (await token.mint({ recipient, amount }, "auto")) as {
    transactionHash: string;
    height: number;
    gasUsed: bigint;
  };
  const minted: MintedResponse = await registry.minted({ asset });
  result.sent = true;
  result.tx = tx.transactionHash;
  result.height = tx.height;
  result.gas_used = tx.gasUsed.toString();
  result.minted = minted.minted;
  console.log(JSON.stringify(result));
  comet.disconnect();
  return expectDenied ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.RWA_GATE_DEBUG && err instanceof Error) console.error(err.stack);
    process.exit(1);
  },
);
