//! Malformed JSON, and unknown fields in the nested objects of the registry's messages.
//!
//! serde drops unknown fields unless told to deny them, and `#[cw_serde]` (cosmwasm-schema 3)
//! no longer denies them: a misspelt optional field would then silently become `None`, which
//! turns an asset pause into a global pause or clears the pauser (the last cases). Every input
//! type denies them; these cases keep it so. (Unknown fields at the top of every message are in
//! [`super::every_message`].)

use super::case::{case, raw, unknown_field, Case};
use super::{Fixture, Msg, To};
use crate::digest;

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let mut c: Vec<Case> = Vec::new();

    // ---- malformed JSON: serde's own text, as the entry point reports it
    for (what, to, json) in [
        ("unknown variant", To::Registry, r#"{"frobnicate":{}}"#),
        ("unknown variant", To::BondToken, r#"{"frobnicate":{}}"#),
        ("empty object", To::Registry, "{}"),
        (
            "two variants",
            To::Registry,
            r#"{"pause":{"asset":null},"unpause":{"asset":null}}"#,
        ),
        ("not JSON", To::BondToken, "mint 10"),
        ("empty body", To::Registry, ""),
        (
            "variant as a bare string",
            To::Registry,
            r#""accept_ownership""#,
        ),
        (
            "unknown statement kind",
            To::Registry,
            r#"{"attest":{"asset":"bond","statement":{"audit":{}},"expires_at":"1","evidence":{"digest":"00","uri":null}}}"#,
        ),
        (
            "unknown flag reason",
            To::Registry,
            r#"{"raise_flag":{"subject":{"asset":"bond"},"reason":"bad_vibes","evidence":{"digest":"00","uri":null}}}"#,
        ),
        (
            "unknown subject kind",
            To::Registry,
            r#"{"raise_flag":{"subject":{"person":"x"},"reason":"negative_list","evidence":{"digest":"00","uri":null}}}"#,
        ),
        (
            "amount above Uint128::MAX",
            To::BondToken,
            r#"{"burn":{"amount":"340282366920938463463374607431768211456"}}"#,
        ),
        (
            "negative amount",
            To::BondToken,
            r#"{"burn":{"amount":"-1"}}"#,
        ),
        (
            "amount as a JSON number",
            To::BondToken,
            r#"{"burn":{"amount":10}}"#,
        ),
        (
            "flag id as a string",
            To::Registry,
            r#"{"clear_flag":{"id":"1","conclusion":{"digest":"00","uri":null}}}"#,
        ),
        (
            "negative flag id",
            To::Registry,
            r#"{"clear_flag":{"id":-1,"conclusion":{"digest":"00","uri":null}}}"#,
        ),
        (
            "decimals above u8",
            To::Registry,
            r#"{"register_asset":{"id":"x","filing_entity":"acme","related_parties":[],"plan":{"max_supply":"1","materials_digest":"00"},"token":{"name":"abc","symbol":"ABC","decimals":256}}}"#,
        ),
        (
            "unknown party role",
            To::Registry,
            r#"{"register_asset":{"id":"x","filing_entity":"acme","related_parties":[{"entity":"holdco","role":"cousin"}],"plan":{"max_supply":"1","materials_digest":"00"},"token":{"name":"abc","symbol":"ABC","decimals":6}}}"#,
        ),
        (
            "two keys in an expiration",
            To::BondToken,
            r#"{"increase_allowance":{"spender":"x","amount":"1","expires":{"at_height":5,"never":{}}}}"#,
        ),
        (
            "missing field",
            To::BondToken,
            r#"{"transfer":{"amount":"1"}}"#,
        ),
        (
            "null amount",
            To::BondToken,
            r#"{"mint":{"recipient":"x","amount":null}}"#,
        ),
    ] {
        c.push(raw(format!("raw JSON: {what}"), "owner", to, json));
    }

    let next = fx.addr_str("next");
    let d = digest("d");
    let strings = |f: &[&str]| f.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    for (what, sender, json, field, expected) in [
        (
            "unknown field in evidence",
            "issuer",
            format!(r#"{{"report_significant_matter":{{"asset":"bond","evidence":{{"digest":"{d}","uri":null,"extra":1}}}}}}"#),
            "extra",
            strings(&["digest", "uri"]),
        ),
        (
            "evidence `url` for `uri`",
            "issuer",
            format!(r#"{{"report_significant_matter":{{"asset":"bond","evidence":{{"digest":"{d}","url":"ipfs://x"}}}}}}"#),
            "url",
            strings(&["digest", "uri"]),
        ),
        (
            "unknown field in scopes",
            "owner",
            format!(r#"{{"add_oracle":{{"address":"{next}","scopes":{{"filing":true,"screening":false,"flags":false,"admin":true}}}}}}"#),
            "admin",
            strings(&[
                "filing",
                "screening",
                "flags",
                "eligibility",
                "orders",
                "cross_border_investment",
                "foreign_exchange",
                "data_security",
            ]),
        ),
        (
            "unknown field in plan",
            "issuer",
            format!(r#"{{"update_plan":{{"asset":"bond","plan":{{"max_supply":"1","materials_digest":"{d}","extra":1}}}}}}"#),
            "extra",
            strings(&["max_supply", "materials_digest", "terms", "approvals"]),
        ),
        (
            "unknown field in related party",
            "issuer",
            format!(r#"{{"register_asset":{{"id":"fund","filing_entity":"acme","related_parties":[{{"entity":"holdco","role":"other","share":51}}],"plan":{{"max_supply":"1","materials_digest":"{d}"}},"token":{{"name":"Fund token","symbol":"FUND","decimals":6}}}}}}"#),
            "share",
            strings(&["entity", "role"]),
        ),
        (
            "unknown field in token spec",
            "issuer",
            format!(r#"{{"register_asset":{{"id":"fund","filing_entity":"acme","related_parties":[],"plan":{{"max_supply":"1","materials_digest":"{d}"}},"token":{{"name":"Fund token","symbol":"FUND","decimals":6,"admin":"x"}}}}}}"#),
            "admin",
            strings(&["name", "symbol", "decimals"]),
        ),
        (
            "unknown field in a filing statement",
            "filer",
            format!(r#"{{"attest":{{"asset":"bond","statement":{{"filing":{{"filing_reference":"R","plan":{{"max_supply":"1","materials_digest":"{d}"}},"approved_supply":"1","extra":1}}}},"expires_at":"1","evidence":{{"digest":"{d}","uri":null}}}}}}"#),
            "extra",
            strings(&["filing_reference", "plan", "approved_supply"]),
        ),
        (
            "unknown field in a criminal-record reason",
            "watcher",
            format!(r#"{{"raise_flag":{{"subject":{{"entity":"founder"}},"reason":{{"criminal_record":{{"offence_date":"1","court":"x"}}}},"evidence":{{"digest":"{d}","uri":null}}}}}}"#),
            "court",
            strings(&["offence_date"]),
        ),
        (
            "unknown field in max validity",
            "owner",
            r#"{"update_params":{"attestation_quorum":null,"flag_quorum":null,"max_validity":{"filing":86400,"screening":86400,"extra":1},"token_code_id":null}}"#.to_string(),
            "extra",
            strings(&["filing", "screening", "eligibility", "approval"]),
        ),
        // Misspelt optional fields, each of which would have a harmful effect if it were
        // dropped as serde does by default.
        (
            "pause with `assset`: would pause ALL issuance",
            "pauser",
            r#"{"pause":{"assset":"bond"}}"#.to_string(),
            "assset",
            strings(&["asset"]),
        ),
        (
            "set_pauser with `pauzer`: would remove the pauser",
            "owner",
            format!(r#"{{"set_pauser":{{"pauzer":"{next}"}}}}"#),
            "pauzer",
            strings(&["pauser"]),
        ),
        (
            "update_params with `attestation_quorom`: would change nothing, successfully",
            "owner",
            r#"{"update_params":{"attestation_quorom":3}}"#.to_string(),
            "attestation_quorom",
            strings(&[
                "attestation_quorum",
                "flag_quorum",
                "max_validity",
                "token_code_id",
                "approval_quorum",
            ]),
        ),
    ] {
        let expected = unknown_field(&json, field, &expected);
        c.push(case(what, sender, Msg::Raw(To::Registry, json), expected));
    }
    c
}
