//! What an oracle signs when it makes a statement offline, defined once for the registry that
//! verifies it and the clients that sign it.
//!
//! The sign bytes are a fixed domain line followed by the JSON of [`SignDoc`] as
//! `cosmwasm_std::to_json_vec` writes it (fields in declaration order, no whitespace). The
//! registry fills in the chain id and its own address itself, so a statement signed for another
//! chain or another registry can never verify here. The signature is over the SHA-256 of the
//! sign bytes, with the oracle's secp256k1 key (the curve of Cosmos accounts); the domain line
//! keeps such a signature from ever being taken for a transaction's.

use cosmwasm_std::{StdResult, Timestamp};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::registry::OracleAction;

/// The first bytes of every statement's sign bytes.
pub const SIGN_DOMAIN: &[u8] = b"rwa-gate signed statement v1\n";
/// A compressed secp256k1 public key.
pub const PUBLIC_KEY_LEN: usize = 33;
/// `r ‖ s`.
pub const SIGNATURE_LEN: usize = 64;

/// What the signature covers.
#[derive(Serialize)]
pub struct SignDoc<'a> {
    pub chain_id: &'a str,
    pub registry: &'a str,
    pub oracle: &'a str,
    pub nonce: u64,
    pub deadline: Timestamp,
    pub actions: &'a [OracleAction],
}

impl SignDoc<'_> {
    /// The domain line and the document's JSON.
    pub fn sign_bytes(&self) -> StdResult<Vec<u8>> {
        let mut bytes = SIGN_DOMAIN.to_vec();
        bytes.extend(cosmwasm_std::to_json_vec(self)?);
        Ok(bytes)
    }

    /// The SHA-256 of the sign bytes: what the key signs.
    pub fn digest(&self) -> StdResult<[u8; 32]> {
        Ok(Sha256::digest(self.sign_bytes()?).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::RevokeEligibilityMsg;
    use crate::Evidence;

    #[test]
    fn sign_bytes_are_the_domain_and_compact_json_in_field_order() {
        let actions = [OracleAction::RevokeEligibility(RevokeEligibilityMsg {
            account: "wasm1holder".to_string(),
            evidence: Evidence {
                digest: "ab".repeat(32),
                uri: None,
            },
        })];
        let doc = SignDoc {
            chain_id: "rwa-local-1",
            registry: "wasm1registry",
            oracle: "wasm1oracle",
            nonce: 7,
            deadline: Timestamp::from_nanos(1_500),
            actions: &actions,
        };
        let expected = format!(
            "rwa-gate signed statement v1\n{{\"chain_id\":\"rwa-local-1\",\"registry\":\"wasm1registry\",\
             \"oracle\":\"wasm1oracle\",\"nonce\":7,\"deadline\":\"1500\",\"actions\":[{{\
             \"revoke_eligibility\":{{\"account\":\"wasm1holder\",\"evidence\":{{\"digest\":\"{}\",\
             \"uri\":null}}}}}}]}}",
            "ab".repeat(32)
        );
        assert_eq!(
            String::from_utf8(doc.sign_bytes().unwrap()).unwrap(),
            expected
        );
        assert_eq!(
            doc.digest().unwrap().to_vec(),
            Sha256::digest(expected.as_bytes()).to_vec()
        );
    }
}
