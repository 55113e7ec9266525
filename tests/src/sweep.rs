//! A fully set-up fixture with one participant per role, a way to send any message (typed or
//! raw JSON, to the registry or to a token) as any of them, the one list of every message
//! ([`messages::MESSAGES`]), and the cases of the bad-input sweep, one module per feature.
//! Shared by the authorization matrix (`tests/matrix.rs`) and the bad-input sweep
//! (`tests/bad_inputs.rs`).
//!
//! The fixture, built afresh for every cell / case:
//!
//! - oracles `filer` (Filing), `screener` (Screening), `watcher` (flags, widened by the owner
//!   with `UpdateOracleScopes` to flags, eligibility and orders); `suspended` and
//!   `removed` (all scopes), which each posted a Filing attestation on the bond and, for
//!   `suspended`, raised a flag, before the owner suspended / removed them;
//! - `bond` cleared for issuance (Filing by `filer`, Screening by `screener`), its issuer
//!   `issuer`, a second minter `minter` added through `AddMinter`;
//! - a second approved issuer `issuer2` with its own entity `otherco` and asset `note` (paused);
//! - entity `bystander`, linked to no asset, carrying flag 1 (raised by `watcher`) and flag 2
//!   (raised by `suspended`);
//! - `holder` holding 100 bond tokens, of which `spender` may spend 50;
//! - `watcher`'s signing key ([`WATCHER_KEY`]), registered with `SetSigningKey`, so that
//!   anyone may relay a statement it signed;
//! - `watcher`'s eligibility statements for `holder` and `holder-new`, both of holder
//!   [`HOLDER_ID`] (a professional investor of Hong Kong, for a day), and its order
//!   [`ORDER_SEED`]: move 10 bond tokens from `holder` to `recipient` (attested, not carried
//!   out); the bond has no distribution terms;
//! - an ownership transfer to `pending` proposed; a cw20 receiver contract deployed;
//! - every clearance refreshed after the epoch bumps, so the bond is mintable.

pub mod case;
pub mod messages;

// The sweep's cases, by feature.
pub mod allowances;
pub mod approvals;
pub mod assets;
pub mod attestations;
pub mod batches;
pub mod delegation;
pub mod every_message;
pub mod flags;
pub mod governance;
pub mod holders;
pub mod json;
pub mod oracles;
pub mod token;

use cosmwasm_std::{Addr, Binary, Coin, Record, Uint128};
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, TokenSpec};
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate::{FlagReason, InvestorClass, IssuancePlan, PartyRole, RelatedParty, Scopes, Subject};

use crate::backend::Receipt;
use crate::oracles::{OracleKey, Unsigned};
use crate::{digest, Suite, ALL, BOND, DAY};

pub use messages::{message, Message, MESSAGES};

/// Every role of the matrix, in column order. `token` is the bond's token contract, `registry`
/// the registry contract itself.
pub const ROLES: [&str; 16] = [
    "owner",
    "pending",
    "pauser",
    "filer",
    "screener",
    "watcher",
    "suspended",
    "removed",
    "issuer",
    "issuer2",
    "minter",
    "holder",
    "spender",
    "stranger",
    "token",
    "registry",
];

pub const NOTE: &str = "note";
pub const OTHERCO: &str = "otherco";
pub const BYSTANDER: &str = "bystander";
/// Attestation ids of the fixture.
pub const FILER_FILING: u64 = 1;
pub const SCREENER_SCREENING: u64 = 2;
pub const SUSPENDED_FILING: u64 = 3;
pub const REMOVED_FILING: u64 = 4;
/// Flag ids of the fixture, both on `bystander`.
pub const WATCHER_FLAG: u64 = 1;
pub const SUSPENDED_FLAG: u64 = 2;
/// Bond tokens held by `holder`, and the part `spender` may spend.
pub const HELD: u128 = 100;
pub const ALLOWED: u128 = 50;
/// The holder id (its seed) of `holder` and `holder-new`, and the seed of the fixture's order.
pub const HOLDER_ID: &str = "H";
pub const ORDER_SEED: &str = "fixture";
/// The seed of `watcher`'s registered signing key.
pub const WATCHER_KEY: &str = "watcher signing key";
/// Native coins every role holds, so that sending funds fails for the right reason.
pub const FUNDED: u128 = 1_000;

/// The fixture: the suite plus the addresses the suite does not keep.
pub struct Fixture {
    pub s: Suite,
    pub bond_token: Addr,
    pub note_token: Addr,
    pub receiver: Addr,
}

/// Which contract a message goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum To {
    Registry,
    BondToken,
}

/// A message of either contract, typed or as raw JSON.
// A test value built once per case: its size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Msg {
    Registry(RegistryMsg),
    Token(TokenMsg),
    Raw(To, String),
}

impl From<RegistryMsg> for Msg {
    fn from(m: RegistryMsg) -> Self {
        Msg::Registry(m)
    }
}

impl From<TokenMsg> for Msg {
    fn from(m: TokenMsg) -> Self {
        Msg::Token(m)
    }
}

/// Registers `note`, the second issuer's asset, filed by `filing_entity`.
pub fn note_msg(filing_entity: &str) -> RegistryMsg {
    RegistryMsg::RegisterAsset {
        id: NOTE.into(),
        filing_entity: filing_entity.into(),
        related_parties: vec![],
        plan: IssuancePlan {
            approvals: vec![],
            max_supply: Uint128::new(500),
            materials_digest: digest("note-plan-v1"),
            terms: None,
        },
        token: TokenSpec {
            name: "Note token".into(),
            symbol: "NOTE".into(),
            decimals: 0,
        },
    }
}

impl Fixture {
    pub fn new() -> Fixture {
        let mut s = Suite::new()
            .with_standard_oracles()
            .with_oracle("suspended", ALL)
            .with_oracle("removed", ALL)
            .build();
        s.clear_for_issuance(BOND);
        s.attest_filing("suspended", BOND).expect("filing 3");
        s.attest_filing("removed", BOND).expect("filing 4");

        s.register_entity(BYSTANDER).expect("bystander");
        let w = s
            .raise_flag(
                "watcher",
                Subject::Entity(BYSTANDER.into()),
                FlagReason::NegativeList,
            )
            .expect("flag 1");
        let x = s
            .raise_flag(
                "suspended",
                Subject::Entity(BYSTANDER.into()),
                FlagReason::NationalSecurity,
            )
            .expect("flag 2");
        assert_eq!((w, x), (WATCHER_FLAG, SUSPENDED_FLAG));

        let issuer2 = s.addr("issuer2").to_string();
        s.exec_owner(&RegistryMsg::ApproveIssuer { address: issuer2 })
            .expect("issuer2 approved");
        s.exec(
            "issuer2",
            &RegistryMsg::RegisterEntity { id: OTHERCO.into() },
        )
        .expect("otherco");
        s.exec("issuer2", &note_msg(OTHERCO)).expect("note");
        s.exec_owner(&RegistryMsg::Pause {
            asset: Some(NOTE.into()),
        })
        .expect("note paused");

        let minter = s.addr("minter").to_string();
        s.exec(
            "issuer",
            &RegistryMsg::AddMinter {
                asset: BOND.into(),
                minter,
            },
        )
        .expect("minter added");
        s.mint("issuer", BOND, "holder", HELD)
            .expect("holder minted");
        let spender = s.addr("spender").to_string();
        s.exec_token(
            "holder",
            BOND,
            &TokenMsg::IncreaseAllowance {
                spender,
                amount: Uint128::new(ALLOWED),
                expires: None,
            },
        )
        .expect("allowance");
        let receiver = s.receiver();
        holder_side(&mut s);

        let pending = s.addr("pending").to_string();
        s.exec_owner(&RegistryMsg::ProposeOwner { new_owner: pending })
            .expect("transfer proposed");
        let suspended = s.addr("suspended").to_string();
        s.exec_owner(&RegistryMsg::SuspendOracle { address: suspended })
            .expect("suspended");
        let removed = s.addr("removed").to_string();
        s.exec_owner(&RegistryMsg::RemoveOracle { address: removed })
            .expect("removed");
        let res = s
            .exec(
                "anyone",
                &RegistryMsg::RefreshClearances {
                    start_after: None,
                    limit: None,
                },
            )
            .expect("refreshed");
        assert_eq!(res.attr("refreshed"), Some("2"));

        let bond_token = Addr::unchecked(s.token(BOND));
        let note_token = Addr::unchecked(s.token(NOTE));
        let mut fx = Fixture {
            s,
            bond_token,
            note_token,
            receiver: Addr::unchecked(receiver),
        };
        // The registry too: it is the one sender of the token's registry-only messages
        // (`update_freeze`, `update_terms`, `move_by_order`, `recover`), which the sweep also
        // sends with funds.
        for role in ROLES {
            if role != "token" {
                let address = fx.addr(role);
                fx.s.fund_address(&address, FUNDED);
            }
        }
        assert!(fx.s.check(BOND, 1, Some("minter")).allowed, "bond mintable");
        for (id, oracle) in [
            (FILER_FILING, "filer"),
            (SCREENER_SCREENING, "screener"),
            (SUSPENDED_FILING, "suspended"),
            (REMOVED_FILING, "removed"),
        ] {
            let by = fx.addr(oracle);
            assert_eq!(fx.s.attestation(id).oracle, by, "attestation {id}");
        }
        fx
    }

    /// The address of a role or participant; `token` and `registry` are the contracts.
    pub fn addr(&mut self, who: &str) -> Addr {
        match who {
            "token" => self.bond_token.clone(),
            "registry" => Addr::unchecked(&self.s.registry),
            "receiver" => self.receiver.clone(),
            other => self.s.address(other),
        }
    }

    pub fn addr_str(&mut self, who: &str) -> String {
        self.addr(who).to_string()
    }

    /// Sends `msg` as `sender` (a role name), with `funds`.
    pub fn send(&mut self, sender: &str, msg: &Msg, funds: &[Coin]) -> Result<Receipt, String> {
        let sender = self.addr(sender);
        let (to, json) = match msg {
            Msg::Registry(m) => (To::Registry, serde_json_string(m)),
            Msg::Token(m) => (To::BondToken, serde_json_string(m)),
            Msg::Raw(to, json) => (*to, json.clone()),
        };
        let contract_addr = match to {
            To::Registry => self.s.registry.to_string(),
            To::BondToken => self.bond_token.to_string(),
        };
        self.s.execute_raw(
            &sender,
            &contract_addr,
            Binary::from(json.into_bytes()),
            funds,
        )
    }

    /// The raw storage of the registry and of both tokens.
    pub fn storage(&self) -> [Vec<Record>; 3] {
        [
            self.s.storage(&self.s.registry),
            self.s.storage(&self.bond_token),
            self.s.storage(&self.note_token),
        ]
    }
}

/// `watcher` widened to eligibility and orders; its statements for `holder` and `holder-new`
/// (one holder) and its order moving 10 bond tokens from `holder` to `recipient`.
fn holder_side(s: &mut Suite) {
    let watcher = s.addr("watcher").to_string();
    s.exec_owner(&RegistryMsg::UpdateOracleScopes {
        address: watcher,
        scopes: Scopes {
            flags: true,
            eligibility: true,
            orders: true,
            ..Scopes::default()
        },
    })
    .expect("watcher widened");
    s.set_signing_key("watcher", &OracleKey::from_seed(WATCHER_KEY))
        .expect("watcher's key registered");
    for account in ["holder", "holder-new"] {
        s.attest_eligibility(
            "watcher",
            account,
            HOLDER_ID,
            InvestorClass::Professional,
            "HK",
        )
        .expect("holder eligible");
    }
    s.attest_order("watcher", BOND, ORDER_SEED, ("holder", "recipient"), 10)
        .expect("order attested");
}

impl Fixture {
    /// `actions` signed by `watcher`'s registered key for this chain and registry, with
    /// `nonce`, good for a day.
    pub fn signed_by_watcher(
        &mut self,
        nonce: u64,
        actions: &[rwa_gate::registry::OracleAction],
    ) -> rwa_gate::registry::SignedStatement {
        let deadline = self.s.now().plus_seconds(DAY);
        self.signed_with(WATCHER_KEY, nonce, deadline, actions)
    }

    /// `actions` in `watcher`'s name, signed with the key of `seed` for this chain and registry.
    pub fn signed_with(
        &mut self,
        seed: &str,
        nonce: u64,
        deadline: cosmwasm_std::Timestamp,
        actions: &[rwa_gate::registry::OracleAction],
    ) -> rwa_gate::registry::SignedStatement {
        let oracle = self.addr_str("watcher");
        let chain_id = self.s.block_info().chain_id;
        let registry = self.s.registry.to_string();
        let unsigned = Unsigned {
            oracle: &oracle,
            nonce,
            deadline,
            actions,
        };
        OracleKey::from_seed(seed).sign(&unsigned, &chain_id, &registry)
    }
}

impl Default for Fixture {
    fn default() -> Self {
        Fixture::new()
    }
}

fn serde_json_string<T: serde::Serialize>(msg: &T) -> String {
    String::from_utf8(cosmwasm_std::to_json_vec(msg).expect("message serializes"))
        .expect("JSON is UTF-8")
}

/// `n` related parties, for the bound on related parties (entities need not exist: the bound
/// is checked first).
pub fn parties(n: usize) -> Vec<RelatedParty> {
    (0..n)
        .map(|i| RelatedParty {
            entity: format!("party-{i}"),
            role: PartyRole::Other,
        })
        .collect()
}

/// The upper-cased form of a bech32 address (valid bech32, but not the normalized form).
pub fn upper(addr: &Addr) -> String {
    addr.as_str().to_ascii_uppercase()
}

/// A bech32 address with mixed case, which bech32 forbids.
pub fn mixed(addr: &Addr) -> String {
    let s = addr.as_str();
    let data = s.rfind('1').expect("bech32 separator") + 1;
    let at = data
        + s[data..]
            .find(|c: char| c.is_ascii_lowercase())
            .expect("a letter in the data part");
    format!(
        "{}{}{}",
        &s[..at],
        s[at..=at].to_ascii_uppercase(),
        &s[at + 1..]
    )
}
