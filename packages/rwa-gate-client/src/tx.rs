//! Signing and broadcast: the signer's sequence, simulation for gas, one signature, the
//! broadcast, the wait for inclusion, and the same signed bytes sent again while their fate is
//! unknown (docs/DESIGN.md, "Retries without double posting").

use std::sync::atomic::Ordering;
use std::time::Instant;

use cosmrs::proto::cosmos::tx::v1beta1::{SimulateRequest, SimulateResponse};
use cosmrs::proto::prost::Message;
use cosmrs::rpc::Client as _;
use cosmrs::tx::{self, Fee, SignDoc, SignerInfo};
use cosmrs::{Any, Coin};

use crate::client::parse_denom;
use crate::error::describe_rpc_error;
use crate::nodes::POLL;
use crate::{sha256, ChainConfig, Client, Error, Result, Wallet};

/// One event of a delivered transaction, attributes in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub kind: String,
    pub attributes: Vec<(String, String)>,
}

/// A transaction included in a block and executed successfully.
#[derive(Clone, Debug)]
pub struct TxOutcome {
    /// Upper-case hex hash.
    pub hash: String,
    pub height: u64,
    pub gas_wanted: u64,
    pub gas_used: u64,
    pub events: Vec<Event>,
}

impl TxOutcome {
    /// Every attribute `key` of the contract events (`wasm` and `wasm-*`), in order.
    pub fn wasm_attrs<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.events
            .iter()
            .filter(|e| e.kind == "wasm" || e.kind.starts_with("wasm-"))
            .flat_map(|e| e.attributes.iter())
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The first contract attribute `key`.
    pub fn wasm_attr<'a>(&'a self, key: &'a str) -> Option<&'a str> {
        self.wasm_attrs(key).next()
    }

    /// The first attribute `key` of the first event of `kind`.
    pub fn event_attr(&self, kind: &str, key: &str) -> Option<&str> {
        self.events
            .iter()
            .filter(|e| e.kind == kind)
            .flat_map(|e| e.attributes.iter())
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// How the gas limit of a transaction is chosen.
#[derive(Clone, Copy, Debug)]
pub enum Gas {
    /// Simulate first (a failing simulation is returned as the error, nothing is broadcast),
    /// unless [`crate::ChainConfig::gas_limit`] fixes the limit of every transaction.
    Simulate,
    /// Broadcast with this limit, without simulating: a failing message is then delivered and
    /// fails on chain, where its state changes are rolled back.
    Fixed(u64),
}

/// A transaction signed once, ready to be sent (and sent again) as these exact bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedTx {
    /// Upper-case hex sha256 of `bytes`: the hash CometBFT knows it by.
    pub hash: String,
    pub bytes: Vec<u8>,
    pub signer: String,
    pub account_number: u64,
    pub sequence: u64,
    pub gas_limit: u64,
}

/// What one broadcast of signed bytes to the nodes came to.
enum Sent {
    /// A node's CheckTx accepted the bytes into its mempool.
    Accepted,
    /// A node's CheckTx refused them: they are in no mempool because of this attempt.
    Refused {
        codespace: String,
        code: u32,
        log: String,
    },
    /// No answer, or one that does not say: they may or may not be in a mempool. `answered`:
    /// a node answered, with something else than a CheckTx result (e.g. "tx already exists in
    /// cache").
    Unknown { why: String, answered: bool },
    /// No node could be reached, or the node refused the request as a whole (an HTTP error
    /// status, before any CheckTx): this attempt put them nowhere.
    Unreachable(Error),
}

/// Where one signed transaction stands while it is sent and looked up.
struct Delivery {
    started: Instant,
    /// Whether these bytes may sit in some mempool: from then on they must never be signed
    /// again, only looked up and resent.
    maybe_sent: bool,
    last_sent: Option<Instant>,
    last_problem: String,
}

const ABCI_SIMULATE: &str = "/cosmos.tx.v1beta1.Service/Simulate";
/// CheckTx code of the SDK for a wrong account sequence.
const CODE_WRONG_SEQUENCE: u32 = 32;
const SEQUENCE_RETRIES: usize = 3;
/// Simulations repeated while the node's view of the signer's sequence moves.
const SIMULATION_RETRIES: usize = 10;

impl Client {
    fn sign(
        &self,
        wallet: &Wallet,
        msgs: &[Any],
        gas_limit: u64,
        account_number: u64,
        sequence: u64,
    ) -> Result<Vec<u8>> {
        let body = tx::Body::new(msgs.to_vec(), "", 0u32);
        let auth_info = SignerInfo::single_direct(Some(wallet.public_key()), sequence)
            .auth_info(fee_for(&self.config, gas_limit)?);
        let chain_id =
            self.config.chain_id.parse().map_err(|e| {
                Error::Config(format!("bad chain id {}: {e}", self.config.chain_id))
            })?;
        let sign_doc = SignDoc::new(&body, &auth_info, &chain_id, account_number)
            .map_err(|e| Error::Sign(e.to_string()))?;
        let raw = sign_doc
            .sign(wallet.signing_key())
            .map_err(|e| Error::Sign(e.to_string()))?;
        raw.to_bytes().map_err(|e| Error::Sign(e.to_string()))
    }

    /// Gas the messages would use, by simulation. A failing message is an error.
    pub fn simulate(&self, wallet: &Wallet, msgs: &[Any]) -> Result<u64> {
        let (account_number, sequence) = self.signer_account(wallet)?;
        self.simulate_at(wallet, msgs, account_number, sequence)
    }

    fn simulate_at(
        &self,
        wallet: &Wallet,
        msgs: &[Any],
        account_number: u64,
        sequence: u64,
    ) -> Result<u64> {
        let tx_bytes = self.sign(wallet, msgs, 0, account_number, sequence)?;
        #[allow(deprecated)]
        let request = SimulateRequest { tx: None, tx_bytes }.encode_to_vec();
        let bytes = self.abci_query(ABCI_SIMULATE, request)?;
        let answer = SimulateResponse::decode(bytes.as_slice())
            .map_err(|e| Error::Decode(format!("simulate answer: {e}")))?;
        answer
            .gas_info
            .map(|g| g.gas_used)
            .ok_or_else(|| Error::Decode("simulate answered no gas info".into()))
    }

    fn signer_account(&self, wallet: &Wallet) -> Result<(u64, u64)> {
        self.account(wallet.address())?
            .ok_or_else(|| Error::UnknownAccount(wallet.address().to_string()))
    }

    /// The sequence this client last saw consumed by `signer`, plus one.
    fn known_sequence(&self, signer: &str) -> u64 {
        self.sequences
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(signer)
            .copied()
            .unwrap_or(0)
    }

    fn sequence_used(&self, signer: &str, sequence: u64) {
        let mut known = self.sequences.lock().unwrap_or_else(|p| p.into_inner());
        let next = known.entry(signer.to_string()).or_insert(0);
        *next = (*next).max(sequence + 1);
    }

    /// The gas limit by simulation, with the sequence the node asked for on the way. The
    /// simulation runs on the node's pending state (its mempool included), which may be ahead
    /// of the committed account (a transaction in the block being committed) or, on a lagging
    /// node, behind this client: it is run at the sequence the node asks for, and the gas does
    /// not depend on it.
    fn simulated_gas_limit(
        &self,
        wallet: &Wallet,
        msgs: &[Any],
        account_number: u64,
        mut sequence: u64,
    ) -> Result<(u64, u64)> {
        let mut attempt = 0;
        loop {
            match self.simulate_at(wallet, msgs, account_number, sequence) {
                Ok(used) => {
                    let limit =
                        (used as f64 * self.config.gas_adjustment) as u64 + self.config.gas_margin;
                    return Ok((limit, sequence));
                }
                Err(Error::Query { log, .. })
                    if log.contains("account sequence mismatch")
                        && attempt < SIMULATION_RETRIES =>
                {
                    attempt += 1;
                    if let Some(expected) = expected_sequence(&log) {
                        sequence = expected;
                    }
                    std::thread::sleep(POLL);
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Simulates (for [`Gas::Simulate`], unless the configuration fixes a gas limit) and signs
    /// `msgs` with the signer's next sequence: the higher of the node's account sequence and
    /// the one after this client's last included transaction of the signer (a lagging node may
    /// not know that one yet).
    pub fn sign_tx(&self, wallet: &Wallet, msgs: &[Any], gas: Gas) -> Result<SignedTx> {
        let signer = wallet.address().to_string();
        let (account_number, chain_sequence) = self.signer_account(wallet)?;
        let (gas_limit, simulated_at) = match (gas, self.config.gas_limit) {
            (Gas::Fixed(limit), _) | (Gas::Simulate, Some(limit)) => (limit, chain_sequence),
            (Gas::Simulate, None) => {
                self.simulated_gas_limit(wallet, msgs, account_number, chain_sequence)?
            }
        };
        let sequence = chain_sequence
            .max(simulated_at)
            .max(self.known_sequence(&signer));
        let bytes = self.sign(wallet, msgs, gas_limit, account_number, sequence)?;
        Ok(SignedTx {
            hash: hex::encode_upper(sha256(&bytes)),
            bytes,
            signer,
            account_number,
            sequence,
            gas_limit,
        })
    }

    /// Signs, broadcasts and waits for inclusion of `msgs`. Contract failures (in simulation or
    /// on delivery) come back as [`Error::Contract`] with the contract's own message.
    pub fn broadcast(&self, wallet: &Wallet, msgs: &[Any], gas: Gas) -> Result<TxOutcome> {
        self.broadcast_tracked(wallet, msgs, gas, &mut |_| {})
    }

    /// [`Client::broadcast`], telling `on_signed` about every signature it makes before sending
    /// it: one, unless a node refused the first outright for a wrong sequence before anything
    /// else could hold it, in which case the transaction is signed again with the right one.
    ///
    /// Once bytes may have reached a mempool (a node accepted them, or a broadcast got no
    /// answer), they are the only version of the transaction there will ever be: the client
    /// looks them up by hash on the nodes that answer, sends the same bytes again, and never
    /// signs the messages anew. As one sequence can be consumed once, they are included at most
    /// once (docs/DESIGN.md, "Retries without double posting").
    pub fn broadcast_tracked(
        &self,
        wallet: &Wallet,
        msgs: &[Any],
        gas: Gas,
        on_signed: &mut dyn FnMut(&SignedTx),
    ) -> Result<TxOutcome> {
        let mut signed = self.sign_tx(wallet, msgs, gas)?;
        let mut resigns = 0;
        loop {
            on_signed(&signed);
            match self.send_signed(&signed)? {
                Ok(outcome) => return Ok(outcome),
                // Refused outright for a wrong sequence by the only node that ever saw these
                // bytes: sign again with the sequence the chain expects.
                Err(expected) if resigns < SEQUENCE_RETRIES => {
                    resigns += 1;
                    self.nodes.resigned.fetch_add(1, Ordering::SeqCst);
                    let bytes = self.sign(
                        wallet,
                        msgs,
                        signed.gas_limit,
                        signed.account_number,
                        expected,
                    )?;
                    signed = SignedTx {
                        hash: hex::encode_upper(sha256(&bytes)),
                        bytes,
                        sequence: expected,
                        ..signed
                    };
                }
                Err(expected) => {
                    return Err(Error::Query {
                        codespace: "sdk".into(),
                        code: CODE_WRONG_SEQUENCE,
                        log: format!(
                            "account sequence mismatch: still expected {expected} after \
                             {SEQUENCE_RETRIES} new signatures"
                        ),
                        tx: Some(signed.hash.clone()),
                    })
                }
            }
        }
    }

    /// Sends `signed` and waits for its inclusion: `Ok(Ok(outcome))` when included (a failed
    /// delivery is `Err`), `Ok(Err(expected))` only when the first node to answer refused the
    /// bytes for a wrong sequence (it expects `expected`, above the one signed) and no attempt
    /// can have put them anywhere else, so they can never be included and may be re-signed.
    pub fn send_signed(&self, signed: &SignedTx) -> Result<Result<TxOutcome, u64>> {
        let mut delivery = Delivery {
            started: Instant::now(),
            maybe_sent: false,
            last_sent: None,
            last_problem: String::from("not yet sent"),
        };
        loop {
            if delivery.started.elapsed() > self.config.inclusion_timeout {
                return Err(Error::NotIncluded {
                    hash: signed.hash.clone(),
                    waited: delivery.started.elapsed(),
                    last: delivery.last_problem,
                });
            }
            let due = delivery
                .last_sent
                .is_none_or(|at| at.elapsed() >= self.config.rebroadcast_interval);
            if due {
                if let Some(expected) = self.send_once(signed, &mut delivery)? {
                    return Ok(Err(expected));
                }
                // Bytes refused everywhere and never possibly sent: nothing to look up yet.
                if !delivery.maybe_sent {
                    std::thread::sleep(POLL);
                    continue;
                }
            }
            match self.find_tx(&signed.hash) {
                Ok(Some(found)) => {
                    self.sequence_used(&signed.signer, signed.sequence);
                    return found.into_outcome().map(Ok);
                }
                Ok(None) => {}
                Err(e) => delivery.last_problem = e.to_string(),
            }
            std::thread::sleep(POLL);
        }
    }

    /// One (re)broadcast of `signed`, recorded in `delivery`. `Some(expected)`: refused for a
    /// wrong sequence before anything could hold the bytes, so they may be signed again.
    fn send_once(&self, signed: &SignedTx, delivery: &mut Delivery) -> Result<Option<u64>> {
        if delivery.last_sent.is_some() {
            self.nodes.rebroadcasts.fetch_add(1, Ordering::SeqCst);
        }
        delivery.last_sent = Some(Instant::now());
        let (sent, received_before) = self.send_bytes(&signed.bytes);
        // A node that timed out before another answered may hold the bytes: from now on they
        // are never signed again, whatever the answer says.
        let unanswered = matches!(
            sent,
            Sent::Unknown {
                answered: false,
                ..
            }
        );
        if received_before || unanswered {
            self.nodes
                .ambiguous_broadcasts
                .fetch_add(1, Ordering::SeqCst);
            delivery.maybe_sent = true;
        }
        match sent {
            Sent::Accepted => delivery.maybe_sent = true,
            Sent::Unknown { why, .. } => {
                delivery.maybe_sent = true;
                delivery.last_problem = why;
            }
            // Nothing was reached and nothing was ever sent: safe to give up.
            Sent::Unreachable(e) if !delivery.maybe_sent => return Err(e),
            Sent::Unreachable(e) => delivery.last_problem = e.to_string(),
            Sent::Refused {
                codespace,
                code,
                log,
            } => return self.on_refusal(signed, delivery, &codespace, code, log),
        }
        Ok(None)
    }

    /// A CheckTx refusal of `signed`: a new signature is due only when the sequence was wrong
    /// and the bytes were never possibly sent; another refusal of bytes never sent is final.
    fn on_refusal(
        &self,
        signed: &SignedTx,
        delivery: &mut Delivery,
        codespace: &str,
        code: u32,
        log: String,
    ) -> Result<Option<u64>> {
        if code == CODE_WRONG_SEQUENCE {
            match expected_sequence(&log) {
                Some(expected) if expected > signed.sequence && !delivery.maybe_sent => {
                    return Ok(Some(expected));
                }
                // A node behind us (it has not seen our previous transaction yet), or the
                // sequence was consumed, maybe by these very bytes: keep looking them up.
                _ => delivery.last_problem = log,
            }
        } else if !delivery.maybe_sent {
            return Err(Error::from_abci(
                codespace,
                code,
                &log,
                Some(signed.hash.clone()),
            ));
        } else {
            delivery.last_problem = log;
        }
        Ok(None)
    }

    /// One broadcast of `bytes`, failing over while nodes do not answer; with whether a node
    /// tried before the one that answered may have received them (then, whatever the answer,
    /// they may be in a mempool).
    fn send_bytes(&self, bytes: &[u8]) -> (Sent, bool) {
        let answered = self.nodes.try_each(&self.runtime, |rpc| {
            let bytes = bytes.to_vec();
            async move { rpc.broadcast_tx_sync(bytes).await }
        });
        match answered {
            Ok((answer, before)) => {
                let sent = match answer {
                    Ok(checked) if checked.code.is_ok() => Sent::Accepted,
                    Ok(checked) => Sent::Refused {
                        codespace: checked.codespace,
                        code: checked.code.value(),
                        log: checked.log,
                    },
                    Err((endpoint, e)) => unchecked_answer(endpoint, &e, bytes.len()),
                };
                (sent, before.maybe_received())
            }
            Err(failures) if failures.maybe_received() => (
                Sent::Unknown {
                    why: failures.into_error("broadcast_tx_sync").to_string(),
                    answered: false,
                },
                true,
            ),
            Err(failures) => (
                Sent::Unreachable(failures.into_error("broadcast_tx_sync")),
                false,
            ),
        }
    }
}

/// A node's answer to a broadcast that is not a CheckTx result. An HTTP error status refuses
/// the request as a whole (e.g. over the node's size limit): nothing entered a mempool. Any
/// other ("tx already exists in cache", a full mempool) does not say whether the bytes are in
/// a mempool.
fn unchecked_answer(endpoint: String, e: &cosmrs::rpc::Error, tx_bytes: usize) -> Sent {
    use cosmrs::rpc::error::ErrorDetail;
    if let ErrorDetail::HttpRequestFailed(_) = e.detail() {
        let body_bytes = cosmrs::rpc::request::RequestMessage::into_json(
            cosmrs::rpc::endpoint::broadcast::tx_sync::Request::new(vec![0u8; tx_bytes]),
        )
        .len();
        return Sent::Unreachable(Error::Rpc {
            endpoint,
            what: "broadcast_tx_sync".into(),
            detail: describe_rpc_error(e, Some(body_bytes)),
        });
    }
    Sent::Unknown {
        why: format!("{endpoint}: {}", describe_rpc_error(e, None)),
        answered: true,
    }
}

/// The fee of a transaction with `gas_limit`: the configured fees, else the gas price's.
fn fee_for(config: &ChainConfig, gas_limit: u64) -> Result<Fee> {
    let amount = match &config.fees {
        Some(fees) => fees
            .iter()
            .map(|f| {
                Ok(Coin {
                    denom: parse_denom(&f.denom)?,
                    amount: f.amount,
                })
            })
            .collect::<Result<Vec<_>>>()?,
        None => match (gas_limit as f64 * config.gas_price).ceil() as u128 {
            // A zero-priced chain takes no coins: an empty fee, never a zero coin.
            0 => vec![],
            amount => vec![Coin {
                denom: parse_denom(&config.denom)?,
                amount,
            }],
        },
    };
    Ok(Fee {
        amount,
        gas_limit,
        payer: None,
        granter: None,
    })
}

/// The sequence a node expects, from the SDK's refusal `account sequence mismatch, expected 7,
/// got 6: incorrect account sequence`.
fn expected_sequence(log: &str) -> Option<u64> {
    let rest = &log[log.find("expected ")? + "expected ".len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expected_sequence_is_read_from_the_sdk_refusal() {
        assert_eq!(
            expected_sequence(
                "account sequence mismatch, expected 17, got 15: incorrect account sequence"
            ),
            Some(17)
        );
        assert_eq!(expected_sequence("insufficient fee"), None);
    }

    #[test]
    fn a_broadcast_refused_with_an_http_status_entered_no_mempool() {
        use crate::testing::{canned_node, http_answer, status_error};
        let e = status_error(&canned_node(http_answer("400 Bad Request", "")));
        // A 1 MiB transaction travels base64-encoded (1,398,104 bytes) in 135 bytes of JSON-RPC.
        let Sent::Unreachable(refusal) = unchecked_answer("http://n:1".into(), &e, 1_048_576)
        else {
            panic!("a 400 must say that nothing was sent");
        };
        assert_eq!(
            refusal.to_string(),
            "node http://n:1 failed broadcast_tx_sync: the node refused a request of 1,398,239 \
             bytes with HTTP 400 Bad Request: that is over the 1,000,000-byte limit nodes put on \
             a request by default (rpc.max_body_bytes in the node's config.toml). Send it to a \
             node with a higher limit, or send less at once (codes are uploaded gzip-compressed)"
        );
        let e = status_error(&canned_node(http_answer(
            "200 OK",
            r#"{"jsonrpc":"2.0","id":-1,"error":{"code":-32603,"message":"Internal error","data":"tx already exists in cache"}}"#,
        )));
        match unchecked_answer("http://n:1".into(), &e, 300) {
            Sent::Unknown { why, answered } => {
                assert!(answered);
                assert_eq!(
                    why,
                    "http://n:1: the node answered with an error: Internal error: tx already \
                     exists in cache"
                );
            }
            _ => panic!("an answer that is not a CheckTx result leaves the fate open"),
        }
    }

    fn coins(fee: &Fee) -> Vec<(String, u128)> {
        fee.amount
            .iter()
            .map(|c| (c.denom.to_string(), c.amount))
            .collect()
    }

    #[test]
    fn fees_are_the_gas_price_s_unless_given_and_a_free_chain_takes_no_coin() {
        let free = ChainConfig::new("localhost:26757", "c");
        let fee = fee_for(&free, 200_000).unwrap();
        assert_eq!((coins(&fee), fee.gas_limit), (vec![], 200_000));
        let priced = free.clone().with_gas_price("0.025uwasm".parse().unwrap());
        // 200,001 × 0.025 = 5,000.025, rounded up: a fee is never below the price.
        assert_eq!(
            coins(&fee_for(&priced, 200_001).unwrap()),
            vec![("uwasm".to_string(), 5_001)]
        );
        let fixed = priced.with_fees(crate::Amount::parse_list("700stake").unwrap());
        let fee = fee_for(&fixed, 900_000).unwrap();
        assert_eq!(
            (coins(&fee), fee.gas_limit),
            (vec![("stake".to_string(), 700)], 900_000)
        );
    }
}
