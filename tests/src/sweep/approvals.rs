//! Bad inputs to the R3 approvals: plans naming an approval twice, approval statements by
//! oracles not scoped for them or with a bad reference, expiry or evidence, approval quorums
//! and validity out of bounds, unknown approvals in the JSON.

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::{ExecuteMsg as R, ParamsUpdate, TokenSpec};
use rwa_gate::validate::InvalidInput;
use rwa_gate::{
    Approval, ApprovalQuorum, IssuancePlan, MaxValidity, Params, Scopes, StatementMsg, MAX_ORACLES,
};

use super::case::{bad_evidence, case, raw, retire_bond, Case};
use super::{Fixture, Msg, To};
use crate::{digest, evidence, ACME, APPROVALS, BOND, DAY};
use rwa_gate::registry::AttestMsg;

const YEAR: u64 = 365 * DAY;

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let mut c = plan_cases(fx);
    c.extend(scope_cases(fx));
    c.extend(statement_cases(fx));
    c.extend(param_cases());
    c.extend(json_cases(fx));
    c
}

/// `approver`, an oracle of the three approvals, and `fx-desk`, of foreign exchange only.
fn with_approvers(fx: &mut Fixture) {
    for (who, scopes) in [
        ("approver", APPROVALS),
        (
            "fx-desk",
            Scopes {
                foreign_exchange: true,
                ..Scopes::default()
            },
        ),
    ] {
        let address = fx.addr_str(who);
        fx.send("owner", &R::AddOracle { address, scopes }.into(), &[])
            .expect("approver added");
    }
}

fn approval(asset: &str, approval: Approval, reference: &str, expires_at: Timestamp) -> Msg {
    R::Attest(AttestMsg {
        asset: asset.into(),
        statement: StatementMsg::Approval {
            approval,
            reference: reference.into(),
        },
        expires_at,
        evidence: evidence("approval"),
    })
    .into()
}

/// The bond's plan naming `approvals`.
fn plan_with(fx: &mut Fixture, approvals: &[Approval]) -> IssuancePlan {
    IssuancePlan {
        approvals: approvals.to_vec(),
        ..fx.s.asset(BOND).plan
    }
}

fn plan_cases(fx: &mut Fixture) -> Vec<Case> {
    use Approval::*;
    let mut c = Vec::new();
    for twice in [
        vec![CrossBorderInvestment, CrossBorderInvestment],
        vec![ForeignExchange, DataSecurity, ForeignExchange],
        vec![
            DataSecurity,
            CrossBorderInvestment,
            ForeignExchange,
            DataSecurity,
        ],
    ] {
        let approval = *twice.last().expect("an approval");
        let plan = plan_with(fx, &twice);
        c.push(case(
            format!("update_plan: {twice:?}"),
            "issuer",
            R::UpdatePlan {
                asset: BOND.into(),
                plan: plan.clone(),
            },
            RegistryError::DuplicateApproval { approval },
        ));
    }
    c.push(case(
        "register_asset: an approval twice",
        "issuer",
        R::RegisterAsset {
            id: "fund".into(),
            filing_entity: ACME.into(),
            related_parties: vec![],
            plan: IssuancePlan {
                approvals: vec![ForeignExchange, ForeignExchange],
                max_supply: Uint128::new(10),
                materials_digest: digest("fund-plan"),
                terms: None,
            },
            token: TokenSpec {
                name: "Fund token".into(),
                symbol: "FUND".into(),
                decimals: 6,
            },
        },
        RegistryError::DuplicateApproval {
            approval: ForeignExchange,
        },
    ));
    c
}

/// Approval statements by oracles that are not scoped for that approval.
fn scope_cases(fx: &mut Fixture) -> Vec<Case> {
    let day = fx.s.now().plus_seconds(DAY);
    let mut c = Vec::new();
    for who in ["filer", "screener", "watcher"] {
        for a in Approval::ALL {
            c.push(case(
                format!("attest {a}: by {who}, not scoped for it"),
                who,
                approval(BOND, a, "REF-1", day),
                RegistryError::Unauthorized {},
            ));
        }
    }
    for a in [Approval::CrossBorderInvestment, Approval::DataSecurity] {
        c.push(
            case(
                format!("attest {a}: by an oracle of foreign exchange only"),
                "fx-desk",
                approval(BOND, a, "REF-1", day),
                RegistryError::Unauthorized {},
            )
            .after(with_approvers),
        );
    }
    c.push(
        case(
            "attest data_security: by an approver, suspended",
            "approver",
            approval(BOND, Approval::DataSecurity, "REF-1", day),
            RegistryError::Unauthorized {},
        )
        .after(|fx| {
            with_approvers(fx);
            let address = fx.addr_str("approver");
            fx.send("owner", &R::SuspendOracle { address }.into(), &[])
                .expect("suspended");
        }),
    );
    c
}

/// Approval statements by `approver` with a bad reference, expiry, evidence or asset.
fn statement_cases(fx: &mut Fixture) -> Vec<Case> {
    let now = fx.s.now();
    let day = now.plus_seconds(DAY);
    let reference = InvalidInput::Text {
        field: "approval reference",
        max: 128,
    };
    let mut c: Vec<Case> = Vec::new();
    let mut bad = |what: String, msg: Msg, expected: String| {
        c.push(case(what, "approver", msg, expected).after(with_approvers));
    };
    for (what, r) in [
        ("empty", String::new()),
        ("129 characters", "R".repeat(129)),
        ("a space", "NDRC 2026".to_string()),
        ("non-ASCII", "发改委-2026".to_string()),
        ("a newline", "NDRC\n2026".to_string()),
    ] {
        bad(
            format!("attest foreign_exchange: reference {what}"),
            approval(BOND, Approval::ForeignExchange, &r, day),
            reference.to_string(),
        );
    }
    for (what, at, error) in [
        ("now", now, RegistryError::ExpiryInPast {}),
        (
            "a year and a second",
            now.plus_seconds(YEAR + 1),
            RegistryError::ExpiryTooFar { max_seconds: YEAR },
        ),
    ] {
        bad(
            format!("attest data_security: expiry {what}"),
            approval(BOND, Approval::DataSecurity, "REF-1", at),
            error.to_string(),
        );
    }
    for (what, e, error) in bad_evidence("attestation evidence").into_iter().take(3) {
        let msg = R::Attest(AttestMsg {
            asset: BOND.into(),
            statement: StatementMsg::Approval {
                approval: Approval::CrossBorderInvestment,
                reference: "REF-1".into(),
            },
            expires_at: day,
            evidence: e,
        });
        bad(
            format!("attest cross_border_investment: evidence {what}"),
            msg.into(),
            error.to_string(),
        );
    }
    bad(
        "attest data_security: unknown asset".into(),
        approval("ghost", Approval::DataSecurity, "REF-1", day),
        RegistryError::AssetNotFound { id: "ghost".into() }.to_string(),
    );
    c.push(
        case(
            "attest data_security: retired asset",
            "approver",
            approval(BOND, Approval::DataSecurity, "REF-1", day),
            RegistryError::AssetRetired { id: BOND.into() },
        )
        .after(|fx| {
            with_approvers(fx);
            retire_bond(fx);
        }),
    );
    c
}

fn update(approval_quorum: Option<ApprovalQuorum>, max_validity: Option<MaxValidity>) -> Msg {
    R::UpdateParams(ParamsUpdate {
        attestation_quorum: None,
        flag_quorum: None,
        max_validity,
        token_code_id: None,
        approval_quorum,
    })
    .into()
}

/// Approval quorums of 0 or above the oracle bound, approval validity out of bounds.
fn param_cases() -> Vec<Case> {
    let mut c = Vec::new();
    let names = [
        "cross_border_investment",
        "foreign_exchange",
        "data_security",
    ];
    for (i, name) in names.into_iter().enumerate() {
        for bad in [0, MAX_ORACLES + 1, u32::MAX] {
            let mut q = [1u32; 3];
            q[i] = bad;
            let quorum = ApprovalQuorum {
                cross_border_investment: q[0],
                foreign_exchange: q[1],
                data_security: q[2],
            };
            c.push(case(
                format!("update_params: {name} quorum {bad}"),
                "owner",
                update(Some(quorum), None),
                RegistryError::InvalidQuorum {
                    quorum: name.into(),
                    max: MAX_ORACLES,
                },
            ));
        }
    }
    for seconds in [0, DAY - 1, 5 * YEAR + 1, u64::MAX] {
        let validity = MaxValidity {
            approval: seconds,
            ..Params::default().max_validity
        };
        c.push(case(
            format!("update_params: approval validity {seconds}"),
            "owner",
            update(None, Some(validity)),
            RegistryError::InvalidValidity {
                min_seconds: DAY,
                max_seconds: 5 * YEAR,
            },
        ));
    }
    c
}

/// Unknown approvals and malformed approval quorums, refused by the parser.
fn json_cases(fx: &mut Fixture) -> Vec<Case> {
    let d = digest("bond-plan-v1");
    let day = fx.s.now().plus_seconds(DAY).nanos();
    let e = digest("e");
    vec![
        raw(
            "attest: an unknown approval",
            "filer",
            To::Registry,
            &format!(
                r#"{{"attest":{{"asset":"bond","statement":{{"approval":{{"approval":"tax","reference":"R"}}}},"expires_at":"{day}","evidence":{{"digest":"{e}","uri":null}}}}}}"#
            ),
        ),
        raw(
            "update_plan: an unknown approval",
            "issuer",
            To::Registry,
            &format!(
                r#"{{"update_plan":{{"asset":"bond","plan":{{"max_supply":"1","materials_digest":"{d}","approvals":["customs"]}}}}}}"#
            ),
        ),
        raw(
            "update_plan: approvals not a list",
            "issuer",
            To::Registry,
            &format!(
                r#"{{"update_plan":{{"asset":"bond","plan":{{"max_supply":"1","materials_digest":"{d}","approvals":"data_security"}}}}}}"#
            ),
        ),
        raw(
            "update_params: an approval quorum missing one",
            "owner",
            To::Registry,
            r#"{"update_params":{"approval_quorum":{"cross_border_investment":1,"foreign_exchange":1}}}"#,
        ),
        raw(
            "update_params: an approval quorum with an unknown approval",
            "owner",
            To::Registry,
            r#"{"update_params":{"approval_quorum":{"cross_border_investment":1,"foreign_exchange":1,"data_security":1,"customs":1}}}"#,
        ),
        raw(
            "update_params: a negative approval quorum",
            "owner",
            To::Registry,
            r#"{"update_params":{"approval_quorum":{"cross_border_investment":-1,"foreign_exchange":1,"data_security":1}}}"#,
        ),
    ]
}
