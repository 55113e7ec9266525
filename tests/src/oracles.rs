//! Oracles at scale: batches of actions, statements signed offline and relayed by anyone, and
//! the R3 approvals — the verbs their tests are written in, on either backend.

use cosmwasm_std::{Binary, Timestamp};
use k256::ecdsa::signature::hazmat::PrehashSigner;
use k256::ecdsa::{Signature, SigningKey};
use rwa_gate::delegation::SignDoc;
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, OracleAction, SignedStatement};
use rwa_gate::{Approval, Evidence, StatementMsg};

use compliance_registry::{ContractError, RefusedAction};
use rwa_gate::registry::{AttestEligibilityMsg, QueryMsg, RevokeMsg};
use rwa_gate::{InvestorClass, Scopes};

use crate::backend::{assert_fails, Backend, Deployment, Receipt};
use crate::{digest, BOND};
use rwa_gate::registry::AttestMsg;

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

    /// The same key uncompressed (65 bytes, prefix 0x04), which `SetSigningKey` refuses.
    pub fn uncompressed_public_key(&self) -> Binary {
        Binary::from(
            self.0
                .verifying_key()
                .to_encoded_point(false)
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
        OracleAction::Attest(AttestMsg {
            asset: asset.to_string(),
            statement: approval_statement(approval, asset),
            expires_at: self.now().plus_seconds(valid_for),
            evidence: evidence(&format!("{approval}-{asset}")),
        })
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

// ---- scenarios, on either backend (tests/tests/scenarios.rs, tests/chain/tests/rules.rs) ----

/// Screenings, eligibility statements and approvals of the `desk` oracle.
pub const DESK: Scopes = Scopes {
    filing: false,
    screening: true,
    flags: false,
    eligibility: true,
    orders: false,
    cross_border_investment: true,
    foreign_exchange: true,
    data_security: true,
};

fn desk<B: Backend>(b: B) -> Deployment<B> {
    let mut d = Deployment::on(b)
        .with_standard_oracles()
        .with_oracle("desk", DESK)
        .build();
    d.attest_filing("filer", BOND).expect("filing posted");
    d
}

fn screening<B: Backend>(d: &mut Deployment<B>, asset: &str) -> OracleAction {
    let version = d.negative_list_version();
    let subjects = d.asset(asset).subjects().map(str::to_string).collect();
    let now = d.now();
    OracleAction::Attest(AttestMsg {
        asset: asset.to_string(),
        statement: StatementMsg::Screening {
            negative_list_version: version,
            subjects,
            lookback_from: now.minus_seconds(rwa_gate::LOOKBACK_SECONDS),
        },
        expires_at: now.plus_seconds(30 * crate::DAY),
        evidence: evidence(&format!("screening {asset}")),
    })
}

fn eligibility<B: Backend>(
    d: &mut Deployment<B>,
    account: &str,
    jurisdiction: &str,
) -> OracleAction {
    OracleAction::AttestEligibility(AttestEligibilityMsg {
        account: d.addr(account),
        holder: digest(&format!("holder {account}")),
        class: InvestorClass::Professional,
        jurisdiction: jurisdiction.to_string(),
        expires_at: d.now().plus_seconds(30 * crate::DAY),
        evidence: evidence(&format!("kyc {account}")),
    })
}

fn refusal(index: u32, reason: impl ToString) -> RefusedAction {
    RefusedAction {
        index,
        reason: reason.to_string(),
    }
}

/// A batch of a screening, two eligibility statements and an approval is recorded at once; a
/// batch with refused actions records nothing and names each refused one.
pub fn a_batch_records_every_action_or_none<B: Backend>(b: B) {
    let mut d = desk(b);
    d.require_approvals(BOND, &[Approval::DataSecurity])
        .unwrap();
    let bad = vec![
        eligibility(&mut d, "alice", "HK"),
        eligibility(&mut d, "bob", "hk"),
        OracleAction::Revoke(RevokeMsg {
            id: 99,
            evidence: evidence("nothing"),
        }),
    ];
    assert_fails(
        d.batch("desk", bad),
        ContractError::BatchRefused {
            refused: vec![
                refusal(1, "invalid terms: jurisdiction \"hk\" is not an ISO 3166-1 alpha-2 code (two capitals)"),
                refusal(2, ContractError::AttestationNotFound { id: 99 }),
            ],
        },
    );
    let alice = d.addr("alice");
    assert!(d
        .try_query::<rwa_gate::distribution::EligibilityRecord>(&QueryMsg::Eligibility {
            account: alice.clone()
        })
        .is_err());
    let good = vec![
        screening(&mut d, BOND),
        eligibility(&mut d, "alice", "HK"),
        eligibility(&mut d, "bob", "SG"),
        d.approval_action(BOND, Approval::DataSecurity, 30 * crate::DAY),
    ];
    let receipt = d.batch("desk", good).unwrap();
    assert_eq!(receipt.attr("actions"), Some("4"));
    assert!(d.check(BOND, 10, Some("issuer")).allowed);
    let record: rwa_gate::distribution::EligibilityRecord =
        d.query(&QueryMsg::Eligibility { account: alice });
    assert_eq!(record.statement.oracle.as_str(), d.addr("desk"));
}

/// A statement signed offline counts once, on this chain, at this registry, before its
/// deadline, with the oracle's current key; anyone relays it.
pub fn a_signed_statement_counts_once_here_until_its_deadline<B: Backend>(b: B) {
    let mut d = desk(b);
    let key = OracleKey::from_seed("desk offline key");
    d.set_signing_key("desk", &key).unwrap();
    let (chain_id, registry, oracle) = (d.backend.chain_id(), d.registry.clone(), d.addr("desk"));
    let actions = [screening(&mut d, BOND)];
    let deadline = d.now().plus_seconds(crate::scenarios::SHORTLY);
    let doc = |nonce| Unsigned {
        oracle: &oracle,
        nonce,
        deadline,
        actions: &actions,
    };
    let elsewhere = key.sign(&doc(1), "another-chain-1", &registry);
    assert_fails(
        d.relay("alice", elsewhere),
        ContractError::InvalidSignature {},
    );
    let statement = key.sign(&doc(1), &chain_id, &registry);
    d.relay("alice", statement.clone()).unwrap();
    assert!(d.check(BOND, 10, Some("issuer")).allowed);
    assert_eq!(d.attestation(2).oracle.as_str(), oracle);
    assert_fails(
        d.relay("bob", statement),
        ContractError::NonceUsed { nonce: 1 },
    );
    let rotated = OracleKey::from_seed("desk new key");
    d.set_signing_key("desk", &rotated).unwrap();
    let old_key = key.sign(&doc(2), &chain_id, &registry);
    assert_fails(
        d.relay("alice", old_key),
        ContractError::InvalidSignature {},
    );
    let late = rotated.sign(&doc(3), &chain_id, &registry);
    d.backend.wait_until(deadline);
    assert_fails(
        d.relay("alice", late),
        ContractError::StatementExpired { deadline },
    );
}
