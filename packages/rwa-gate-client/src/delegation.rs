//! Statements an oracle signs offline and anyone relays ([`rwa_gate::delegation`]): signing
//! with a [`Wallet`]'s key, checking a signature as the registry will, fresh nonces, and the
//! file that carries a signed statement from the signer to the relayer.

use std::time::{SystemTime, UNIX_EPOCH};

use bip32::secp256k1::ecdsa::signature::hazmat::PrehashVerifier;
use bip32::secp256k1::ecdsa::{Signature, VerifyingKey};
use cosmwasm_std::{Binary, Timestamp};
use rwa_gate::delegation::SignDoc;
use rwa_gate::registry::{OracleAction, SignedStatement};
use serde::{Deserialize, Serialize};

use crate::{Error, Result, Wallet};

/// The largest nonce a JavaScript number holds exactly (2^53 − 1): the nonces this client
/// chooses stay at or below it so that every client reads them as written.
pub const MAX_SAFE_NONCE: u64 = (1 << 53) - 1;

/// What an oracle states, before it is signed: the signature will bind it to `chain_id` and
/// the registry at `registry`.
#[derive(Clone, Debug, PartialEq)]
pub struct Unsigned<'a> {
    pub chain_id: &'a str,
    pub registry: &'a str,
    pub oracle: &'a str,
    pub nonce: u64,
    pub deadline: Timestamp,
    pub actions: &'a [OracleAction],
}

impl Unsigned<'_> {
    fn doc(&self) -> SignDoc<'_> {
        SignDoc {
            chain_id: self.chain_id,
            registry: self.registry,
            oracle: self.oracle,
            nonce: self.nonce,
            deadline: self.deadline,
            actions: self.actions,
        }
    }

    /// The bytes the digest is taken of (the domain line and the document's JSON).
    pub fn sign_bytes(&self) -> Result<Vec<u8>> {
        self.doc()
            .sign_bytes()
            .map_err(|e| Error::Encode(e.to_string()))
    }

    pub fn digest(&self) -> Result<[u8; 32]> {
        self.doc()
            .digest()
            .map_err(|e| Error::Encode(e.to_string()))
    }

    /// Signed with `key` (not necessarily the oracle's account key: the key the oracle
    /// registered with `SetSigningKey`).
    pub fn sign(&self, key: &Wallet) -> Result<SignedStatement> {
        let signature = key.sign_digest(&self.digest()?)?;
        Ok(SignedStatement {
            oracle: self.oracle.to_string(),
            nonce: self.nonce,
            deadline: self.deadline,
            actions: self.actions.to_vec(),
            signature: Binary::from(signature.to_vec()),
        })
    }
}

/// The unsigned form of `statement` as it would be checked on `chain_id` at `registry`.
pub fn unsigned<'a>(
    statement: &'a SignedStatement,
    chain_id: &'a str,
    registry: &'a str,
) -> Unsigned<'a> {
    Unsigned {
        chain_id,
        registry,
        oracle: &statement.oracle,
        nonce: statement.nonce,
        deadline: statement.deadline,
        actions: &statement.actions,
    }
}

/// Whether `statement`'s signature is `public_key`'s (33 bytes, compressed) over its sign
/// bytes on `chain_id` at `registry`: the check the registry makes, made before posting.
pub fn verify(
    statement: &SignedStatement,
    chain_id: &str,
    registry: &str,
    public_key: &[u8],
) -> Result<bool> {
    let key = VerifyingKey::from_sec1_bytes(public_key)
        .map_err(|_| Error::Key("not a secp256k1 public key".into()))?;
    let Ok(signature) = Signature::from_slice(statement.signature.as_slice()) else {
        return Ok(false);
    };
    let digest = unsigned(statement, chain_id, registry).digest()?;
    Ok(key.verify_prehash(&digest, &signature).is_ok())
}

/// A nonce from the clock: the microseconds since 1970, which grow faster than anyone signs
/// and stay below [`MAX_SAFE_NONCE`] until the year 2255. Offline, it is fresh unless two
/// statements are signed in the same microsecond; online, [`crate::contracts::Registry::fresh_nonce`]
/// also asks the registry.
pub fn clock_nonce() -> u64 {
    let micros = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    u64::try_from(micros).unwrap_or(MAX_SAFE_NONCE) & MAX_SAFE_NONCE
}

/// The file `rwa-gate oracle sign` writes and `rwa-gate relay` reads: the statement, where it
/// is good (chain and registry, which the signature binds but the statement does not carry)
/// and the public key that signed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementFile {
    pub chain_id: String,
    pub registry: String,
    /// The signer's compressed public key.
    pub public_key: Binary,
    pub statement: SignedStatement,
}

#[cfg(test)]
mod tests;
