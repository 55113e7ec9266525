//! A case of the bad-input sweep, the hostile values the feature modules draw from, and the
//! runner. Each case is sent from a fresh [`Fixture`] by a sender that is entitled to send the
//! message, so the input alone is at fault; it must fail with exactly the expected typed error
//! (the contract's `ContractError`, `rwa_gate::validate::InvalidInput`, the address API's error,
//! or serde's text for malformed JSON) and leave the raw storage of the registry and of both
//! tokens byte-for-byte unchanged.

use std::fmt::Display;

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::testing::MockApi;
use cosmwasm_std::{from_json, Coin, OverflowError, OverflowOperation, StdError};
use gated_token::ContractError as TokenError;
use rwa_gate::registry::ExecuteMsg as R;
use rwa_gate::token::ExecuteMsg as T;
use rwa_gate::validate::InvalidInput;
use rwa_gate::Evidence;

use super::{mixed, upper, Fixture, Msg, To};
use crate::{digest, last_line, ucoin, Denial, BOND};

/// What the address API (cosmwasm-std's `MockApi`, used by cw-multi-test) answers, wrapped by
/// either contract's `ContractError::Std`. wasmd words them differently, but refuses the same.
pub fn address_error(api_message: &str) -> String {
    RegistryError::Std(StdError::msg(api_message)).to_string()
}

pub type Setup = Box<dyn Fn(&mut Fixture)>;

pub struct Case {
    /// Names the case in a failure report; unique across the sweep.
    pub what: String,
    /// A role entitled to send the message, so that the input alone is at fault.
    pub sender: &'static str,
    pub msg: Msg,
    pub funds: Vec<Coin>,
    /// Brings a fresh fixture into the state the case needs.
    pub setup: Option<Setup>,
    /// The exact error text (the last line of the error chain).
    pub expected: String,
}

pub fn case(
    what: impl Into<String>,
    sender: &'static str,
    msg: impl Into<Msg>,
    expected: impl Display,
) -> Case {
    Case {
        what: what.into(),
        sender,
        msg: msg.into(),
        funds: vec![],
        setup: None,
        expected: expected.to_string(),
    }
}

impl Case {
    /// Brings the fixture into the state the case needs before the hostile message is sent.
    pub fn after(mut self, setup: impl Fn(&mut Fixture) + 'static) -> Case {
        self.setup = Some(Box::new(setup));
        self
    }

    pub fn with_funds(mut self) -> Case {
        self.funds = ucoin(1);
        self
    }
}

pub fn id_error(field: &'static str) -> InvalidInput {
    InvalidInput::Id { field, max: 64 }
}

pub fn digest_error(field: &'static str) -> InvalidInput {
    InvalidInput::Digest { field }
}

pub fn uri_error() -> InvalidInput {
    InvalidInput::Text {
        field: "evidence uri",
        max: 256,
    }
}

pub fn sub_overflow() -> TokenError {
    TokenError::Overflow(OverflowError::new(OverflowOperation::Sub))
}

pub fn denied(reasons: Vec<Denial>) -> TokenError {
    TokenError::IssuanceDenied { reasons }
}

/// Ids that `validate::id` must refuse: empty, 65 characters, upper case, separators,
/// whitespace, non-ASCII.
pub fn bad_ids() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("65 characters", "x".repeat(65)),
        ("upper case", "Bond".into()),
        ("slash", "a/b".into()),
        ("space", "a b".into()),
        ("non-ASCII", "ünï".into()),
        ("NUL byte", "a\0b".into()),
    ]
}

/// Digests that `validate::digest` must refuse.
pub fn bad_digests() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("upper-case hex", "AB".repeat(32)),
        ("63 characters", "a".repeat(63)),
        ("65 characters", "a".repeat(65)),
        ("not hex", "zz".repeat(32)),
    ]
}

/// Evidence whose digest or uri `validate::evidence` must refuse, with the field at fault.
pub fn bad_evidence(field: &'static str) -> Vec<(String, Evidence, InvalidInput)> {
    let mut out: Vec<(String, Evidence, InvalidInput)> = bad_digests()
        .into_iter()
        .map(|(what, d)| {
            (
                format!("{what} digest"),
                Evidence {
                    digest: d,
                    uri: None,
                },
                digest_error(field),
            )
        })
        .collect();
    for (what, uri) in [
        ("empty uri", String::new()),
        ("257-character uri", format!("ipfs://{}", "u".repeat(250))),
        ("uri with a space", "ipfs://a b".into()),
        ("non-ASCII uri", "ipfs://ünï".into()),
    ] {
        out.push((
            what.into(),
            Evidence {
                digest: digest("ok"),
                uri: Some(uri),
            },
            uri_error(),
        ));
    }
    out
}

/// Address strings the API must refuse, with its answer: empty, not bech32, the upper-cased
/// and a mixed-case form of a valid address (bech32 allows the former, but only the lower-case
/// form is normalized: accepting it would alias the same account under a second storage key),
/// a valid address of another chain.
pub fn bad_addresses(fx: &mut Fixture) -> Vec<(&'static str, String, String)> {
    let valid = fx.addr("next");
    let parse_failed = address_error("parse failed");
    vec![
        ("empty address", String::new(), parse_failed.clone()),
        (
            "not an address",
            "not-an-address".into(),
            parse_failed.clone(),
        ),
        (
            "upper-cased address",
            upper(&valid),
            address_error("Invalid input: address not normalized"),
        ),
        ("mixed-case address", mixed(&valid), parse_failed),
        (
            "foreign-prefix address",
            MockApi::default()
                .with_prefix("osmo")
                .addr_make("next")
                .into(),
            address_error("Wrong bech32 prefix"),
        ),
    ]
}

/// One case per bad address put into the message by `make`.
pub fn address_cases(
    fx: &mut Fixture,
    what: &str,
    sender: &'static str,
    make: impl Fn(String) -> Msg,
) -> Vec<Case> {
    bad_addresses(fx)
        .into_iter()
        .map(|(bad, a, error)| case(format!("{what}: {bad}"), sender, make(a), error))
        .collect()
}

/// The message JSON with an unknown field added to the variant's object.
pub fn with_extra_field(json: &str) -> String {
    let (head, tail) = json.split_once(":{").expect("a variant with an object");
    if tail.starts_with('}') {
        format!("{head}:{{\"extra\":1{tail}")
    } else {
        format!("{head}:{{\"extra\":1,{tail}")
    }
}

pub fn to_json(msg: &Msg) -> (To, String) {
    match msg {
        Msg::Registry(m) => (
            To::Registry,
            String::from_utf8(cosmwasm_std::to_json_vec(m).unwrap()).unwrap(),
        ),
        Msg::Token(m) => (
            To::BondToken,
            String::from_utf8(cosmwasm_std::to_json_vec(m).unwrap()).unwrap(),
        ),
        Msg::Raw(to, json) => (*to, json.clone()),
    }
}

/// The keys of the variant's object in a message's JSON, in order (the declaration order, which
/// serde lists in its "expected" hint).
pub fn variant_fields(json: &str) -> Vec<String> {
    let inner = &json[json.find(":{").expect("a variant with an object") + 1..];
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    let mut key_start = None;
    let mut fields = Vec::new();
    for (i, ch) in inner.char_indices() {
        if in_string {
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    in_string = false;
                    if let Some(start) = key_start.take() {
                        fields.push(inner[start..i].to_string());
                    }
                }
                _ => {}
            }
            continue;
        }
        match ch {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            '"' => {
                in_string = true;
                // A key of the variant's object: at depth 1, after `{` or `,`.
                let before = inner[..i].trim_end().chars().last();
                if depth == 1 && matches!(before, Some('{') | Some(',')) {
                    key_start = Some(i + 1);
                }
            }
            _ => {}
        }
    }
    fields
}

/// serde's `unknown_field` text for `field` where `expected` are allowed, with serde_json's
/// position (the column just after the unknown key).
pub fn unknown_field(json: &str, field: &str, expected: &[String]) -> String {
    let quoted: Vec<String> = expected.iter().map(|f| format!("`{f}`")).collect();
    let hint = match quoted.len() {
        0 => "there are no fields".to_string(),
        1 => format!("expected {}", quoted[0]),
        2 => format!("expected {} or {}", quoted[0], quoted[1]),
        _ => format!("expected one of {}", quoted.join(", ")),
    };
    let column = json.find(&format!("\"{field}\"")).expect("the unknown key") + field.len() + 2;
    format!("unknown field `{field}`, {hint} at line 1 column {column}")
}

/// The error serde reports for `json` as a message of `to`, exactly as the contract's entry
/// point reports it (it parses with the same `from_json`).
pub fn parse_error(to: To, json: &str) -> String {
    let err = match to {
        To::Registry => from_json::<R>(json.as_bytes()).map(|_| ()),
        To::BondToken => from_json::<T>(json.as_bytes()).map(|_| ()),
    }
    .map_err(|e| last_line(&e))
    .err()
    .unwrap_or_else(|| format!("(parses!) {json}"));
    err
}

pub fn raw(what: impl Into<String>, sender: &'static str, to: To, json: &str) -> Case {
    case(
        what,
        sender,
        Msg::Raw(to, json.into()),
        parse_error(to, json),
    )
}

/// Retires the bond, for the cases about a retired asset.
pub fn retire_bond(fx: &mut Fixture) {
    fx.send("issuer", &R::RetireAsset { asset: BOND.into() }.into(), &[])
        .unwrap();
}

/// Sends every case from a fresh fixture; returns a line per case that misbehaves: one that
/// succeeds, fails with another error, or fails but changes the storage of the registry or of
/// either token.
pub fn run(cases: &[Case]) -> Vec<String> {
    let mut wrong = Vec::new();
    for Case {
        what,
        sender,
        msg,
        funds,
        setup,
        expected,
    } in cases
    {
        let mut fx = Fixture::new();
        if let Some(setup) = setup {
            setup(&mut fx);
        }
        let before = fx.storage();
        match fx.send(sender, msg, funds) {
            Ok(_) => wrong.push(format!("{what}: expected `{expected}`, got success")),
            Err(e) if e != *expected => {
                wrong.push(format!("{what}: expected `{expected}`, got `{e}`"))
            }
            Err(_) if fx.storage() != before => {
                wrong.push(format!("{what}: failed but changed storage"))
            }
            Err(_) => {}
        }
    }
    wrong
}
