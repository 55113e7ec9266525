//! What is sent, what became of it, and the model of what the included transactions do.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use rwa_gate::AttestationKind;

/// The effect a transaction has when it is delivered successfully.
#[derive(Clone, Debug)]
pub enum Effect {
    Attest {
        asset: String,
        oracle: String,
        kind: AttestationKind,
        digest: String,
    },
    Raise {
        oracle: usize,
        entity: String,
        digest: String,
    },
    Clear {
        raiser: usize,
        flag: u64,
    },
    Mint {
        asset: usize,
        to: String,
        amount: u128,
    },
    Transfer {
        asset: usize,
        from: String,
        to: String,
        amount: u128,
    },
}

impl Effect {
    pub fn kind(&self) -> &'static str {
        match self {
            Effect::Attest {
                kind: AttestationKind::Filing,
                ..
            } => "attest_filing",
            Effect::Attest { .. } => "attest_screening",
            Effect::Raise { .. } => "raise_flag",
            Effect::Clear { .. } => "clear_flag",
            Effect::Mint { .. } => "mint",
            Effect::Transfer { .. } => "transfer",
        }
    }
}

#[derive(Clone, Debug)]
pub enum Outcome {
    /// Included and executed: hash, height, latency from the first broadcast to the client
    /// seeing it in a block.
    Included {
        hash: String,
        height: u64,
        latency: Duration,
    },
    /// Included, and refused on delivery (rolled back; its sequence is used).
    Refused { hash: String, reason: String },
    /// Never signed: nothing can be on chain.
    NotSent { reason: String },
    /// Signed and maybe sent, not seen included before the client's deadline.
    Unknown { reason: String },
}

#[derive(Clone, Debug)]
pub struct Intent {
    pub worker: usize,
    pub signer: String,
    pub effect: Effect,
    /// Every signature made of it: (hash, sequence). One, unless a node refused the first for a
    /// wrong sequence before it could be anywhere.
    pub signed: Vec<(String, u64)>,
    pub outcome: Outcome,
}

/// What the registry and the tokens must hold, from the setup and the included transactions.
#[derive(Default, Debug, PartialEq)]
pub struct Model {
    /// (asset, oracle, kind, evidence digest), each once.
    pub attestations: BTreeSet<(String, String, String, String)>,
    /// Per flagged entity: (raiser, evidence digest, cleared).
    pub flags: BTreeMap<String, BTreeSet<(String, String, bool)>>,
    /// Per asset index: balances by address, and total supply.
    pub balances: Vec<BTreeMap<String, u128>>,
    pub supply: Vec<u128>,
}

impl Model {
    pub fn kind_name(kind: AttestationKind) -> &'static str {
        kind.as_str()
    }

    pub fn apply(
        &mut self,
        effect: &Effect,
        flag_digests: &BTreeMap<u64, String>,
        oracles: &[String],
    ) {
        match effect {
            Effect::Attest {
                asset,
                oracle,
                kind,
                digest,
            } => {
                self.attestations.insert((
                    asset.clone(),
                    oracle.clone(),
                    Self::kind_name(*kind).into(),
                    digest.clone(),
                ));
            }
            Effect::Raise {
                oracle,
                entity,
                digest,
            } => {
                self.flags.entry(entity.clone()).or_default().insert((
                    oracles[*oracle].clone(),
                    digest.clone(),
                    false,
                ));
            }
            Effect::Clear { raiser, flag, .. } => {
                if let Some(raised) = flag_digests.get(flag) {
                    let entity = format!("watch-{raiser}");
                    let set = self.flags.entry(entity).or_default();
                    let key = (oracles[*raiser].clone(), raised.clone(), false);
                    if set.remove(&key) {
                        set.insert((key.0, key.1, true));
                    }
                }
            }
            Effect::Mint { asset, to, amount } => {
                *self.balances[*asset].entry(to.clone()).or_default() += amount;
                self.supply[*asset] += amount;
            }
            Effect::Transfer {
                asset,
                from,
                to,
                amount,
            } => {
                let b = &mut self.balances[*asset];
                let from_balance = b.entry(from.clone()).or_default();
                *from_balance = from_balance.saturating_sub(*amount);
                *b.entry(to.clone()).or_default() += amount;
            }
        }
    }
}
