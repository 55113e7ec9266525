//! The authorization matrix: who may send which execute message of either contract.
//!
//! Every message of both contracts (rows: the one list of every message,
//! `rwa_gate_tests::sweep::MESSAGES`, which the bad-input sweep sends too) is sent by every role
//! (columns) from the same fresh, fully set-up fixture (`rwa_gate_tests::sweep::Fixture`, built
//! anew for every cell), and the exact outcome is asserted: success, or the exact error the
//! contract reports. A failed cell must also leave the storage of the registry and of both
//! tokens untouched.
//!
//! The messages are chosen so that the role entitled to send them succeeds: the target of
//! every row exists and is in the state the message needs (the ownership transfer is pending,
//! `note` is paused, `holder` holds tokens and has given `spender` an allowance, ...), so that
//! every refusal in the table is a refusal of the *sender*.

use std::collections::BTreeSet;

use compliance_registry::{ContractError as RegistryError, RefusedAction};
use cosmwasm_std::{OverflowError, OverflowOperation};
use gated_token::ContractError as TokenError;
use rwa_gate::registry::ExecuteMsg as R;
use rwa_gate::token::ExecuteMsg as T;
use rwa_gate_tests::sweep::{message, Fixture, Msg, MESSAGES, ROLES};
use rwa_gate_tests::*;

/// The exact outcome a cell code stands for: `None` for success, else the error message.
///
/// Rows: [`MESSAGES`] (each built by [`rwa_gate_tests::sweep::message`], its cells in
/// `Message::cells`); columns: [`ROLES`], in this order:
///
/// | column | role |
/// |---|---|
/// | own | `owner` of the registry |
/// | pnd | `pending`: the proposed next owner |
/// | pau | `pauser` |
/// | fil / scr | active oracles scoped Filing / Screening |
/// | wat | `watcher`: an active oracle scoped flags, eligibility and orders (the fixture widens it from flags with `UpdateOracleScopes`), with a registered signing key |
/// | sus / rem | an all-scopes oracle, now suspended / removed by the owner (a suspended oracle may still revoke and set its signing key) |
/// | iss | `issuer` of the bond |
/// | is2 | `issuer2`: an approved issuer of another asset (`note`) |
/// | mnt | `minter`: a non-issuer minter of the bond (added with `AddMinter`) |
/// | hld | `holder` of 100 bond tokens, eligible (by `watcher`), as is `holder-new`, its other account |
/// | spd | `spender`: may spend 50 of `holder`'s bond tokens |
/// | str | `stranger` |
/// | tok | the bond's token contract itself |
/// | reg | the registry contract itself |
///
/// Cells:
///
/// - `ok` the message succeeds;
/// - `--` registry: `unauthorized`;
/// - `RC` registry: the raiser of a flag cannot vote to clear it;
/// - `NO` registry: the filing entity (`acme`) was registered by another issuer;
/// - `B0` registry: the batch is refused, its action 0 `unauthorized`;
/// - `B2` registry: the batch is refused, its actions 0 and 1 `unauthorized`;
/// - `NM` token: issuance denied, the sender is not a minter of the asset (only reason);
/// - `IB` token: insufficient balance (cw20 overflow on subtraction);
/// - `NA` token: no allowance for this account;
/// - `OA` token: cannot set an allowance on one's own account.
fn expectation(fx: &mut Fixture, code: &str, role: &str) -> Option<String> {
    let error = match code {
        "ok" => return None,
        "--" => RegistryError::Unauthorized {}.to_string(),
        "RC" => RegistryError::RaiserCannotClear {}.to_string(),
        "NO" => RegistryError::NotOwnFilingEntity { id: ACME.into() }.to_string(),
        "B0" => unauthorized_actions(1),
        "B2" => unauthorized_actions(2),
        "NM" => TokenError::IssuanceDenied {
            reasons: vec![Denial::NotMinter {
                address: fx.addr(role),
            }],
        }
        .to_string(),
        "IB" => TokenError::Overflow(OverflowError::new(OverflowOperation::Sub)).to_string(),
        "NA" => TokenError::NoAllowance {}.to_string(),
        "OA" => TokenError::CannotSetOwnAccount {}.to_string(),
        other => panic!("unknown cell code {other}"),
    };
    Some(error)
}

/// A batch refused because its first `n` actions are each refused as unauthorized.
fn unauthorized_actions(n: u32) -> String {
    RegistryError::BatchRefused {
        refused: (0..n)
            .map(|index| RefusedAction {
                index,
                reason: RegistryError::Unauthorized {}.to_string(),
            })
            .collect(),
    }
    .to_string()
}

#[test]
fn authorization_matrix() {
    let mut cells = 0;
    let mut wrong = Vec::new();
    for m in MESSAGES {
        let (row, line) = (m.name, m.cells);
        let codes: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(codes.len(), ROLES.len(), "row {row} has a cell per role");
        for (role, code) in ROLES.iter().zip(codes) {
            let mut fx = Fixture::new();
            let msg = message(&mut fx, row);
            let expected = expectation(&mut fx, code, role);
            let before = fx.storage();
            let res = fx.send(role, &msg, &[]);
            cells += 1;
            let got = match &res {
                Ok(_) => None,
                Err(e) => Some(e.clone()),
            };
            if got != expected {
                wrong.push(format!(
                    "{row} by {role}: expected {}, got {}",
                    expected.as_deref().unwrap_or("ok"),
                    got.as_deref().unwrap_or("ok")
                ));
            } else if res.is_err() && fx.storage() != before {
                wrong.push(format!("{row} by {role}: failed but changed storage"));
            }
        }
    }
    assert_eq!(cells, MESSAGES.len() * ROLES.len());
    assert!(
        wrong.is_empty(),
        "{} of {cells} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The matrix covers every execute message of both contracts: a new variant must get a row.
#[test]
fn matrix_rows_cover_every_execute_message() {
    let mut fx = Fixture::new();
    let mut seen = BTreeSet::new();
    for m in MESSAGES {
        seen.insert(match message(&mut fx, m.name) {
            Msg::Registry(m) => format!("registry {}", variant(&m)),
            Msg::Token(m) => format!("token {}", variant(&m)),
            Msg::Raw(..) => unreachable!("the matrix sends typed messages"),
        });
    }
    let mut all = BTreeSet::new();
    for (contract, schema) in [
        ("registry", cosmwasm_schema::schema_for!(R)),
        ("token", cosmwasm_schema::schema_for!(T)),
    ] {
        #[derive(serde::Deserialize)]
        struct Variants {
            #[serde(rename = "oneOf")]
            one_of: Vec<Variant>,
        }
        #[derive(serde::Deserialize)]
        struct Variant {
            required: Vec<String>,
        }
        let variants: Variants =
            cosmwasm_std::from_json(cosmwasm_std::to_json_vec(&schema).unwrap()).unwrap();
        for v in variants.one_of {
            all.insert(format!("{contract} {}", v.required[0]));
        }
    }
    assert_eq!(all.len(), 40 + 13);
    assert_eq!(seen, all);
}

/// The JSON name of a message's variant.
fn variant<M: serde::Serialize>(msg: &M) -> String {
    let json = String::from_utf8(cosmwasm_std::to_json_vec(msg).unwrap()).unwrap();
    json.trim_start_matches("{\"")
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

/// The sender the sweep sends each message as is entitled to it: its cell is `ok`, so the
/// sweep's refusals are the input's fault, never the sender's.
#[test]
fn every_message_names_a_sender_the_matrix_allows() {
    for m in MESSAGES {
        let column = ROLES
            .iter()
            .position(|r| *r == m.sender)
            .unwrap_or_else(|| panic!("{}: sender {} is not a role", m.name, m.sender));
        let cell = m.cells.split_whitespace().nth(column);
        assert_eq!(cell, Some("ok"), "{} by {}", m.name, m.sender);
    }
}
