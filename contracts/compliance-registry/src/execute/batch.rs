//! Many oracle actions in one transaction: the sender's own batch, all or nothing. The same
//! runner carries out the actions of a signed statement (`delegation`).

use std::cell::Cell;
use std::collections::BTreeMap;

use cosmwasm_std::{Addr, DepsMut, Env, Event, MessageInfo, Order, Record, Response, Storage};
use rwa_gate::registry::{OracleAction, MAX_BATCH};

use crate::error::{ContractError, RefusedAction};
use crate::execute::attest::Numbering;
use crate::execute::{attest, holders};
use rwa_gate::registry::{RevokeEligibilityMsg, RevokeMsg};

/// One action, by `info.sender`: exactly what the message of the same name does.
fn perform(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    action: OracleAction,
    numbering: &mut Numbering,
) -> Result<Response, ContractError> {
    match action {
        OracleAction::Attest(statement) => {
            attest::attest_numbered(deps, env, info, statement, numbering)
        }
        OracleAction::Revoke(RevokeMsg { id, evidence }) => {
            attest::revoke(deps, env, info, id, evidence)
        }
        OracleAction::AttestEligibility(statement) => {
            holders::attest_eligibility(deps, env, info, statement)
        }
        OracleAction::RevokeEligibility(RevokeEligibilityMsg { account, evidence }) => {
            holders::revoke_eligibility(deps, env, info, account, evidence)
        }
    }
}

pub fn batch(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    actions: Vec<OracleAction>,
) -> Result<Response, ContractError> {
    let mut storage = ReadOnce::new(deps.storage);
    let session = DepsMut {
        storage: &mut storage,
        api: deps.api,
        querier: deps.querier,
    };
    let response = perform_all(session, &env, &info.sender, actions)?;
    Ok(response.add_attribute("action", "batch"))
}

/// Carries out `actions` in order as `oracle`, each seeing what the ones before it recorded.
/// Every action is tried, so that the error names every refused one; when any is refused the
/// whole transaction fails and nothing is recorded. Each action's attributes become an event of
/// its own, with its index. `deps` reads through a [`ReadOnce`] session.
pub fn perform_all(
    mut deps: DepsMut,
    env: &Env,
    oracle: &Addr,
    actions: Vec<OracleAction>,
) -> Result<Response, ContractError> {
    if actions.is_empty() {
        return Err(ContractError::EmptyBatch {});
    }
    if actions.len() > MAX_BATCH {
        return Err(ContractError::BatchTooLarge { max: MAX_BATCH });
    }
    let count = actions.len();
    let info = MessageInfo {
        sender: oracle.clone(),
        funds: vec![],
    };
    let mut response = Response::new();
    let mut refused = Vec::new();
    let mut numbering = Numbering::default();
    for (index, action) in actions.into_iter().enumerate() {
        match perform(
            deps.branch(),
            env.clone(),
            info.clone(),
            action,
            &mut numbering,
        ) {
            Ok(done) => {
                let event = Event::new("oracle_action")
                    .add_attribute("index", index.to_string())
                    .add_attributes(done.attributes);
                response = response.add_submessages(done.messages).add_event(event);
            }
            Err(error) => refused.push(RefusedAction {
                index: index as u32,
                reason: error.to_string(),
            }),
        }
    }
    if !refused.is_empty() {
        return Err(ContractError::BatchRefused { refused });
    }
    Ok(response
        .add_attribute("oracle", oracle)
        .add_attribute("actions", count.to_string()))
}

/// The storage a batch's actions see. Every record is read from the chain at most once: each
/// read costs gas, and the actions of a batch read the same oracle, configuration, gate and
/// negative list over and over. Every write goes through at once (and is remembered), so a
/// range reads the chain as it is and nothing is left to flush.
pub(crate) struct ReadOnce<'a> {
    chain: &'a mut dyn Storage,
    /// Key → value as last read or written; `None`: absent.
    seen: Cell<BTreeMap<Vec<u8>, Option<Vec<u8>>>>,
}

impl<'a> ReadOnce<'a> {
    pub(crate) fn new(chain: &'a mut dyn Storage) -> Self {
        ReadOnce {
            chain,
            seen: Cell::new(BTreeMap::new()),
        }
    }

    fn remember(&self, key: &[u8], value: Option<Vec<u8>>) {
        let mut seen = self.seen.take();
        seen.insert(key.to_vec(), value);
        self.seen.set(seen);
    }
}

impl Storage for ReadOnce<'_> {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        let seen = self.seen.take();
        let known = seen.get(key).cloned();
        self.seen.set(seen);
        match known {
            Some(value) => value,
            None => {
                let value = self.chain.get(key);
                self.remember(key, value.clone());
                value
            }
        }
    }

    fn range<'b>(
        &'b self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> Box<dyn Iterator<Item = Record> + 'b> {
        self.chain.range(start, end, order)
    }

    fn set(&mut self, key: &[u8], value: &[u8]) {
        self.chain.set(key, value);
        self.remember(key, Some(value.to_vec()));
    }

    fn remove(&mut self, key: &[u8]) {
        self.chain.remove(key);
        self.remember(key, None);
    }
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::testing::MockStorage;

    use super::*;

    /// Counts the reads that reach the chain.
    struct Counted {
        inner: MockStorage,
        reads: Cell<usize>,
    }

    impl Storage for Counted {
        fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
            self.reads.set(self.reads.get() + 1);
            self.inner.get(key)
        }

        fn range<'a>(
            &'a self,
            start: Option<&[u8]>,
            end: Option<&[u8]>,
            order: Order,
        ) -> Box<dyn Iterator<Item = Record> + 'a> {
            self.inner.range(start, end, order)
        }

        fn set(&mut self, key: &[u8], value: &[u8]) {
            self.inner.set(key, value)
        }

        fn remove(&mut self, key: &[u8]) {
            self.inner.remove(key)
        }
    }

    #[test]
    fn a_batch_reads_each_record_once_and_writes_through() {
        let mut chain = Counted {
            inner: MockStorage::new(),
            reads: Cell::new(0),
        };
        chain.inner.set(b"config", b"v1");
        let mut seen = ReadOnce::new(&mut chain);
        assert_eq!(seen.get(b"config"), Some(b"v1".to_vec()));
        assert_eq!(seen.get(b"config"), Some(b"v1".to_vec()));
        assert_eq!(seen.get(b"absent"), None);
        assert_eq!(seen.get(b"absent"), None);
        seen.set(b"absent", b"now");
        assert_eq!(seen.get(b"absent"), Some(b"now".to_vec()));
        seen.remove(b"config");
        assert_eq!(seen.get(b"config"), None);
        let keys: Vec<_> = seen
            .range(None, None, Order::Ascending)
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, vec![b"absent".to_vec()]);
        assert_eq!(
            chain.reads.get(),
            2,
            "one read of each key reached the chain"
        );
        assert_eq!(chain.inner.get(b"absent"), Some(b"now".to_vec()));
        assert_eq!(chain.inner.get(b"config"), None);
    }
}
