//! Every message of [`MESSAGES`], from its entitled sender and otherwise valid: once with funds
//! (no message of either contract takes any), once with an unknown field at the top of the
//! variant's object (every input type denies unknown fields).

use compliance_registry::ContractError as RegistryError;
use cw_utils::PaymentError;
use gated_token::ContractError as TokenError;

use super::case::{case, to_json, unknown_field, variant_fields, with_extra_field, Case};
use super::{message, Fixture, Msg, MESSAGES};

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let mut c: Vec<Case> = Vec::new();
    // Unexpected funds: refused before anything else, by either contract.
    for m in MESSAGES {
        let msg = message(fx, m.name);
        let expected = match msg {
            Msg::Token(_) => TokenError::Payment(PaymentError::NonPayable {}).to_string(),
            _ => RegistryError::Payment(PaymentError::NonPayable {}).to_string(),
        };
        c.push(case(format!("{}: with funds", m.name), m.sender, msg, expected).with_funds());
    }
    // An unknown field: serde's own text, as the entry point reports it.
    for m in MESSAGES {
        let msg = message(fx, m.name);
        let (to, json) = to_json(&msg);
        let fields = variant_fields(&json);
        let json = with_extra_field(&json);
        c.push(case(
            format!("{}: unknown field", m.name),
            m.sender,
            Msg::Raw(to, json.clone()),
            unknown_field(&json, "extra", &fields),
        ));
    }
    c
}
