//! Oracles at scale: batches of actions, statements signed offline and relayed by anyone, and
//! the R3 approvals — the verbs their tests are written in, on either backend.

use cosmwasm_std::{Binary, Timestamp};
use k256::ecdsa::signature::hazmat::PrehashSigner;
use k256::ecdsa::{Signature, SigningKey};
use rwa_gate::delegation::SignDoc;
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, OracleAction, SignedStatement};
use rwa_gate::{Approval, Evidence, StatementMsg};

use crate::backend::{Backend, Deployment, Receipt};
use crate::digest;

/// An oracle's offline signing key, made from a seed so that every run signs alike.
pub struct OracleKey(SigningKey);

impl OracleKey {
    pub fn from_seed(seed: &str) -> Self {
        let bytes = hex_bytes(&digest(seed));
        OracleKey(SigningKey::from_slice(&bytes).expect("a digest is a valid scalar"))
    }

    /// The compressed public key, as `SetSigningKey` takes it.
    pub fn public_key(&self) -> Binary {
        Binary::from(
            self.0
                .verifying_key()
                .to_encoded_point(true)
                .as_bytes()
                .to_vec(),
        )
    }

    /// Signs `actions` for `registry` on `chain_id`, as the oracle `oracle`.
    pub fn sign(&self, doc: &Unsigned<'_>, chain_id: &str, registry: &str) -> SignedStatement {
        let digest = SignDoc {
            chain_id,
            registry,
            oracle: doc.oracle,
            nonce: doc.nonce,
            deadline: doc.deadline,
            actions: doc.actions,
        }
        .digest()
        .expect("the document serializes");
        let signature: Signature = self.0.sign_prehash(&digest).expect("signs a digest");
        let signature = signature.normalize_s().unwrap_or(signature);
        SignedStatement {
            oracle: doc.oracle.to_string(),
            nonce: doc.nonce,
            deadline: doc.deadline,
            actions: doc.actions.to_vec(),
            signature: Binary::from(signature.to_bytes().to_vec()),
        }
    }
}

/// What an oracle signs, before the chain and the registry are named.
pub struct Unsigned<'a> {
    pub oracle: &'a str,
    pub nonce: u64,
    pub deadline: Timestamp,
    pub actions: &'a [OracleAction],
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

/// An R3 approval statement with a reference made from its kind and the asset.
pub fn approval_statement(approval: Approval, asset: &str) -> StatementMsg {
    StatementMsg::Approval {
        approval,
        reference: format!("{}-{asset}-2026-001", approval.as_str()),
    }
}

impl<B: Backend> Deployment<B> {
    /// An R3 approval of `asset` by `oracle`, valid 30 days.
    pub fn attest_approval(
        &mut self,
        oracle: &str,
        asset: &str,
        approval: Approval,
    ) -> Result<Receipt, String> {
        let action = self.approval_action(asset, approval, 30 * crate::DAY);
        self.batch(oracle, vec![action])
    }

    /// The action of an R3 approval valid `valid_for` seconds from now.
    pub fn approval_action(
        &mut self,
        asset: &str,
        approval: Approval,
        valid_for: u64,
    ) -> OracleAction {
        OracleAction::Attest {
            asset: asset.to_string(),
            statement: approval_statement(approval, asset),
            expires_at: self.now().plus_seconds(valid_for),
            evidence: evidence(&format!("{approval}-{asset}")),
        }
    }

    /// The issuer makes the plan of `asset` name `approvals` (in that order).
    pub fn require_approvals(
        &mut self,
        asset: &str,
        approvals: &[Approval],
    ) -> Result<Receipt, String> {
        let mut plan = self.asset(asset).plan;
        plan.approvals = approvals.to_vec();
        self.exec(
            "issuer",
            &RegistryMsg::UpdatePlan {
                asset: asset.to_string(),
                plan,
            },
        )
    }

    pub fn batch(&mut self, sender: &str, actions: Vec<OracleAction>) -> Result<Receipt, String> {
        self.exec(sender, &RegistryMsg::Batch { actions })
    }

    pub fn set_signing_key(&mut self, oracle: &str, key: &OracleKey) -> Result<Receipt, String> {
        let public_key = Some(key.public_key());
        self.exec(oracle, &RegistryMsg::SetSigningKey { public_key })
    }

    pub fn relay(&mut self, relayer: &str, statement: SignedStatement) -> Result<Receipt, String> {
        self.exec(relayer, &RegistryMsg::Relay { statement })
    }
}

fn evidence(seed: &str) -> Evidence {
    crate::evidence(seed)
}
