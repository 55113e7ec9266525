//! The deployment the load runs against: accounts, codes, the registry, its oracles and
//! issuers, one asset (and token) per issuer, each cleared for issuance.

use std::path::Path;
use std::time::Instant;

use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, QueryMsg, TokenSpec};
use rwa_gate::types::LOOKBACK_SECONDS;
use rwa_gate::{AttestationKind, IssuancePlan, Scopes};
use rwa_gate_chain_tests::localnet;
use rwa_gate_client::{Client, Gas, Wallet};
use serde::Serialize;
use serde_json::Value;

use crate::args::{Args, Codes};
use crate::messages::{self, AttestSpec};
use crate::model::Effect;
use crate::{progress, FIRST_INDEX, MAX_SUPPLY, R};

pub struct Deployed {
    pub registry: String,
    pub registry_code: u64,
    pub token_code: u64,
    pub assets: Vec<String>,
    pub tokens: Vec<String>,
    pub deployer: Wallet,
    pub oracles: Vec<Wallet>,
    pub issuers: Vec<Wallet>,
    pub holders: Vec<String>,
    /// Attestations posted during the setup (part of the model).
    pub setup_attestations: Vec<Effect>,
    pub expires_at: Timestamp,
    pub lookback_from: Timestamp,
}

/// The accounts of the load, all from the faucet mnemonic.
struct Accounts {
    faucet: Wallet,
    deployer: Wallet,
    oracles: Vec<Wallet>,
    issuers: Vec<Wallet>,
    holders: Vec<String>,
}

pub fn send<M: Serialize>(client: &Client, wallet: &Wallet, contract: &str, msgs: &[M]) -> R<()> {
    let anys = msgs
        .iter()
        .map(|m| client.execute_msg(wallet, contract, m, &[]))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    client
        .broadcast(wallet, &anys, Gas::Simulate)
        .map(|_| ())
        .map_err(|e| format!("{} by {}: {e}", msgs.len(), wallet.address()))
}

/// The registry and token codes in `dir`, as `scripts/build.sh` writes them.
pub fn read_codes(dir: &Path) -> R<(Vec<u8>, Vec<u8>)> {
    let read = |name: &str| {
        let path = dir.join(format!("{name}.wasm"));
        std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    Ok((read("compliance_registry")?, read("gated_token")?))
}

fn accounts(args: &Args) -> R<Accounts> {
    let net = localnet();
    let key = |i: u32| net.account(i).map_err(|e| e.to_string());
    let range = |first: u32, n: usize| (0..n).map(|i| key(first + i as u32)).collect::<R<Vec<_>>>();
    Ok(Accounts {
        faucet: key(0)?,
        deployer: key(FIRST_INDEX)?,
        oracles: range(FIRST_INDEX + 1, args.oracles)?,
        issuers: range(FIRST_INDEX + 50, args.issuers)?,
        holders: range(FIRST_INDEX + 100, args.holders)?
            .iter()
            .map(|w| w.address().to_string())
            .collect(),
    })
}

fn fund(client: &Client, a: &Accounts) -> R<()> {
    let mut funded = vec![a.deployer.address().clone()];
    funded.extend(a.oracles.iter().map(|w| w.address().clone()));
    funded.extend(a.issuers.iter().map(|w| w.address().clone()));
    client
        .fund(&a.faucet, &funded, 1_000_000)
        .map(|_| ())
        .map_err(|e| format!("funding: {e}"))
}

/// (registry code, token code): given, or stored from the artifacts (found by checksum when
/// already stored).
fn codes(client: &Client, deployer: &Wallet, codes: &Codes) -> R<(u64, u64)> {
    match codes {
        Codes::Ids(registry, token) => Ok((*registry, *token)),
        Codes::Artifacts(dir) => {
            let (registry, token) = read_codes(dir)?;
            let store = |name: &str, wasm: &[u8]| {
                client
                    .store_code_once(deployer, wasm)
                    .map_err(|e| format!("storing {name}.wasm of {}: {e}", dir.display()))
            };
            Ok((
                store("compliance_registry", &registry)?,
                store("gated_token", &token)?,
            ))
        }
    }
}

fn instantiate_registry(
    client: &Client,
    args: &Args,
    a: &Accounts,
    token_code: u64,
    registry_code: u64,
) -> R<String> {
    let (registry, _) = client
        .instantiate(
            &a.deployer,
            registry_code,
            &messages::instantiate(args.dialect, token_code),
            "compliance-registry (load)",
            Some(a.deployer.address().as_ref()),
        )
        .map_err(|e| format!("instantiating the registry: {e}"))?;
    let all = Scopes {
        cross_border_investment: false,
        data_security: false,
        foreign_exchange: false,
        filing: true,
        screening: true,
        flags: true,
        eligibility: false,
        orders: false,
    };
    let mut owner_msgs: Vec<RegistryMsg> = a
        .oracles
        .iter()
        .map(|o| RegistryMsg::AddOracle {
            address: o.address().to_string(),
            scopes: all,
        })
        .collect();
    owner_msgs.extend(a.issuers.iter().map(|i| RegistryMsg::ApproveIssuer {
        address: i.address().to_string(),
    }));
    send(client, &a.deployer, &registry, &owner_msgs)?;
    Ok(registry)
}

/// The entities the oracles flag, then one asset per issuer: (asset ids, their tokens).
fn register_assets(client: &Client, a: &Accounts, registry: &str) -> R<(Vec<String>, Vec<String>)> {
    // The first issuer registers the entities the oracles flag: linked to no asset, so their
    // flags block nothing the load mints.
    let watch: Vec<RegistryMsg> = (0..a.oracles.len())
        .map(|i| RegistryMsg::RegisterEntity {
            id: format!("watch-{i}"),
        })
        .collect();
    send(client, &a.issuers[0], registry, &watch)?;
    let mut assets = Vec::new();
    for (j, issuer) in a.issuers.iter().enumerate() {
        let asset = format!("asset-{j}");
        let symbol: String = format!("LD{}", (b'A' + (j % 26) as u8) as char);
        let register = [
            RegistryMsg::RegisterEntity {
                id: format!("issuer-{j}"),
            },
            RegistryMsg::RegisterAsset {
                id: asset.clone(),
                filing_entity: format!("issuer-{j}"),
                related_parties: vec![],
                plan: IssuancePlan {
                    approvals: vec![],
                    max_supply: Uint128::new(MAX_SUPPLY),
                    materials_digest: messages::plan_digest(&asset),
                    terms: None,
                },
                token: TokenSpec {
                    name: format!("Load asset {j}"),
                    symbol,
                    decimals: 6,
                },
            },
        ];
        send(client, issuer, registry, &register)?;
        assets.push(asset);
    }
    let mut tokens = Vec::new();
    for asset in &assets {
        // Read as JSON: the asset record's shape differs between releases, its token does not.
        let record: Value = client
            .query(registry, &QueryMsg::Asset { id: asset.clone() })
            .map_err(|e| format!("asset {asset}: {e}"))?;
        let token = record["token"]
            .as_str()
            .ok_or_else(|| format!("asset {asset} has no token"))?;
        tokens.push(token.to_string());
    }
    Ok((assets, tokens))
}

/// A filing and a screening of every asset by the first oracle; their effects.
fn clear_assets(
    client: &Client,
    args: &Args,
    a: &Accounts,
    registry: &str,
    assets: &[String],
) -> R<(Vec<Effect>, Timestamp, Timestamp)> {
    let (_, now) = client.latest_block().map_err(|e| e.to_string())?;
    let now = Timestamp::from_nanos(now);
    let expires_at = now.plus_seconds(60 * 86_400);
    let lookback_from = now.minus_seconds(LOOKBACK_SECONDS);
    let mut effects = Vec::new();
    let mut msgs: Vec<Value> = Vec::new();
    for asset in assets {
        for kind in [AttestationKind::Filing, AttestationKind::Screening] {
            let digest = crate::hex_digest(&format!("setup {asset} {kind:?}"));
            let spec = AttestSpec {
                asset,
                kind,
                digest: &digest,
                expires_at,
                lookback_from,
            };
            msgs.push(messages::attest(args.dialect, &spec));
            effects.push(Effect::Attest {
                asset: asset.clone(),
                oracle: a.oracles[0].address().to_string(),
                kind,
                digest,
            });
        }
    }
    send(client, &a.oracles[0], registry, &msgs)?;
    Ok((effects, expires_at, lookback_from))
}

pub fn deploy(client: &Client, args: &Args, started: Instant) -> R<Deployed> {
    let a = accounts(args)?;
    progress(started, "setup: funding the deployer, oracles and issuers");
    fund(client, &a)?;
    progress(
        started,
        "setup: storing the codes (found by checksum when already stored)",
    );
    let (registry_code, token_code) = codes(client, &a.deployer, &args.codes)?;
    progress(started, "setup: the registry, its oracles and issuers");
    let registry = instantiate_registry(client, args, &a, token_code, registry_code)?;
    progress(started, "setup: entities, assets and their tokens");
    let (assets, tokens) = register_assets(client, &a, &registry)?;
    progress(
        started,
        "setup: a filing and a screening of every asset (clears issuance)",
    );
    let (setup_attestations, expires_at, lookback_from) =
        clear_assets(client, args, &a, &registry, &assets)?;
    Ok(Deployed {
        registry,
        registry_code,
        token_code,
        assets,
        tokens,
        deployer: a.deployer,
        oracles: a.oracles,
        issuers: a.issuers,
        holders: a.holders,
        setup_attestations,
        expires_at,
        lookback_from,
    })
}
