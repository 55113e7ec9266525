// The adapter between a CosmJS SigningCosmWasmClient (0.38) and the signing-client interface
// of the generated clients (ISigningCosmWasmClient in generated/baseClient.ts, written for
// interchainjs). The two differ only in types: interchainjs' StdFee and Coin carry mutable
// arrays where CosmJS' are readonly, and "auto" means a simulated gas estimate in CosmJS (what
// this adapter keeps) but a fixed 200,000 gas in the generated interchainjs helper.

import type { CosmWasmClient, SigningCosmWasmClient } from "@cosmjs/cosmwasm";
import type { StdFee as CosmjsFee } from "@cosmjs/amino";
import { decodeOptionalPubkey } from "@cosmjs/proto-signing";
import { accountFromAny, type Account } from "@cosmjs/stargate";
import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { ICosmWasmClient, ISigningCosmWasmClient } from "./generated/baseClient";

type GeneratedFee = Parameters<ISigningCosmWasmClient["execute"]>[3];
type GeneratedCoins = Parameters<ISigningCosmWasmClient["execute"]>[5];

function toCosmjsFee(fee: GeneratedFee): number | CosmjsFee | "auto" {
  if (fee === undefined || fee === "auto") {
    return "auto";
  }
  if (typeof fee === "number") {
    return fee;
  }
  return {
    amount: fee.amount.map((c) => ({ denom: c.denom, amount: c.amount })),
    gas: fee.gas,
  };
}

/** Queries through CosmJS for the generated query clients. */
export function queryAdapter(client: CosmWasmClient): ICosmWasmClient {
  return {
    queryContractSmart: (contract: string, query: unknown) =>
      client.queryContractSmart(contract, query as Record<string, unknown>),
  };
}

/** Queries and executes through CosmJS for the generated signing clients. */
export function signingAdapter(client: SigningCosmWasmClient): ISigningCosmWasmClient {
  return {
    ...queryAdapter(client),
    execute: (
      sender: string,
      contract: string,
      msg: unknown,
      fee?: GeneratedFee,
      memo?: string,
      funds?: GeneratedCoins,
    ) =>
      client.execute(
        sender,
        contract,
        msg as Record<string, unknown>,
        toCosmjsFee(fee),
        memo,
        funds?.map((c) => ({ denom: c.denom, amount: c.amount })),
      ),
  };
}

/**
 * An account parser for chains whose account numbers exceed 2^53 (Cosmos SDK 0.54 hands out
 * 64-bit account numbers: 14358988775749940173 on the local chain). CosmJS' own parser refuses
 * them ("number can only safely store up to 53 bits"); this one keeps the exact value as a
 * bigint where CosmJS' type says number. CosmJS only ever passes it to `BigInt(...)` when it
 * builds the sign document, which leaves a bigint exact. Other account types go to CosmJS.
 */
export function accountParser(any: Any): Account {
  if (any.typeUrl !== "/cosmos.auth.v1beta1.BaseAccount") {
    return accountFromAny(any);
  }
  const account = BaseAccount.decode(any.value);
  return {
    address: account.address,
    pubkey: decodeOptionalPubkey(account.pubKey),
    accountNumber: account.accountNumber as unknown as number,
    sequence: Number(account.sequence),
  };
}
