//! Every execute message of both contracts, in one list: the rows of the authorization matrix
//! (`tests/matrix.rs`) and the messages the bad-input sweep (`tests/bad_inputs.rs`,
//! [`super::every_message`]) sends with funds and with an unknown field. A new message gets one
//! row here, and both suites pick it up; `matrix_rows_cover_every_execute_message` checks the
//! list against the JSON schemas of both contracts.

use cosmwasm_std::{Binary, Uint128};
use rwa_gate::registry::{ExecuteMsg as R, OracleAction, ParamsUpdate, TokenSpec};
use rwa_gate::token::ExecuteMsg as T;
use rwa_gate::{
    FlagReason, InvestorClass, IssuancePlan, PartyRole, RelatedParty, StatementMsg, Subject,
    LOOKBACK_SECONDS,
};

use super::{
    Fixture, Msg, BYSTANDER, FILER_FILING, NOTE, ORDER_SEED, REMOVED_FILING, SCREENER_SCREENING,
    SUSPENDED_FILING, SUSPENDED_FLAG, WATCHER_FLAG,
};
use crate::holders::professional_terms;
use crate::oracles::OracleKey;
use crate::{
    digest, evidence, ACME, ALL, APPROVED_SUPPLY, BOND, DAY, FILING, FOUNDER, HOLDCO, MAX_SUPPLY,
};
use rwa_gate::registry::{AttestEligibilityMsg, AttestMsg, RevokeEligibilityMsg, RevokeMsg};

/// One message of either contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Message {
    /// Its name, which [`message`] builds.
    pub name: &'static str,
    /// A role entitled to send it (it succeeds when this role sends it): the sender of the
    /// sweep's cases, whose refusals must then be the input's fault.
    pub sender: &'static str,
    /// Its row of the authorization matrix: one cell per role of [`super::ROLES`], in order
    /// (the codes are explained in `tests/matrix.rs`).
    pub cells: &'static str,
}

const fn m(name: &'static str, sender: &'static str, cells: &'static str) -> Message {
    Message {
        name,
        sender,
        cells,
    }
}

/// Every message, each with an entitled sender and its row of the authorization matrix. Some
/// messages appear more than once, on different targets (`revoke` of each oracle's attestation,
/// `clear_flag` of a flag raised by an active or a suspended oracle, `pause` of all or one).
#[rustfmt::skip]
pub const MESSAGES: &[Message] = &[
    //                                                own pnd pau fil scr wat sus rem iss is2 mnt hld spd str tok reg
    // ---- registry: owner
    m("propose_owner",              "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("accept_ownership",           "pending",  "--  ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("cancel_ownership_transfer",  "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("renounce_ownership",         "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("set_pauser",                 "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("update_params",              "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("add_oracle",                 "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("update_oracle_scopes",       "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("suspend_oracle",             "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("reactivate_oracle",          "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("remove_oracle",              "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("approve_issuer",             "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("revoke_issuer",              "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("migrate_tokens",             "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("pause_all",                  "pauser",   "ok  --  ok  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("pause_bond",                 "pauser",   "ok  --  ok  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("unpause_note",               "owner",    "ok  --  --  --  --  --  --  --  --  --  --  --  --  --  --  --"),
    // ---- registry: issuer
    m("register_entity",            "issuer",   "--  --  --  --  --  --  --  --  ok  ok  --  --  --  --  --  --"),
    m("register_asset_on_acme",     "issuer",   "--  --  --  --  --  --  --  --  ok  NO  --  --  --  --  --  --"),
    m("update_plan",                "issuer",   "--  --  --  --  --  --  --  --  ok  --  --  --  --  --  --  --"),
    m("report_significant_matter",  "issuer",   "--  --  --  ok  --  --  --  --  ok  --  --  --  --  --  --  --"),
    m("add_minter",                 "issuer",   "--  --  --  --  --  --  --  --  ok  --  --  --  --  --  --  --"),
    m("remove_minter",              "issuer",   "ok  --  --  --  --  --  --  --  ok  --  --  --  --  --  --  --"),
    m("retire_asset",               "issuer",   "ok  --  --  --  --  --  --  --  ok  --  --  --  --  --  --  --"),
    m("set_link_allowance",         "issuer",   "ok  --  --  --  --  --  --  --  ok  --  --  --  --  --  --  --"),
    m("update_related_parties",     "issuer",   "ok  --  --  --  --  --  --  --  ok  --  --  --  --  --  --  --"),
    // ---- registry: oracle
    m("attest_filing",              "filer",    "--  --  --  ok  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("attest_screening",           "screener", "--  --  --  --  ok  --  --  --  --  --  --  --  --  --  --  --"),
    m("revoke_filer_filing",        "filer",    "--  --  --  ok  --  --  --  --  --  --  --  --  --  --  --  --"),
    m("revoke_screener_screening",  "screener", "--  --  --  --  ok  --  --  --  --  --  --  --  --  --  --  --"),
    m("revoke_suspended_filing",    "suspended","--  --  --  --  --  --  ok  --  --  --  --  --  --  --  --  --"),
    m("revoke_removed_filing",      "removed",  "--  --  --  --  --  --  --  ok  --  --  --  --  --  --  --  --"),
    m("raise_flag",                 "watcher",  "--  --  --  --  --  ok  --  --  --  --  --  --  --  --  --  --"),
    m("clear_flag_of_watcher",      "owner",    "ok  --  --  --  --  RC  --  --  --  --  --  --  --  --  --  --"),
    m("clear_flag_of_suspended",    "watcher",  "ok  --  --  --  --  ok  --  --  --  --  --  --  --  --  --  --"),
    m("publish_negative_list",      "screener", "ok  --  --  --  ok  --  --  --  --  --  --  --  --  --  --  --"),
    // ---- registry: holders (eligibility and orders by `watcher`, widened to both scopes)
    m("attest_eligibility",         "watcher",  "--  --  --  --  --  ok  --  --  --  --  --  --  --  --  --  --"),
    m("revoke_eligibility",         "watcher",  "--  --  --  --  --  ok  --  --  --  --  --  --  --  --  --  --"),
    m("attest_order",               "watcher",  "--  --  --  --  --  ok  --  --  --  --  --  --  --  --  --  --"),
    m("execute_order",              "issuer",   "--  --  --  --  --  --  --  --  ok  --  --  --  --  --  --  --"),
    m("recover_account",            "issuer",   "--  --  --  --  --  --  --  --  ok  --  --  --  --  --  --  --"),
    // ---- registry: oracles at scale (a batch is judged action by action, as its sender sent each)
    m("batch_attest_filing",        "filer",    "B0  B0  B0  ok  B0  B0  B0  B0  B0  B0  B0  B0  B0  B0  B0  B0"),
    m("batch_of_watcher",           "watcher",  "B2  B2  B2  B2  B2  ok  B2  B2  B2  B2  B2  B2  B2  B2  B2  B2"),
    m("batch_revoke_suspended_filing", "suspended", "B0  B0  B0  B0  B0  B0  ok  B0  B0  B0  B0  B0  B0  B0  B0  B0"),
    m("set_signing_key",            "filer",    "--  --  --  ok  ok  ok  ok  --  --  --  --  --  --  --  --  --"),
    m("remove_signing_key",         "watcher",  "--  --  --  ok  ok  ok  ok  --  --  --  --  --  --  --  --  --"),
    // ---- registry: anyone
    m("refresh_clearance",          "stranger", "ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok"),
    m("refresh_clearances",         "stranger", "ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok"),
    m("relay_of_watcher",           "stranger", "ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok"),
    // ---- bond token
    m("transfer",                   "holder",   "IB  IB  IB  IB  IB  IB  IB  IB  IB  IB  IB  ok  IB  IB  IB  IB"),
    m("burn",                       "holder",   "IB  IB  IB  IB  IB  IB  IB  IB  IB  IB  IB  ok  IB  IB  IB  IB"),
    m("send",                       "holder",   "IB  IB  IB  IB  IB  IB  IB  IB  IB  IB  IB  ok  IB  IB  IB  IB"),
    m("increase_allowance",         "holder",   "ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok"),
    m("decrease_allowance",         "holder",   "NA  NA  NA  NA  NA  NA  NA  NA  NA  NA  NA  ok  OA  NA  NA  NA"),
    m("transfer_from",              "spender",  "NA  NA  NA  NA  NA  NA  NA  NA  NA  NA  NA  NA  ok  NA  NA  NA"),
    m("send_from",                  "spender",  "NA  NA  NA  NA  NA  NA  NA  NA  NA  NA  NA  NA  ok  NA  NA  NA"),
    m("burn_from",                  "spender",  "NA  NA  NA  NA  NA  NA  NA  NA  NA  NA  NA  NA  ok  NA  NA  NA"),
    m("mint",                       "minter",   "NM  NM  NM  NM  NM  NM  NM  NM  ok  NM  ok  NM  NM  NM  NM  NM"),
    // ---- bond token: from its registry only
    m("update_freeze",              "registry", "--  --  --  --  --  --  --  --  --  --  --  --  --  --  --  ok"),
    m("update_terms",               "registry", "--  --  --  --  --  --  --  --  --  --  --  --  --  --  --  ok"),
    m("move_by_order",              "registry", "--  --  --  --  --  --  --  --  --  --  --  --  --  --  --  ok"),
    m("recover",                    "registry", "--  --  --  --  --  --  --  --  --  --  --  --  --  --  --  ok"),
];

/// The message named `row` (a [`Message::name`] of [`MESSAGES`]), built against the fixture so
/// that its [`Message::sender`] succeeds.
pub fn message(fx: &mut Fixture, row: &str) -> Msg {
    if let Some(msg) = oracle_at_scale(fx, row) {
        return msg;
    }
    let next = fx.addr_str("next");
    let recipient = fx.addr_str("recipient");
    let amount = Uint128::new(10);
    let plan = fx.s.asset(BOND).plan;
    let now = fx.s.now();
    match row {
        "propose_owner" => R::ProposeOwner { new_owner: next }.into(),
        "accept_ownership" => R::AcceptOwnership {}.into(),
        "cancel_ownership_transfer" => R::CancelOwnershipTransfer {}.into(),
        "renounce_ownership" => R::RenounceOwnership {}.into(),
        "set_pauser" => R::SetPauser { pauser: Some(next) }.into(),
        "update_params" => R::UpdateParams(ParamsUpdate {
            approval_quorum: Some(rwa_gate::ApprovalQuorum::default()),
            attestation_quorum: Some(2),
            flag_quorum: Some(1),
            max_validity: None,
            token_code_id: None,
        })
        .into(),
        "add_oracle" => R::AddOracle {
            address: next,
            scopes: FILING,
        }
        .into(),
        "update_oracle_scopes" => R::UpdateOracleScopes {
            address: fx.addr_str("filer"),
            scopes: ALL,
        }
        .into(),
        "suspend_oracle" => R::SuspendOracle {
            address: fx.addr_str("filer"),
        }
        .into(),
        "reactivate_oracle" => R::ReactivateOracle {
            address: fx.addr_str("suspended"),
        }
        .into(),
        "remove_oracle" => R::RemoveOracle {
            address: fx.addr_str("filer"),
        }
        .into(),
        "approve_issuer" => R::ApproveIssuer { address: next }.into(),
        "revoke_issuer" => R::RevokeIssuer {
            address: fx.addr_str("issuer2"),
        }
        .into(),
        // Both tokens, to the code they run (the registry is their wasm admin).
        "migrate_tokens" => R::MigrateTokens {
            code_id: fx.s.token_code_id(),
            start_after: None,
            limit: None,
        }
        .into(),
        "pause_all" => R::Pause { asset: None }.into(),
        "pause_bond" => R::Pause {
            asset: Some(BOND.into()),
        }
        .into(),
        "unpause_note" => R::Unpause {
            asset: Some(NOTE.into()),
        }
        .into(),
        "register_entity" => R::RegisterEntity { id: "newco".into() }.into(),
        // `acme` was registered by `issuer`: only `issuer` may file an asset on it.
        "register_asset_on_acme" => R::RegisterAsset {
            id: "fund".into(),
            filing_entity: ACME.into(),
            related_parties: vec![],
            plan: IssuancePlan {
                approvals: vec![],
                max_supply: Uint128::new(10),
                materials_digest: digest("fund-plan"),
                terms: None,
            },
            token: TokenSpec {
                name: "Fund token".into(),
                symbol: "FUND".into(),
                decimals: 6,
            },
        }
        .into(),
        "update_plan" => R::UpdatePlan {
            asset: BOND.into(),
            plan: IssuancePlan {
                approvals: vec![],
                max_supply: Uint128::new(MAX_SUPPLY),
                materials_digest: digest("bond-plan-v2"),
                terms: None,
            },
        }
        .into(),
        "report_significant_matter" => R::ReportSignificantMatter {
            asset: BOND.into(),
            evidence: evidence("matter"),
        }
        .into(),
        "add_minter" => R::AddMinter {
            asset: BOND.into(),
            minter: next,
        }
        .into(),
        "remove_minter" => R::RemoveMinter {
            asset: BOND.into(),
            minter: fx.addr_str("minter"),
        }
        .into(),
        "retire_asset" => R::RetireAsset { asset: BOND.into() }.into(),
        // The founder leaves the bond's related parties.
        "update_related_parties" => R::UpdateRelatedParties {
            asset: BOND.into(),
            related_parties: vec![RelatedParty {
                entity: HOLDCO.into(),
                role: PartyRole::ControllingShareholder,
            }],
        }
        .into(),
        // `acme` is `issuer`'s entity: it lets `issuer2`'s assets name it.
        "set_link_allowance" => R::SetLinkAllowance {
            entity: ACME.into(),
            issuer: fx.addr_str("issuer2"),
            limit: 1,
        }
        .into(),
        "attest_filing" => R::Attest(AttestMsg {
            asset: BOND.into(),
            statement: StatementMsg::Filing {
                filing_reference: "CSRC-2026-0042".into(),
                plan,
                approved_supply: Uint128::new(APPROVED_SUPPLY),
            },
            expires_at: now.plus_seconds(DAY),
            evidence: evidence("filing"),
        })
        .into(),
        "attest_screening" => R::Attest(AttestMsg {
            asset: BOND.into(),
            statement: StatementMsg::Screening {
                negative_list_version: 1,
                subjects: vec![ACME.into(), HOLDCO.into(), FOUNDER.into()],
                lookback_from: now.minus_seconds(LOOKBACK_SECONDS),
            },
            expires_at: now.plus_seconds(DAY),
            evidence: evidence("screening"),
        })
        .into(),
        "revoke_filer_filing" => revoke(FILER_FILING),
        "revoke_screener_screening" => revoke(SCREENER_SCREENING),
        "revoke_suspended_filing" => revoke(SUSPENDED_FILING),
        "revoke_removed_filing" => revoke(REMOVED_FILING),
        "raise_flag" => R::RaiseFlag {
            subject: Subject::Entity(BYSTANDER.into()),
            reason: FlagReason::BarredFromFinancing,
            evidence: evidence("barred"),
        }
        .into(),
        "clear_flag_of_watcher" => clear(WATCHER_FLAG),
        "clear_flag_of_suspended" => clear(SUSPENDED_FLAG),
        "publish_negative_list" => R::PublishNegativeList {
            version: 2,
            digest: digest("negative-list-v2"),
        }
        .into(),
        "attest_eligibility" => R::AttestEligibility(AttestEligibilityMsg {
            account: next,
            holder: digest("holder N"),
            class: InvestorClass::Institutional,
            jurisdiction: "SG".into(),
            expires_at: now.plus_seconds(DAY),
            evidence: evidence("kyc N"),
        })
        .into(),
        "revoke_eligibility" => R::RevokeEligibility(RevokeEligibilityMsg {
            account: fx.addr_str("holder"),
            evidence: evidence("kyc withdrawn"),
        })
        .into(),
        "attest_order" => R::AttestOrder {
            asset: BOND.into(),
            order: evidence("order matrix"),
            from: fx.addr_str("holder"),
            to: recipient,
            amount,
        }
        .into(),
        // The fixture's order: 10 bond tokens from `holder` to `recipient`.
        "execute_order" => R::ExecuteOrder {
            order: fixture_order(),
        }
        .into(),
        // `holder-new` belongs to the same holder as `holder`.
        "recover_account" => R::RecoverAccount {
            asset: BOND.into(),
            lost: fx.addr_str("holder"),
            replacement: fx.addr_str("holder-new"),
        }
        .into(),
        "refresh_clearance" => R::RefreshClearance { asset: BOND.into() }.into(),
        "refresh_clearances" => R::RefreshClearances {
            start_after: None,
            limit: None,
        }
        .into(),
        "transfer" => T::Transfer { recipient, amount }.into(),
        "burn" => T::Burn { amount }.into(),
        "send" => T::Send {
            contract: fx.addr_str("receiver"),
            amount,
            msg: Binary::from(b"{}"),
        }
        .into(),
        "increase_allowance" => T::IncreaseAllowance {
            spender: recipient,
            amount,
            expires: None,
        }
        .into(),
        "decrease_allowance" => T::DecreaseAllowance {
            spender: fx.addr_str("spender"),
            amount,
            expires: None,
        }
        .into(),
        "transfer_from" => T::TransferFrom {
            owner: fx.addr_str("holder"),
            recipient,
            amount,
        }
        .into(),
        "send_from" => T::SendFrom {
            owner: fx.addr_str("holder"),
            contract: fx.addr_str("receiver"),
            amount,
            msg: Binary::from(b"{}"),
        }
        .into(),
        "burn_from" => T::BurnFrom {
            owner: fx.addr_str("holder"),
            amount,
        }
        .into(),
        "mint" => T::Mint { recipient, amount }.into(),
        // The freeze the registry pushes: the asset's active freezing flags (none here).
        "update_freeze" => T::UpdateFreeze { flags: vec![] }.into(),
        "update_terms" => T::UpdateTerms {
            terms: Some(Box::new(professional_terms())),
        }
        .into(),
        "move_by_order" => T::MoveByOrder {
            order: fixture_order(),
            from: fx.addr_str("holder"),
            to: recipient,
            amount,
        }
        .into(),
        "recover" => T::Recover {
            lost: fx.addr_str("holder"),
            replacement: fx.addr_str("holder-new"),
        }
        .into(),
        other => panic!("no message for row {other}"),
    }
}

/// The rows of the messages of oracles at scale: batches, signing keys, relayed statements.
fn oracle_at_scale(fx: &mut Fixture, row: &str) -> Option<Msg> {
    let msg = match row {
        "batch_attest_filing" => batch(vec![action(message(fx, "attest_filing"))]),
        // An eligibility statement for `next` and the revocation of `holder`'s.
        "batch_of_watcher" => batch(vec![
            action(message(fx, "attest_eligibility")),
            action(message(fx, "revoke_eligibility")),
        ]),
        "batch_revoke_suspended_filing" => batch(vec![action(revoke(SUSPENDED_FILING))]),
        "set_signing_key" => R::SetSigningKey {
            public_key: Some(OracleKey::from_seed("matrix key").public_key()),
        }
        .into(),
        "remove_signing_key" => R::SetSigningKey { public_key: None }.into(),
        // `watcher`'s eligibility statement for `next`, signed offline, relayed by anyone.
        "relay_of_watcher" => {
            let actions = vec![action(message(fx, "attest_eligibility"))];
            R::Relay {
                statement: fx.signed_by_watcher(1, &actions),
            }
            .into()
        }
        _ => return None,
    };
    Some(msg)
}

fn batch(actions: Vec<OracleAction>) -> Msg {
    R::Batch { actions }.into()
}

/// The oracle action of the same name as a registry message of an oracle.
pub fn action(msg: Msg) -> OracleAction {
    match msg {
        Msg::Registry(m) => {
            oracle_action(m.clone()).unwrap_or_else(|| panic!("no oracle action for {m:?}"))
        }
        other => panic!("no oracle action for {other:?}"),
    }
}

/// The oracle action of the same name as `msg`, if it is one an oracle may batch.
pub fn oracle_action(msg: R) -> Option<OracleAction> {
    OracleAction::of(msg)
}

/// The digest of the fixture's order.
pub fn fixture_order() -> String {
    evidence(&format!("order {ORDER_SEED}")).digest
}

fn revoke(id: u64) -> Msg {
    R::Revoke(RevokeMsg {
        id,
        evidence: evidence("withdrawn"),
    })
    .into()
}

fn clear(id: u64) -> Msg {
    R::ClearFlag {
        id,
        conclusion: evidence("concluded"),
    }
    .into()
}
