//! Bad inputs to the holder side: eligibility statements and their revocation, court orders
//! and their execution, account recovery, the distribution terms of a plan, and the token's
//! registry-only movements (`update_terms`, `move_by_order`, `recover`).

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::{Addr, Timestamp, Uint128};
use gated_token::ContractError as TokenError;
use rwa_gate::distribution::{TermsError, MAX_EXCLUDED_JURISDICTIONS};
use rwa_gate::registry::{ConfigResponse, ExecuteMsg as R, QueryMsg as RQ};
use rwa_gate::token::ExecuteMsg as T;
use rwa_gate::{DistributionTerms, Evidence, InvestorClass, OutflowLimit};

use super::case::{
    address_cases, bad_digests, bad_evidence, case, digest_error, raw, retire_bond, sub_overflow,
    Case,
};
use super::messages::fixture_order;
use super::{Fixture, Msg, To, HOLDER_ID, ORDER_SEED};
use crate::holders::{movement_denied, professional_terms};
use crate::{digest, evidence, Denial, BOND, DAY, ELIGIBILITY};
use rwa_gate::registry::{AttestEligibilityMsg, RevokeEligibilityMsg};

/// Jurisdictions that are not ISO 3166-1 alpha-2 (two capitals).
const BAD_JURISDICTIONS: [&str; 5] = ["usa", "U1", "", "us", "Ü"];

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let mut c = attest_eligibility_cases(fx);
    c.extend(revoke_eligibility_cases(fx));
    c.extend(order_cases(fx));
    c.extend(recover_account_cases(fx));
    c.extend(terms_cases(fx));
    c.extend(token_cases(fx));
    c
}

/// The holder id `watcher` gave `holder` and `holder-new` in the fixture.
pub fn holder_id() -> String {
    digest(&format!("holder {HOLDER_ID}"))
}

/// A statement by `watcher` that `account` is an institutional investor of Singapore.
fn statement(account: String, holder: String, expires_at: Timestamp, e: Evidence) -> Msg {
    R::AttestEligibility(AttestEligibilityMsg {
        account,
        holder,
        class: InvestorClass::Institutional,
        jurisdiction: "SG".into(),
        expires_at,
        evidence: e,
    })
    .into()
}

fn with_jurisdiction(account: String, jurisdiction: &str, expires_at: Timestamp) -> Msg {
    R::AttestEligibility(AttestEligibilityMsg {
        account,
        holder: digest("holder N"),
        class: InvestorClass::Retail,
        jurisdiction: jurisdiction.into(),
        expires_at,
        evidence: evidence("kyc N"),
    })
    .into()
}

fn attest_eligibility_cases(fx: &mut Fixture) -> Vec<Case> {
    let now = fx.s.now();
    let day = now.plus_seconds(DAY);
    let next = fx.addr_str("next");
    let holder = fx.addr_str("holder");
    let config: ConfigResponse = fx.s.query(&RQ::Config {});
    let max_seconds = config.params.max_validity.eligibility;
    let mut c = address_cases(fx, "attest_eligibility", "watcher", |a| {
        statement(a, digest("holder N"), day, evidence("kyc N"))
    });
    for (what, bad) in bad_digests() {
        c.push(case(
            format!("attest_eligibility: holder id {what}"),
            "watcher",
            statement(next.clone(), bad, day, evidence("kyc N")),
            digest_error("holder id"),
        ));
    }
    for code in BAD_JURISDICTIONS {
        c.push(case(
            format!("attest_eligibility: jurisdiction {code:?}"),
            "watcher",
            with_jurisdiction(next.clone(), code, day),
            RegistryError::from(TermsError::Jurisdiction(code.into())),
        ));
    }
    for (what, e, error) in bad_evidence("eligibility evidence") {
        c.push(case(
            format!("attest_eligibility: evidence {what}"),
            "watcher",
            statement(next.clone(), digest("holder N"), day, e),
            error,
        ));
    }
    for (what, at, error) in [
        ("now", now, RegistryError::ExpiryInPast {}),
        ("past", now.minus_seconds(1), RegistryError::ExpiryInPast {}),
        (
            "beyond the maximum validity",
            now.plus_seconds(max_seconds + 1),
            RegistryError::ExpiryTooFar { max_seconds },
        ),
    ] {
        c.push(case(
            format!("attest_eligibility: expiry {what}"),
            "watcher",
            statement(next.clone(), digest("holder N"), at, evidence("kyc N")),
            error,
        ));
    }
    c.push(case(
        "attest_eligibility: an account of another holder",
        "watcher",
        statement(holder.clone(), digest("holder N"), day, evidence("kyc N")),
        RegistryError::HolderMismatch {
            account: holder.clone(),
            holder: holder_id(),
        },
    ));
    c.push(
        case(
            "attest_eligibility: a lost account, even for its own holder",
            "watcher",
            statement(holder.clone(), holder_id(), day, evidence("kyc H")),
            RegistryError::AccountLost { account: holder },
        )
        .after(recover_holder),
    );
    c
}

/// The issuer recovers `holder` to `holder-new`: `holder` is lost.
fn recover_holder(fx: &mut Fixture) {
    fx.s.recover("issuer", BOND, "holder", "holder-new")
        .expect("recovered");
}

fn revoke(account: String, e: Evidence) -> Msg {
    R::RevokeEligibility(RevokeEligibilityMsg {
        account,
        evidence: e,
    })
    .into()
}

fn revoke_eligibility_cases(fx: &mut Fixture) -> Vec<Case> {
    let holder = fx.addr_str("holder");
    let stranger = fx.addr_str("stranger");
    let next = fx.addr_str("next");
    let withdrawn = || evidence("kyc withdrawn");
    let mut c = address_cases(fx, "revoke_eligibility", "watcher", |a| {
        revoke(a, evidence("kyc withdrawn"))
    });
    c.push(case(
        "revoke_eligibility: an account without a statement",
        "watcher",
        revoke(stranger.clone(), withdrawn()),
        RegistryError::EligibilityNotFound { account: stranger },
    ));
    c.push(
        case(
            "revoke_eligibility: already revoked",
            "watcher",
            revoke(holder.clone(), withdrawn()),
            RegistryError::EligibilityAlreadyRevoked {
                account: holder.clone(),
            },
        )
        .after(|fx| {
            fx.s.revoke_eligibility("watcher", "holder")
                .expect("revoked");
        }),
    );
    c.push(
        case(
            "revoke_eligibility: a lost account",
            "watcher",
            revoke(holder.clone(), withdrawn()),
            RegistryError::AccountLost {
                account: holder.clone(),
            },
        )
        .after(recover_holder),
    );
    c.push(
        case(
            "revoke_eligibility: another oracle's statement",
            "watcher",
            revoke(next, withdrawn()),
            RegistryError::Unauthorized {},
        )
        .after(|fx| {
            let kyc = fx.addr_str("kyc");
            fx.s.exec_owner(&R::AddOracle {
                address: kyc,
                scopes: ELIGIBILITY,
            })
            .expect("kyc enrolled");
            fx.s.eligible("next", "N");
        }),
    );
    for (what, e, error) in bad_evidence("revocation evidence") {
        c.push(case(
            format!("revoke_eligibility: evidence {what}"),
            "watcher",
            revoke(holder.clone(), e),
            error,
        ));
    }
    c
}

fn order(asset: &str, seed: &str, (from, to): (String, String), amount: u128) -> Msg {
    attest_order(
        asset,
        evidence(&format!("order {seed}")),
        (from, to),
        amount,
    )
}

fn attest_order(asset: &str, e: Evidence, (from, to): (String, String), amount: u128) -> Msg {
    R::AttestOrder {
        asset: asset.into(),
        order: e,
        from,
        to,
        amount: Uint128::new(amount),
    }
    .into()
}

fn order_cases(fx: &mut Fixture) -> Vec<Case> {
    let holder = fx.addr_str("holder");
    let recipient = fx.addr_str("recipient");
    let pair = || (holder.clone(), recipient.clone());
    let to = recipient.clone();
    let mut c = address_cases(fx, "attest_order: from", "watcher", move |a| {
        order(BOND, "o", (a, to.clone()), 10)
    });
    for (what, bad, error) in super::case::bad_addresses(fx) {
        c.push(case(
            format!("attest_order: to: {what}"),
            "watcher",
            order(BOND, "o", (holder.clone(), bad), 10),
            error,
        ));
    }
    for (what, e, error) in bad_evidence("order") {
        c.push(case(
            format!("attest_order: order {what}"),
            "watcher",
            attest_order(BOND, e, pair(), 10),
            error,
        ));
    }
    let simple = [
        (
            "unknown asset",
            order("unknown", "o", pair(), 10),
            RegistryError::AssetNotFound {
                id: "unknown".into(),
            },
        ),
        (
            "same from and to",
            order(BOND, "o", (holder.clone(), holder.clone()), 10),
            RegistryError::SameAccount {},
        ),
        (
            "zero amount",
            order(BOND, "o", pair(), 0),
            RegistryError::ZeroAmount {},
        ),
        (
            "digest already attested",
            order(BOND, ORDER_SEED, pair(), 5),
            RegistryError::OrderExists {
                order: fixture_order(),
            },
        ),
    ];
    for (what, msg, error) in simple {
        c.push(case(format!("attest_order: {what}"), "watcher", msg, error));
    }
    c.extend(execute_order_cases(fx.addr("recipient")));
    c
}

fn execute_order_cases(recipient: Addr) -> Vec<Case> {
    let execute = |order: String| -> Msg { R::ExecuteOrder { order }.into() };
    let unknown = evidence("order unknown").digest;
    vec![
        case(
            "execute_order: unknown order",
            "issuer",
            execute(unknown.clone()),
            RegistryError::OrderNotFound { order: unknown },
        ),
        case(
            "execute_order: twice",
            "issuer",
            execute(fixture_order()),
            RegistryError::OrderExecuted {
                order: fixture_order(),
            },
        )
        .after(|fx| {
            fx.s.execute_order("issuer", ORDER_SEED).expect("executed");
        }),
        // The token refuses the ineligible receiver: the order stays pending.
        case(
            "execute_order: the receiver is not eligible under the terms",
            "issuer",
            execute(fixture_order()),
            movement_denied(&[Denial::NotEligible { account: recipient }]),
        )
        .after(with_terms),
    ]
}

/// Professional and institutional investors, none from `US`, on the bond (a narrowing: in
/// force at once).
fn with_terms(fx: &mut Fixture) {
    fx.s.set_terms(BOND, Some(professional_terms()))
        .expect("terms set");
}

fn recovery(asset: &str, lost: String, replacement: String) -> Msg {
    R::RecoverAccount {
        asset: asset.into(),
        lost,
        replacement,
    }
    .into()
}

/// A case's name, message, error and the setup it runs after.
type Staged = (&'static str, Msg, RegistryError, fn(&mut Fixture));

fn recover_account_cases(fx: &mut Fixture) -> Vec<Case> {
    let holder = fx.addr_str("holder");
    let new = fx.addr_str("holder-new");
    let stranger = fx.addr_str("stranger");
    let next = fx.addr_str("next");
    let (h, n) = (holder.clone(), new.clone());
    let mut c = address_cases(fx, "recover_account: lost", "issuer", move |a| {
        recovery(BOND, a, n.clone())
    });
    c.extend(address_cases(
        fx,
        "recover_account: replacement",
        "issuer",
        move |a| recovery(BOND, h.clone(), a),
    ));
    let not_eligible = |reason: &str| RegistryError::ReplacementNotEligible {
        account: new.clone(),
        reason: reason.into(),
    };
    let plain = [
        (
            "unknown asset",
            recovery("unknown", holder.clone(), new.clone()),
            RegistryError::AssetNotFound {
                id: "unknown".into(),
            },
        ),
        (
            "into the same account",
            recovery(BOND, holder.clone(), holder.clone()),
            RegistryError::SameAccount {},
        ),
        (
            "lost account without a statement",
            recovery(BOND, stranger.clone(), new.clone()),
            RegistryError::EligibilityNotFound {
                account: stranger.clone(),
            },
        ),
        (
            "replacement without a statement",
            recovery(BOND, holder.clone(), stranger.clone()),
            RegistryError::EligibilityNotFound {
                account: stranger.clone(),
            },
        ),
    ];
    for (what, msg, error) in plain {
        c.push(case(
            format!("recover_account: {what}"),
            "issuer",
            msg,
            error,
        ));
    }
    let mine = || recovery(BOND, holder.clone(), new.clone());
    let staged: [Staged; 5] = [
        (
            "retired asset",
            mine(),
            RegistryError::AssetRetired { id: BOND.into() },
            retire_bond,
        ),
        (
            "into another holder's account",
            recovery(BOND, holder.clone(), next.clone()),
            RegistryError::HolderMismatch {
                account: next,
                holder: holder_id(),
            },
            |fx| {
                fx.s.attest_eligibility("watcher", "next", "N", InvestorClass::Retail, "SG")
                    .expect("next eligible");
            },
        ),
        (
            "replacement revoked",
            mine(),
            not_eligible("its statement is revoked or lost"),
            |fx| {
                fx.s.revoke_eligibility("watcher", "holder-new")
                    .expect("revoked");
            },
        ),
        (
            "replacement expired",
            mine(),
            not_eligible("its statement has expired"),
            |fx| fx.s.advance(DAY),
        ),
        (
            "replacement's oracle suspended",
            mine(),
            not_eligible("its oracle is no longer an active eligibility oracle"),
            |fx| {
                let address = fx.addr_str("watcher");
                fx.s.exec_owner(&R::SuspendOracle { address })
                    .expect("suspended");
            },
        ),
    ];
    for (what, msg, error, setup) in staged {
        c.push(case(format!("recover_account: {what}"), "issuer", msg, error).after(setup));
    }
    c
}

/// Terms the plan must refuse, with the reason.
fn bad_terms() -> Vec<(String, DistributionTerms, TermsError)> {
    let t = DistributionTerms::default;
    let many: Vec<String> = (0..=MAX_EXCLUDED_JURISDICTIONS)
        .map(|i| {
            format!(
                "{}{}",
                (b'A' + (i / 26) as u8) as char,
                (b'A' + (i % 26) as u8) as char
            )
        })
        .collect();
    let outflow = |amount, period_seconds| OutflowLimit {
        amount: Uint128::new(amount),
        period_seconds,
    };
    let mut out = vec![
        (
            "no class".into(),
            DistributionTerms {
                classes: Some(vec![]),
                ..t()
            },
            TermsError::Classes,
        ),
        (
            "a class twice".into(),
            DistributionTerms {
                classes: Some(vec![
                    InvestorClass::Retail,
                    InvestorClass::Professional,
                    InvestorClass::Retail,
                ]),
                ..t()
            },
            TermsError::Classes,
        ),
        (
            "a jurisdiction twice".into(),
            DistributionTerms {
                excluded_jurisdictions: vec!["US".into(), "CN".into(), "US".into()],
                ..t()
            },
            TermsError::Jurisdictions,
        ),
        (
            format!("{} jurisdictions", many.len()),
            DistributionTerms {
                excluded_jurisdictions: many,
                ..t()
            },
            TermsError::Jurisdictions,
        ),
        (
            "zero max_holders".into(),
            DistributionTerms {
                max_holders: Some(0),
                ..t()
            },
            TermsError::ZeroLimit,
        ),
        (
            "zero max_balance".into(),
            DistributionTerms {
                max_balance: Some(Uint128::zero()),
                ..t()
            },
            TermsError::ZeroLimit,
        ),
        (
            "zero outflow amount".into(),
            DistributionTerms {
                max_outflow: Some(outflow(0, DAY)),
                ..t()
            },
            TermsError::ZeroLimit,
        ),
        (
            "zero outflow period".into(),
            DistributionTerms {
                max_outflow: Some(outflow(10, 0)),
                ..t()
            },
            TermsError::ZeroLimit,
        ),
    ];
    for code in BAD_JURISDICTIONS {
        out.push((
            format!("jurisdiction {code:?}"),
            DistributionTerms {
                excluded_jurisdictions: vec!["US".into(), code.into()],
                ..t()
            },
            TermsError::Jurisdiction(code.into()),
        ));
    }
    out
}

fn terms_cases(fx: &mut Fixture) -> Vec<Case> {
    let current = fx.s.asset(BOND).plan;
    bad_terms()
        .into_iter()
        .map(|(what, terms, error)| {
            let mut plan = current.clone();
            plan.terms = Some(Box::new(terms));
            case(
                format!("update_plan: terms with {what}"),
                "issuer",
                R::UpdatePlan {
                    asset: BOND.into(),
                    plan,
                },
                RegistryError::from(error),
            )
        })
        .collect()
}

fn token_cases(fx: &mut Fixture) -> Vec<Case> {
    let holder = fx.addr_str("holder");
    let recipient = fx.addr_str("recipient");
    let new = fx.addr_str("holder-new");
    let stranger = fx.addr_str("stranger");
    let moved = |from: String, to: String, amount: u128| -> Msg {
        T::MoveByOrder {
            order: fixture_order(),
            from,
            to,
            amount: Uint128::new(amount),
        }
        .into()
    };
    let (h, r) = (holder.clone(), recipient.clone());
    let mut c = address_cases(fx, "move_by_order: from", "registry", move |a| {
        moved(a, r.clone(), 10)
    });
    c.extend(address_cases(
        fx,
        "move_by_order: to",
        "registry",
        move |a| moved(h.clone(), a, 10),
    ));
    let n = new.clone();
    c.extend(address_cases(fx, "recover: lost", "registry", move |a| {
        T::Recover {
            lost: a,
            replacement: n.clone(),
        }
        .into()
    }));
    let h = holder.clone();
    c.extend(address_cases(
        fx,
        "recover: replacement",
        "registry",
        move |a| {
            T::Recover {
                lost: h.clone(),
                replacement: a,
            }
            .into()
        },
    ));
    let ineligible = |who: String| {
        movement_denied(&[Denial::NotEligible {
            account: Addr::unchecked(who),
        }])
    };
    c.push(case(
        "move_by_order: zero amount",
        "registry",
        moved(holder.clone(), recipient.clone(), 0),
        TokenError::InvalidZeroAmount {},
    ));
    c.push(case(
        "move_by_order: more than the balance",
        "registry",
        moved(holder.clone(), recipient.clone(), 101),
        sub_overflow(),
    ));
    c.push(case(
        "move_by_order: from an account without a balance",
        "registry",
        moved(stranger.clone(), recipient.clone(), 1),
        sub_overflow(),
    ));
    c.push(
        case(
            "move_by_order: to an ineligible account under terms",
            "registry",
            moved(holder.clone(), recipient.clone(), 10),
            ineligible(recipient.clone()),
        )
        .after(with_terms),
    );
    c.push(
        case(
            "recover: into an ineligible account under terms",
            "registry",
            T::Recover {
                lost: holder.clone(),
                replacement: stranger.clone(),
            },
            ineligible(stranger),
        )
        .after(with_terms),
    );
    c.extend(update_terms_json());
    c
}

/// The token trusts its registry to validate the terms (the registry's `update_plan` does):
/// what it refuses by itself is what does not parse.
fn update_terms_json() -> Vec<Case> {
    [
        (
            "unknown class",
            r#"{"update_terms":{"terms":{"classes":["accredited"]}}}"#,
        ),
        (
            "unknown field in the terms",
            r#"{"update_terms":{"terms":{"max_holder":3}}}"#,
        ),
        (
            "negative max_holders",
            r#"{"update_terms":{"terms":{"max_holders":-1}}}"#,
        ),
        (
            "max_holders beyond u32",
            r#"{"update_terms":{"terms":{"max_holders":4294967296}}}"#,
        ),
        (
            "max_balance as a number",
            r#"{"update_terms":{"terms":{"max_balance":5}}}"#,
        ),
        (
            "outflow without its period",
            r#"{"update_terms":{"terms":{"max_outflow":{"amount":"5"}}}}"#,
        ),
        (
            "unknown field in the outflow",
            r#"{"update_terms":{"terms":{"max_outflow":{"amount":"5","period_seconds":1,"x":1}}}}"#,
        ),
    ]
    .into_iter()
    .map(|(what, json)| {
        raw(
            format!("update_terms: {what}"),
            "registry",
            To::BondToken,
            json,
        )
    })
    .collect()
}
