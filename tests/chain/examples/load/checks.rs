//! The checks after the load: every transaction included exactly once (by hash on every node,
//! and by each account's sequence), the registry and the tokens equal to the model on every
//! node at one height, and one app hash at one height.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use rwa_gate::cw20::{BalanceResponse, TokenInfoResponse};
use rwa_gate::registry::{AttestationsResponse, FlagsResponse, MintedResponse, QueryMsg};
use rwa_gate::token::QueryMsg as TokenQuery;
use rwa_gate::{FlagStatus, Subject};
use rwa_gate_client::Client;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::args::Args;
use crate::faults::node_clients;
use crate::model::{Effect, Intent, Model, Outcome};
use crate::setup::Deployed;
use crate::{progress, R};

#[derive(Default)]
pub struct Checks {
    pub lost: usize,
    /// Included once, but the client did not report it so (it gave up, or named another hash).
    pub unconfirmed: usize,
    pub duplicated: usize,
    pub divergent: usize,
    pub sequence_mismatches: usize,
    pub model_mismatches: usize,
    pub details: Vec<String>,
    pub per_node: Vec<Value>,
    pub final_height: u64,
    pub compared_height: u64,
    pub app_hash_height: u64,
}

impl Checks {
    pub fn passed(&self) -> bool {
        self.lost == 0
            && self.unconfirmed == 0
            && self.duplicated == 0
            && self.divergent == 0
            && self.sequence_mismatches == 0
            && self.model_mismatches == 0
    }
}

/// A query of one node at one height, decoded.
fn query_at<M: Serialize, T: DeserializeOwned>(
    client: &Client,
    contract: &str,
    msg: &M,
    height: u64,
) -> R<T> {
    client
        .query_at(contract, msg, Some(height))
        .map_err(|e| format!("{} at {height}: {e}", client.current_node()))
}

fn observed_attestations(client: &Client, d: &Deployed, height: u64, model: &mut Model) -> R<()> {
    for asset in &d.assets {
        let mut start_after = None;
        loop {
            let msg = QueryMsg::Attestations {
                asset: asset.clone(),
                kind: None,
                start_after,
                limit: Some(30),
            };
            let page: AttestationsResponse = query_at(client, &d.registry, &msg, height)?;
            let Some(last) = page.attestations.last() else {
                break;
            };
            start_after = Some(last.id);
            for a in &page.attestations {
                let kind = Model::kind_name(a.kind()).to_string();
                model.attestations.insert((
                    a.asset.clone(),
                    a.oracle.to_string(),
                    kind,
                    a.evidence.digest.clone(),
                ));
            }
        }
    }
    Ok(())
}

fn observed_flags(
    client: &Client,
    d: &Deployed,
    height: u64,
    entities: &[String],
    model: &mut Model,
) -> R<()> {
    for entity in entities {
        let mut start_after = None;
        loop {
            let msg = QueryMsg::Flags {
                subject: Subject::Entity(entity.clone()),
                active_only: Some(false),
                start_after,
                limit: Some(30),
            };
            let page: FlagsResponse = query_at(client, &d.registry, &msg, height)?;
            let Some(last) = page.flags.last() else {
                break;
            };
            start_after = Some(last.id);
            for f in &page.flags {
                model.flags.entry(entity.clone()).or_default().insert((
                    f.raised_by.to_string(),
                    f.evidence.digest.clone(),
                    f.status == FlagStatus::Cleared,
                ));
            }
        }
    }
    Ok(())
}

fn observed_tokens(client: &Client, d: &Deployed, height: u64, model: &mut Model) -> R<()> {
    let mut holders: Vec<String> = d.holders.clone();
    holders.extend(d.issuers.iter().map(|w| w.address().to_string()));
    for (j, token) in d.tokens.iter().enumerate() {
        let mut balances = BTreeMap::new();
        for h in &holders {
            let msg = TokenQuery::Balance { address: h.clone() };
            let b: BalanceResponse = query_at(client, token, &msg, height)?;
            if !b.balance.is_zero() {
                balances.insert(h.clone(), b.balance.u128());
            }
        }
        model.balances.push(balances);
        let info: TokenInfoResponse = query_at(client, token, &TokenQuery::TokenInfo {}, height)?;
        let msg = QueryMsg::Minted {
            asset: d.assets[j].clone(),
        };
        let minted: MintedResponse = query_at(client, &d.registry, &msg, height)?;
        if minted.minted != info.total_supply {
            return Err(format!(
                "asset {}: the registry says minted {} but the token's supply is {}",
                d.assets[j], minted.minted, info.total_supply
            ));
        }
        model.supply.push(info.total_supply.u128());
    }
    Ok(())
}

/// The state a node holds at `height`, in the shape of the model.
fn observed(client: &Client, d: &Deployed, height: u64, entities: &[String]) -> R<Model> {
    let mut model = Model::default();
    observed_attestations(client, d, height, &mut model)?;
    observed_flags(client, d, height, entities, &mut model)?;
    observed_tokens(client, d, height, &mut model)?;
    Ok(model)
}

fn describe_difference(node: &str, want: &Model, got: &Model) -> Vec<String> {
    let mut out = Vec::new();
    let nonzero = |b: &BTreeMap<String, u128>| -> BTreeMap<String, u128> {
        b.iter()
            .filter(|(_, v)| **v != 0)
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    };
    let missing = want.attestations.difference(&got.attestations).count();
    let extra = got.attestations.difference(&want.attestations).count();
    if missing + extra > 0 {
        out.push(format!(
            "{node}: attestations: {missing} predicted but absent, {extra} present but not predicted"
        ));
    }
    if want.flags != got.flags {
        out.push(format!(
            "{node}: flags differ from the model: predicted {:?}, found {:?}",
            want.flags, got.flags
        ));
    }
    for (j, (w, g)) in want.balances.iter().zip(&got.balances).enumerate() {
        let (w, g) = (nonzero(w), nonzero(g));
        if w != g {
            out.push(format!(
                "{node}: asset-{j} balances: predicted {w:?}, found {g:?}"
            ));
        }
    }
    if want.supply != got.supply {
        out.push(format!(
            "{node}: supplies: predicted {:?}, found {:?}",
            want.supply, got.supply
        ));
    }
    out
}

/// What the checks read besides the nodes: the run, the deployment, what was sent.
pub struct Inputs<'a> {
    pub args: &'a Args,
    pub d: &'a Deployed,
    pub intents: &'a [Intent],
    pub flag_digests: &'a BTreeMap<u64, String>,
    pub oracles: &'a [String],
    pub start_sequence: &'a BTreeMap<String, u64>,
}

struct Checker<'a> {
    input: &'a Inputs<'a>,
    nodes: Vec<Client>,
    checks: Checks,
    divergent_nodes: BTreeSet<usize>,
    started: Instant,
}

pub fn check(input: &Inputs, started: Instant) -> R<Checks> {
    let nodes: Vec<Client> = node_clients(input.args)
        .into_iter()
        .enumerate()
        .map(|(i, c)| c.ok_or_else(|| format!("node {i} does not answer for the checks")))
        .collect::<R<Vec<_>>>()?;
    let mut checker = Checker {
        input,
        nodes,
        checks: Checks::default(),
        divergent_nodes: BTreeSet::new(),
        started,
    };
    checker.by_hash()?;
    checker.by_sequence()?;
    checker.against_model()?;
    checker.app_hashes()?;
    checker.checks.divergent = checker.divergent_nodes.len();
    Ok(checker.checks)
}

impl Checker<'_> {
    /// 1. By hash, on every node: each signed intent has exactly one of its signatures in a
    ///    block, and the same one everywhere.
    fn by_hash(&mut self) -> R<()> {
        let intents = self.input.intents;
        progress(
            self.started,
            &format!(
                "check: {} transactions by hash on each of {} nodes",
                intents.len(),
                self.nodes.len()
            ),
        );
        for intent in intents.iter().filter(|i| !i.signed.is_empty()) {
            let mut found_by_node: Vec<Vec<String>> = Vec::new();
            for n in 0..self.nodes.len() {
                found_by_node.push(self.found_on(n, intent)?);
            }
            let reference = &found_by_node[0];
            for (i, f) in found_by_node.iter().enumerate() {
                if f != reference {
                    self.divergent_nodes.insert(i);
                    self.checks.details.push(format!(
                        "{}: has {:?} of worker {}'s {} where {} has {:?}",
                        self.input.args.nodes[i],
                        f,
                        intent.worker,
                        intent.effect.kind(),
                        self.input.args.nodes[0],
                        reference
                    ));
                }
            }
            self.count_inclusions(intent, reference);
        }
        Ok(())
    }

    /// The signatures of `intent` that node `n` has in a block (checking the client's height).
    fn found_on(&mut self, n: usize, intent: &Intent) -> R<Vec<String>> {
        let node = &self.nodes[n];
        let mut found = Vec::new();
        for (hash, _) in &intent.signed {
            let Some(tx) = node.find_tx(hash).map_err(|e| e.to_string())? else {
                continue;
            };
            if let Outcome::Included {
                hash: seen, height, ..
            } = &intent.outcome
            {
                if seen == hash && tx.height != *height {
                    self.checks.details.push(format!(
                        "{}: {hash} in block {}, the client saw it in block {height}",
                        node.current_node(),
                        tx.height
                    ));
                    self.checks.lost += 1;
                }
            }
            found.push(hash.clone());
        }
        Ok(found)
    }

    /// Exactly one inclusion, the one the client reported.
    fn count_inclusions(&mut self, intent: &Intent, reference: &[String]) {
        let checks = &mut self.checks;
        match reference.len() {
            0 => {
                checks.lost += 1;
                checks.details.push(format!(
                    "lost: worker {}'s {} ({:?}), signed as {:?}",
                    intent.worker,
                    intent.effect.kind(),
                    intent.outcome,
                    intent.signed
                ));
            }
            1 => {
                let client_saw = match &intent.outcome {
                    Outcome::Included { hash, .. } | Outcome::Refused { hash, .. } => {
                        Some(hash.clone())
                    }
                    _ => None,
                };
                if client_saw.as_ref() != Some(&reference[0]) {
                    checks.details.push(format!(
                        "worker {}'s {} is on chain as {} but the client reported {:?}",
                        intent.worker,
                        intent.effect.kind(),
                        reference[0],
                        intent.outcome
                    ));
                    checks.unconfirmed += 1;
                }
            }
            n => {
                checks.duplicated += n - 1;
                checks.details.push(format!(
                    "duplicated: worker {}'s {} is on chain {n} times: {:?}",
                    intent.worker,
                    intent.effect.kind(),
                    reference
                ));
            }
        }
    }

    /// 2. By sequence: each account's sequence moved by exactly its included transactions, and
    ///    the ante handler recorded each of them at the sequence it was signed with.
    fn by_sequence(&mut self) -> R<()> {
        progress(
            self.started,
            "check: each account's sequence and the transactions at each sequence",
        );
        let mut by_signer: BTreeMap<&str, Vec<&Intent>> = BTreeMap::new();
        for i in self.input.intents {
            by_signer.entry(i.signer.as_str()).or_default().push(i);
        }
        for (signer, list) in &by_signer {
            let start = self.input.start_sequence.get(*signer).copied().unwrap_or(0);
            let on_chain: BTreeMap<u64, &str> = list
                .iter()
                .filter_map(|i| match &i.outcome {
                    Outcome::Included { hash, .. } | Outcome::Refused { hash, .. } => i
                        .signed
                        .iter()
                        .find(|(h, _)| h == hash)
                        .map(|(h, s)| (*s, h.as_str())),
                    _ => None,
                })
                .collect();
            self.sequence_on_every_node(signer, start, on_chain.len() as u64)?;
            self.sequences_in_the_index(signer, start, &on_chain)?;
        }
        Ok(())
    }

    fn sequence_on_every_node(&mut self, signer: &str, start: u64, included: u64) -> R<()> {
        let address: rwa_gate_client::ChainAddress =
            signer.parse().map_err(|e| format!("{signer}: {e}"))?;
        for (n, node) in self.nodes.iter().enumerate() {
            let (_, seq) = node
                .account(&address)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("{signer} unknown on {}", self.input.args.nodes[n]))?;
            if seq != start + included {
                self.checks.sequence_mismatches += 1;
                self.checks.details.push(format!(
                    "{}: {signer} is at sequence {seq}, {start} + {included} included transactions predict {}",
                    self.input.args.nodes[n],
                    start + included
                ));
            }
        }
        Ok(())
    }

    fn sequences_in_the_index(
        &mut self,
        signer: &str,
        start: u64,
        on_chain: &BTreeMap<u64, &str>,
    ) -> R<()> {
        let checks = &mut self.checks;
        let expected: Vec<u64> = (start..start + on_chain.len() as u64).collect();
        let got: Vec<u64> = on_chain.keys().copied().collect();
        if expected != got {
            checks.sequence_mismatches += 1;
            checks.details.push(format!(
                "{signer}: included at sequences {got:?}, expected each of {expected:?} once"
            ));
        }
        // What the chain's index says each sequence was used by.
        let found = self.nodes[0]
            .search_txs(&format!("message.sender='{signer}'"))
            .map_err(|e| e.to_string())?;
        let mut at: BTreeMap<u64, Vec<String>> = BTreeMap::new();
        for tx in &found {
            if let Some((who, seq)) = tx.account_sequence() {
                if who == signer && seq >= start {
                    at.entry(seq).or_default().push(tx.hash.clone());
                }
            }
        }
        for (seq, hash) in on_chain {
            match at.get(seq).map(Vec::as_slice) {
                Some([h]) if h == hash => {}
                other => {
                    checks.sequence_mismatches += 1;
                    checks.details.push(format!(
                        "{signer}: sequence {seq} should be {hash}, the index has {other:?}"
                    ));
                }
            }
        }
        if at.len() != on_chain.len() {
            checks.sequence_mismatches += 1;
            checks.details.push(format!(
                "{signer}: the index has {} load transactions, the client saw {} included",
                at.len(),
                on_chain.len()
            ));
        }
        Ok(())
    }

    /// The model: setup, then every included and executed transaction.
    fn predicted(&self) -> Model {
        let (d, input) = (self.input.d, self.input);
        let mut want = Model {
            balances: vec![BTreeMap::new(); d.assets.len()],
            supply: vec![0; d.assets.len()],
            ..Model::default()
        };
        for e in &d.setup_attestations {
            want.apply(e, input.flag_digests, input.oracles);
        }
        // Raises before clears: a clear names a flag whose raise was included before it was sent.
        for phase in [true, false] {
            for i in input.intents {
                if matches!(i.outcome, Outcome::Included { .. })
                    && matches!(i.effect, Effect::Raise { .. }) == phase
                {
                    want.apply(&i.effect, input.flag_digests, input.oracles);
                }
            }
        }
        want
    }

    /// 3. The registry and the tokens on every node, at the lowest height all have, against
    ///    the model.
    fn against_model(&mut self) -> R<()> {
        let want = self.predicted();
        let entities: Vec<String> = (0..self.input.args.oracles)
            .map(|i| format!("watch-{i}"))
            .collect();
        let height = self
            .nodes
            .iter()
            .map(|n| n.latest_block().map(|(h, _)| h))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?
            .into_iter()
            .min()
            .unwrap_or(0);
        self.checks.compared_height = height;
        progress(
            self.started,
            &format!("check: the registry and the tokens on every node at height {height}"),
        );
        for (n, node) in self.nodes.iter().enumerate() {
            let got = observed(node, self.input.d, height, &entities)?;
            let diff = describe_difference(&self.input.args.nodes[n], &want, &got);
            if !diff.is_empty() {
                self.checks.model_mismatches += diff.len();
                self.divergent_nodes.insert(n);
                self.checks.details.extend(diff);
            }
        }
        Ok(())
    }

    /// Every node's own app hash (ABCI info), read at a moment all are at one height.
    fn app_infos_at_one_height(&self) -> R<Vec<(u64, String)>> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let infos = self
                .nodes
                .iter()
                .map(|n| n.app_info())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?;
            if infos.iter().all(|(h, _)| *h == infos[0].0) {
                return Ok(infos);
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "no moment within 60 s where all nodes were at one height: {infos:?}"
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// 4. App hashes: every node's own (ABCI info) at one height, and the block at one height.
    fn app_hashes(&mut self) -> R<()> {
        progress(
            self.started,
            "check: app hashes of every node at the same height",
        );
        let infos = self.app_infos_at_one_height()?;
        let nodes_text = &self.input.args.nodes;
        self.checks.app_hash_height = infos[0].0;
        let header_height = infos[0].0;
        for (n, node) in self.nodes.iter().enumerate() {
            let (h, app_hash) = &infos[n];
            let (block_hash, header_app_hash) = node
                .block_hashes(header_height)
                .map_err(|e| e.to_string())?;
            let (height_now, _) = node.latest_block().map_err(|e| e.to_string())?;
            self.checks.final_height = self.checks.final_height.max(height_now);
            if app_hash != &infos[0].1 {
                self.divergent_nodes.insert(n);
                self.checks.details.push(format!(
                    "{}: app hash {app_hash} at height {h}, {} has {}",
                    nodes_text[n], nodes_text[0], infos[0].1
                ));
            }
            self.checks.per_node.push(json!({
                "rpc": nodes_text[n],
                "height": height_now,
                "app_hash_height": h,
                "app_hash": app_hash,
                "block_hash_at_app_hash_height": block_hash,
                "header_app_hash_at_app_hash_height": header_app_hash,
            }));
        }
        let first_block = self.checks.per_node[0]["block_hash_at_app_hash_height"].clone();
        for (n, entry) in self.checks.per_node.iter().enumerate() {
            if entry["block_hash_at_app_hash_height"] != first_block {
                self.divergent_nodes.insert(n);
                self.checks.details.push(format!(
                    "{}: block {header_height} is {}, not {first_block}",
                    nodes_text[n], entry["block_hash_at_app_hash_height"]
                ));
            }
        }
        Ok(())
    }
}
