//! A deployment of both artifacts in the [`Vm`], with the std-3 messages of `packages/rwa-gate`
//! sent as JSON: the registry, four oracles (one Filing, one Screening, two flag-scoped), an
//! approved issuer, the entities `acme` (filing entity), `holdco` and `founder` (related
//! parties), and the asset `bond` with its gated token.

use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::cw20::BalanceResponse;
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, InstantiateMsg, NegativeListInit, TokenSpec};
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate::types::LOOKBACK_SECONDS;
use rwa_gate::{
    Decision, Evidence, FlagReason, IssuancePlan, PartyRole, RelatedParty, Scopes, Statement,
    Subject,
};

use crate::{Outcome, Vm};

pub const DAY: u64 = 86_400;
pub const BOND: &str = "bond";
pub const ACME: &str = "acme";
pub const HOLDCO: &str = "holdco";
pub const FOUNDER: &str = "founder";
pub const MAX_SUPPLY: u128 = 1_000_000;
/// Filing attestations of the scenario are valid this long (the default maximum is 365 days).
pub const FILING_VALIDITY: u64 = 300 * DAY;
/// Screening attestations of the scenario are valid this long (the default maximum is 90 days).
pub const SCREENING_VALIDITY: u64 = 80 * DAY;

/// A 64-hex-digit digest derived from a seed.
pub fn digest(seed: &str) -> String {
    let bytes = seed.as_bytes();
    (0..32)
        .map(|i| format!("{:02x}", bytes[i % bytes.len()] ^ (i as u8).wrapping_mul(7)))
        .collect()
}

pub fn evidence(seed: &str) -> Evidence {
    Evidence {
        digest: digest(seed),
        uri: None,
    }
}

/// The plan digest of an asset.
pub fn plan_digest(asset: &str) -> String {
    digest(&format!("plan of {asset}"))
}

pub struct Deployment {
    pub vm: Vm,
    pub registry: String,
    /// The gated token of `bond`.
    pub token: String,
    pub token_code_id: u64,
    pub owner: String,
    pub issuer: String,
    pub filer: String,
    pub screener: String,
    pub watcher: String,
    pub watcher2: String,
}

impl Default for Deployment {
    fn default() -> Self {
        Self::new()
    }
}

impl Deployment {
    pub fn new() -> Self {
        let mut vm = Vm::new();
        let registry_code = vm.store_code("compliance_registry.wasm");
        let token_code_id = vm.store_code("gated_token.wasm");
        let owner = vm.addr("owner");
        let issuer = vm.addr("issuer");
        let registry = vm
            .instantiate(
                registry_code,
                &owner,
                &InstantiateMsg {
                    owner: None,
                    pauser: None,
                    token_code_id,
                    params: None,
                    negative_list: NegativeListInit {
                        version: 1,
                        digest: digest("negative list 1"),
                    },
                },
            )
            .expect("registry instantiates")
            .address
            .expect("registry address");
        let mut d = Deployment {
            filer: vm.addr("filer"),
            screener: vm.addr("screener"),
            watcher: vm.addr("watcher"),
            watcher2: vm.addr("watcher2"),
            vm,
            registry,
            token: String::new(),
            token_code_id,
            owner,
            issuer,
        };
        let scopes = |filing, screening, flags| Scopes {
            filing,
            screening,
            flags,
        };
        for (oracle, scopes) in [
            (d.filer.clone(), scopes(true, false, false)),
            (d.screener.clone(), scopes(false, true, false)),
            (d.watcher.clone(), scopes(false, false, true)),
            (d.watcher2.clone(), scopes(false, false, true)),
        ] {
            d.owner_exec(&RegistryMsg::AddOracle {
                address: oracle,
                scopes,
            })
            .expect("oracle added");
        }
        d.owner_exec(&RegistryMsg::ApproveIssuer {
            address: d.issuer.clone(),
        })
        .expect("issuer approved");
        for entity in [ACME, HOLDCO, FOUNDER] {
            d.register_entity(entity).expect("entity registered");
        }
        d.token = d
            .register_asset(
                BOND,
                ACME,
                &[
                    (HOLDCO, PartyRole::ControllingShareholder),
                    (FOUNDER, PartyRole::UltimateController),
                ],
            )
            .expect("asset registered");
        d
    }

    pub fn now(&self) -> u64 {
        self.vm.block.time.seconds()
    }

    pub fn owner_exec(&mut self, msg: &RegistryMsg) -> Result<Outcome, String> {
        let owner = self.owner.clone();
        self.registry_exec(&owner, msg)
    }

    pub fn registry_exec(&mut self, sender: &str, msg: &RegistryMsg) -> Result<Outcome, String> {
        let registry = self.registry.clone();
        self.vm.execute(&registry, sender, msg)
    }

    pub fn register_entity(&mut self, id: &str) -> Result<Outcome, String> {
        let issuer = self.issuer.clone();
        self.registry_exec(&issuer, &RegistryMsg::RegisterEntity { id: id.to_string() })
    }

    /// Registers an asset of the issuer; returns the address of its gated token.
    pub fn register_asset(
        &mut self,
        id: &str,
        filing_entity: &str,
        parties: &[(&str, PartyRole)],
    ) -> Result<String, String> {
        let issuer = self.issuer.clone();
        let outcome = self.registry_exec(
            &issuer,
            &RegistryMsg::RegisterAsset {
                id: id.to_string(),
                filing_entity: filing_entity.to_string(),
                related_parties: parties
                    .iter()
                    .map(|(entity, role)| RelatedParty {
                        entity: entity.to_string(),
                        role: *role,
                    })
                    .collect(),
                plan: IssuancePlan {
                    max_supply: Uint128::new(MAX_SUPPLY),
                    materials_digest: plan_digest(id),
                },
                token: TokenSpec {
                    name: format!("{id} token"),
                    symbol: "BOND".to_string(),
                    decimals: 6,
                },
            },
        )?;
        Ok(outcome
            .attr("token")
            .expect("the reply records the token")
            .to_string())
    }

    /// A Filing attestation of `asset` by the Filing oracle for its current plan.
    pub fn attest_filing(&mut self, asset: &str, approved_supply: u128) -> Result<Outcome, String> {
        let filer = self.filer.clone();
        self.attest_filing_by(&filer, asset, approved_supply)
    }

    pub fn attest_filing_by(
        &mut self,
        oracle: &str,
        asset: &str,
        approved_supply: u128,
    ) -> Result<Outcome, String> {
        let msg = RegistryMsg::Attest {
            asset: asset.to_string(),
            statement: Statement::Filing {
                filing_reference: "CSRC-2026-0042".to_string(),
                plan_digest: plan_digest(asset),
                approved_supply: Uint128::new(approved_supply),
            },
            expires_at: Timestamp::from_seconds(self.now() + FILING_VALIDITY),
            evidence: evidence("filing receipt"),
        };
        self.registry_exec(oracle, &msg)
    }

    /// A Screening attestation of `asset` covering `subjects`, three years back.
    pub fn attest_screening(&mut self, asset: &str, subjects: &[&str]) -> Result<Outcome, String> {
        let screener = self.screener.clone();
        let msg = RegistryMsg::Attest {
            asset: asset.to_string(),
            statement: Statement::Screening {
                negative_list_version: 1,
                subjects: subjects.iter().map(|s| s.to_string()).collect(),
                lookback_from: Timestamp::from_seconds(self.now() - LOOKBACK_SECONDS),
            },
            expires_at: Timestamp::from_seconds(self.now() + SCREENING_VALIDITY),
            evidence: evidence("screening report"),
        };
        self.registry_exec(&screener, &msg)
    }

    /// Filing and Screening attestations of `bond`: its mint is then allowed.
    pub fn clear_bond(&mut self) {
        self.attest_filing(BOND, MAX_SUPPLY)
            .expect("filing attested");
        self.attest_screening(BOND, &[ACME, HOLDCO, FOUNDER])
            .expect("screening attested");
    }

    /// Raises a flag by the first flag-scoped oracle; returns the flag id.
    pub fn raise_flag(&mut self, subject: Subject, reason: FlagReason) -> Result<u64, String> {
        let watcher = self.watcher.clone();
        let outcome = self.registry_exec(
            &watcher,
            &RegistryMsg::RaiseFlag {
                subject,
                reason,
                evidence: evidence("adverse finding"),
            },
        )?;
        Ok(outcome
            .attr("flag")
            .expect("flag id")
            .parse()
            .expect("numeric"))
    }

    /// The owner clears a flag at once.
    pub fn clear_flag(&mut self, id: u64) -> Result<Outcome, String> {
        self.owner_exec(&RegistryMsg::ClearFlag {
            id,
            conclusion: evidence("conclusion"),
        })
    }

    pub fn mint(&mut self, sender: &str, recipient: &str, amount: u128) -> Result<Outcome, String> {
        let token = self.token.clone();
        self.vm.execute(
            &token,
            sender,
            &TokenMsg::Mint {
                recipient: recipient.to_string(),
                amount: Uint128::new(amount),
            },
        )
    }

    /// The issuer (the asset's first minter) mints to `recipient`.
    pub fn issue(&mut self, recipient: &str, amount: u128) -> Result<Outcome, String> {
        let issuer = self.issuer.clone();
        self.mint(&issuer, recipient, amount)
    }

    pub fn transfer(&mut self, from: &str, to: &str, amount: u128) -> Result<Outcome, String> {
        let token = self.token.clone();
        self.vm.execute(
            &token,
            from,
            &TokenMsg::Transfer {
                recipient: to.to_string(),
                amount: Uint128::new(amount),
            },
        )
    }

    pub fn balance(&self, address: &str) -> u128 {
        let answer: BalanceResponse = self
            .vm
            .query(
                &self.token,
                &rwa_gate::token::QueryMsg::Balance {
                    address: address.to_string(),
                },
            )
            .expect("balance query");
        answer.balance.u128()
    }

    /// The registry's `check_issuance` of `bond` for `amount` by the issuer.
    pub fn check_issuance(&self, amount: u128) -> Decision {
        self.vm
            .query(
                &self.registry,
                &rwa_gate::registry::QueryMsg::CheckIssuance {
                    asset: BOND.to_string(),
                    amount: Uint128::new(amount),
                    minter: Some(self.issuer.clone()),
                },
            )
            .expect("check_issuance query")
    }
}
