//! The registry's batch of oracle actions ([`RegistryMsg::Batch`], sent whole by
//! `Registry::batch`): the message to sign, what each action recorded (one `oracle_action`
//! event per action, with its index), and which actions a refused batch names.

use cosmrs::Any;
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, OracleAction, MAX_BATCH};

use crate::contracts::Registry;
use crate::{Error, Result, TxOutcome, Wallet};

/// What one action of an included batch recorded: its index in the batch and its attributes
/// (`id`, `expires_at`, `superseded`, ... as the message of the same name reports them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionRecord {
    pub index: u32,
    pub attributes: Vec<(String, String)>,
}

impl ActionRecord {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A numeric attribute (`id`, `expires_at`).
    pub fn number(&self, key: &str) -> Option<u64> {
        self.attr(key).and_then(|v| v.parse().ok())
    }
}

/// One action the registry refused in a batch: its index and why, in the contract's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedAction {
    pub index: u32,
    pub reason: String,
}

impl Registry<'_> {
    /// `actions` (at most [`MAX_BATCH`]) as one signed-to-be `MsgExecuteContract`, for
    /// simulation or for signing with [`crate::Client::sign_tx`].
    pub fn batch_msg(&self, wallet: &Wallet, actions: &[OracleAction]) -> Result<Any> {
        if actions.is_empty() || actions.len() > MAX_BATCH {
            return Err(Error::Config(format!(
                "a batch holds 1 to {MAX_BATCH} actions, not {}",
                actions.len()
            )));
        }
        self.execute_msg(
            wallet,
            &RegistryMsg::Batch {
                actions: actions.to_vec(),
            },
        )
    }
}

/// What each action of an included batch recorded, by index (its `oracle_action` events).
pub fn action_records(outcome: &TxOutcome) -> Vec<ActionRecord> {
    let mut records: Vec<ActionRecord> = outcome
        .events
        .iter()
        .filter(|e| e.kind == "wasm-oracle_action")
        .filter_map(|e| {
            let index = e
                .attributes
                .iter()
                .find(|(k, _)| k == "index")
                .and_then(|(_, v)| v.parse().ok())?;
            Some(ActionRecord {
                index,
                attributes: e.attributes.clone(),
            })
        })
        .collect();
    records.sort_by_key(|r| r.index);
    records
}

/// The actions a refused batch names (`batch refused, nothing recorded: action 3: ...; action
/// 7: ...`), in order; empty when the message is not a batch refusal.
pub fn refused_actions(message: &str) -> Vec<RefusedAction> {
    const OPENING: &str = "batch refused, nothing recorded: ";
    let Some(start) = message.find(OPENING) else {
        return Vec::new();
    };
    let rest = &message[start + OPENING.len()..];
    // Each refusal opens with `action N: `; a reason may itself hold `; `, so the text runs to
    // the next opening rather than to the next separator.
    let mut openings = Vec::new();
    let mut from = 0;
    while let Some(found) = rest[from..].find("action ") {
        let at = from + found;
        let digits: String = rest[at + 7..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let after = at + 7 + digits.len();
        let opens = (at == 0 || rest[..at].ends_with("; ")) && rest[after..].starts_with(": ");
        if let (true, Ok(index)) = (opens, digits.parse::<u32>()) {
            openings.push((at, after + 2, index));
        }
        from = at + 7;
    }
    openings
        .iter()
        .enumerate()
        .map(|(i, &(_, text_start, index))| {
            let end = openings
                .get(i + 1)
                .map(|&(next, _, _)| next - 2)
                .unwrap_or(rest.len());
            RefusedAction {
                index,
                reason: rest[text_start..end].trim_end().to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Event;

    #[test]
    fn the_refused_actions_are_read_from_the_contract_s_message() {
        let message = "failed to execute message; message index: 0: batch refused, nothing \
                       recorded: action 0: oracle wasm1x is not scoped for screening; action 7: \
                       expires_at is past the maximum validity; by 3 days: execute wasm \
                       contract failed";
        assert_eq!(
            refused_actions(message),
            vec![
                RefusedAction {
                    index: 0,
                    reason: "oracle wasm1x is not scoped for screening".into()
                },
                RefusedAction {
                    index: 7,
                    reason: "expires_at is past the maximum validity; by 3 days: execute \
                             wasm contract failed"
                        .into()
                },
            ]
        );
        assert_eq!(refused_actions("out of gas"), vec![]);
    }

    #[test]
    fn each_action_s_record_is_found_by_its_index() {
        let event = |index: &str, id: &str| Event {
            kind: "wasm-oracle_action".into(),
            attributes: vec![
                ("_contract_address".into(), "wasm1r".into()),
                ("index".into(), index.into()),
                ("id".into(), id.into()),
            ],
        };
        let outcome = TxOutcome {
            hash: "AB".into(),
            height: 3,
            gas_wanted: 1,
            gas_used: 1,
            events: vec![
                event("1", "8"),
                Event {
                    kind: "wasm".into(),
                    attributes: vec![("action".into(), "batch".into())],
                },
                event("0", "7"),
            ],
        };
        let records = action_records(&outcome);
        assert_eq!(records.len(), 2);
        assert_eq!((records[0].index, records[0].number("id")), (0, Some(7)));
        assert_eq!((records[1].index, records[1].attr("id")), (1, Some("8")));
    }
}
