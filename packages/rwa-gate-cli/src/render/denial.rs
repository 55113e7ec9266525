//! Why the gate denies a mint, in words and as JSON.

use rwa_gate::{Denial, Flag, FlagReason, Subject};
use serde_json::{json, Value};

use crate::human::{format_span, format_time};
use crate::render::records::approval_words;

/// The code of a denial (`flagged`, `filing_quorum_not_met`...), its text and its fields.
pub fn denial_json(denial: &Denial, text: &str) -> Value {
    let detail = serde_json::to_value(denial).unwrap_or(Value::Null);
    let code = match &detail {
        Value::String(s) => s.clone(),
        Value::Object(map) => map.keys().next().cloned().unwrap_or_default(),
        _ => String::new(),
    };
    json!({"code": code, "text": text, "detail": detail})
}

/// A denial in words, with what to do about it. `flags` are the flags the denials name, read
/// beforehand, for since when and by whom (a flag missing there is named without them).
pub fn denial_words(asset: &str, denial: &Denial, now: u64, flags: &[Flag]) -> String {
    match denial {
        Denial::UnknownAsset => format!("asset {asset} has no clearance: it is not registered"),
        // The holder rule's reasons read as in the contract, with dates for people.
        Denial::NotEligible { .. }
        | Denial::EligibilityExpired { .. }
        | Denial::EligibilityRevoked { .. }
        | Denial::AccountLost { .. }
        | Denial::EligibilityOracleInactive { .. }
        | Denial::ClassNotAdmitted { .. }
        | Denial::JurisdictionExcluded { .. }
        | Denial::LockedUp { .. }
        | Denial::HolderLimit { .. }
        | Denial::BalanceLimit { .. }
        | Denial::OutflowLimit { .. }
        | Denial::LimitOverflow
        | Denial::TransfersFrozen { .. } => holder_words(denial, now),
        Denial::IssuancePaused => "all issuance is paused by the owner or the pauser".into(),
        Denial::AssetPaused => format!("issuance of asset {asset} is paused"),
        Denial::AssetRetired => format!("asset {asset} is retired: no further issuance"),
        Denial::ZeroAmount => "the amount is zero".into(),
        Denial::NotMinter { address } => format!(
            "{address} is not a minter of asset {asset} (the issuer adds minters with `rwa-gate \
             issuer add-minter`)"
        ),
        Denial::WrongToken { token } => format!("the asset's token is {token}"),
        Denial::ClearanceStale { epoch, current } => format!(
            "the clearance was computed before a registry-wide change (epoch {epoch}, now \
             {current}): run `rwa-gate refresh {asset}`"
        ),
        Denial::FilingQuorumNotMet { .. }
        | Denial::FilingExpired { .. }
        | Denial::SignificantMatterPending { .. }
        | Denial::ScreeningQuorumNotMet { .. }
        | Denial::ScreeningExpired { .. }
        | Denial::ApprovalQuorumNotMet { .. }
        | Denial::ApprovalExpired { .. } => support_words(denial, now),
        Denial::Flagged {
            flag,
            subject,
            reason,
        } => flagged_words(*flag, subject, reason, flags),
        Denial::CapExceeded {
            cap,
            minted,
            requested,
        } => format!(
            "R1: {minted} minted so far plus {requested} requested would exceed the cap of {cap} \
             (the plan maximum or the approved supply, whichever is smaller)"
        ),
    }
}

/// A missing or lapsed support (R1-R3, R10) in words, with what it names.
fn support_words(denial: &Denial, now: u64) -> String {
    let ago = |at: u64| format_span(now.saturating_sub(at).max(1));
    match denial {
        Denial::FilingQuorumNotMet { have, need } => format!(
            "R1: {have} of the {need} Filing attestation(s) needed (the CSRC filing of the \
             current plan is not attested)"
        ),
        Denial::FilingExpired { at } => format!(
            "R1/R10: the Filing attestation relied on expired on {} ({} ago)",
            format_time(at.seconds()),
            ago(at.seconds())
        ),
        Denial::SignificantMatterPending { report } => format!(
            "R2: significant matter {report} was reported and no Filing attestation is newer"
        ),
        Denial::ScreeningQuorumNotMet { have, need } => format!(
            "R3-R9: {have} of the {need} Screening attestation(s) needed (the asset and its \
             parties are not screened against the current negative list)"
        ),
        Denial::ScreeningExpired { at } => format!(
            "R3-R9/R10: the Screening attestation relied on expired on {} ({} ago)",
            format_time(at.seconds()),
            ago(at.seconds())
        ),
        Denial::ApprovalQuorumNotMet {
            approval,
            have,
            need,
        } => format!(
            "R3: {have} of the {need} {} attestation(s) needed (the plan names this approval \
             and it is not attested)",
            approval_words(*approval)
        ),
        Denial::ApprovalExpired { approval, at } => format!(
            "R3/R10: the {} attestation relied on expired on {} ({} ago)",
            approval_words(*approval),
            format_time(at.seconds()),
            ago(at.seconds())
        ),
        other => other.to_string(),
    }
}

/// A reason of the holder rule in the contract's words, its instants as dates.
fn holder_words(denial: &Denial, now: u64) -> String {
    let when = |at: u64| {
        let span = format_span(now.abs_diff(at).max(1));
        let rel = if at > now {
            format!("in {span}")
        } else {
            format!("{span} ago")
        };
        format!("{} ({rel})", format_time(at))
    };
    match denial {
        Denial::EligibilityExpired { account, at } => format!(
            "R1 terms: eligibility of {account} expired on {}",
            when(at.seconds())
        ),
        Denial::LockedUp { until } => format!(
            "R1 terms: transfers between holders locked up until {}",
            when(until.seconds())
        ),
        Denial::OutflowLimit {
            max,
            moved,
            window_start,
        } => format!(
            "R1 terms: a holder may move out at most {max} per period, would move {moved} since {}",
            when(window_start.seconds())
        ),
        other => other.to_string(),
    }
}

/// A flag that denies, with since when and by whom when `flags` has it.
fn flagged_words(flag: u64, subject: &Subject, reason: &FlagReason, flags: &[Flag]) -> String {
    let since = flags
        .iter()
        .find(|f| f.id == flag)
        .map(|f| {
            format!(
                ", raised {} by {}",
                format_time(f.raised_at.seconds()),
                f.raised_by
            )
        })
        .unwrap_or_default();
    format!(
        "{}: flag {flag} ({}) on {subject}{since}",
        reason.rule(),
        reason.as_str().replace('_', " "),
    )
}

/// Every denial: its JSON, and its line for people (`  - ...`).
pub fn denials(
    asset: &str,
    reasons: &[Denial],
    now: u64,
    flags: &[Flag],
) -> (Vec<Value>, Vec<String>) {
    reasons
        .iter()
        .map(|denial| {
            let text = denial_words(asset, denial, now, flags);
            (denial_json(denial, &text), format!("  - {text}"))
        })
        .unzip()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{Timestamp, Uint128};

    #[test]
    fn each_denial_has_its_code_its_words_and_what_to_do() {
        let now = 1_709_251_200 + 3 * 86_400;
        let reasons = [
            Denial::FilingExpired {
                at: Timestamp::from_seconds(1_709_251_200),
            },
            Denial::Flagged {
                flag: 7,
                subject: Subject::Entity("holdco".into()),
                reason: FlagReason::UnderInvestigation,
            },
            Denial::ClearanceStale {
                epoch: 2,
                current: 3,
            },
            Denial::CapExceeded {
                cap: Uint128::new(10),
                minted: Uint128::new(8),
                requested: Uint128::new(5),
            },
        ];
        let (json, lines) = denials("bond", &reasons, now, &[]);
        assert_eq!(
            lines[0],
            "  - R1/R10: the Filing attestation relied on expired on 2024-03-01 00:00:00 UTC \
             (3 days ago)"
        );
        // The flag could not be read: named without since when.
        assert_eq!(
            lines[1],
            "  - R9: flag 7 (under investigation) on entity holdco"
        );
        assert!(
            lines[2].ends_with("run `rwa-gate refresh bond`"),
            "{}",
            lines[2]
        );
        assert!(lines[3].contains("8 minted so far plus 5 requested would exceed the cap of 10"));
        let codes: Vec<&str> = json.iter().map(|j| j["code"].as_str().unwrap()).collect();
        assert_eq!(
            codes,
            [
                "filing_expired",
                "flagged",
                "clearance_stale",
                "cap_exceeded"
            ]
        );
        assert_eq!(json[1]["detail"]["flagged"]["flag"], 7);
    }

    #[test]
    fn the_holder_rule_reads_as_the_contract_with_dates() {
        let now = 1_709_251_200;
        let reasons = [
            Denial::LockedUp {
                until: Timestamp::from_seconds(now + 2 * 86_400),
            },
            Denial::ClassNotAdmitted {
                account: cosmwasm_std::Addr::unchecked("wasm1carol"),
                class: rwa_gate::InvestorClass::Retail,
            },
        ];
        let (json, lines) = denials("fund", &reasons, now, &[]);
        assert_eq!(
            lines[0],
            "  - R1 terms: transfers between holders locked up until 2024-03-03 00:00:00 UTC \
             (in 2 days)"
        );
        assert_eq!(lines[1], format!("  - {}", reasons[1]));
        assert_eq!(json[1]["code"], "class_not_admitted");
    }
}
