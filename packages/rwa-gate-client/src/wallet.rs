use bip32::secp256k1::ecdsa::signature::hazmat::PrehashSigner;
use bip32::secp256k1::ecdsa::{Signature, SigningKey as EcdsaKey};
use bip32::{DerivationPath, Language, Mnemonic, XPrv};
use cosmrs::crypto::secp256k1::SigningKey;
use cosmrs::crypto::PublicKey;
use cosmrs::AccountId;

use crate::Error;

/// A signing key derived from a BIP-39 mnemonic, and its address. The key is never printed:
/// `Debug` shows the address only.
pub struct Wallet {
    key: SigningKey,
    /// The same key as a plain ECDSA key: cosmrs' key signs messages (hashing them itself),
    /// while an oracle's statement is signed over a digest it computes ([`Wallet::sign_digest`]).
    ecdsa: EcdsaKey,
    address: AccountId,
}

impl std::fmt::Debug for Wallet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wallet")
            .field("address", &self.address.to_string())
            .finish_non_exhaustive()
    }
}

impl Wallet {
    /// The key at `m/44'/118'/0'/0/{index}` (the Cosmos coin type) of `mnemonic`.
    pub fn from_mnemonic(mnemonic: &str, index: u32, prefix: &str) -> Result<Self, Error> {
        let phrase = mnemonic.split_whitespace().collect::<Vec<_>>().join(" ");
        let mnemonic = Mnemonic::new(phrase, Language::English)
            .map_err(|e| Error::Key(format!("not a valid BIP-39 mnemonic: {e}")))?;
        let seed = mnemonic.to_seed("");
        let path: DerivationPath = format!("m/44'/118'/0'/0/{index}")
            .parse()
            .map_err(|e| Error::Key(format!("derivation path: {e}")))?;
        let xprv = XPrv::derive_from_path(seed, &path)
            .map_err(|e| Error::Key(format!("derivation: {e}")))?;
        Self::from_ecdsa(xprv.private_key().clone(), prefix)
    }

    /// The key of the 32-byte secret `secret` (big-endian), e.g. a key kept in a file of its
    /// own rather than derived from a mnemonic.
    pub fn from_secret(secret: &[u8], prefix: &str) -> Result<Self, Error> {
        let ecdsa = EcdsaKey::from_slice(secret)
            .map_err(|_| Error::Key("not a secp256k1 secret key (32 bytes, in range)".into()))?;
        Self::from_ecdsa(ecdsa, prefix)
    }

    fn from_ecdsa(ecdsa: EcdsaKey, prefix: &str) -> Result<Self, Error> {
        let key = SigningKey::new(Box::new(ecdsa.clone()));
        let address = key
            .public_key()
            .account_id(prefix)
            .map_err(|e| Error::Key(format!("address with prefix {prefix}: {e}")))?;
        Ok(Wallet {
            key,
            ecdsa,
            address,
        })
    }

    /// The compressed secp256k1 public key (33 bytes): what an oracle registers as its signing
    /// key.
    pub fn public_key_bytes(&self) -> Vec<u8> {
        self.ecdsa
            .verifying_key()
            .to_encoded_point(true)
            .as_bytes()
            .to_vec()
    }

    /// The signature of a 32-byte digest, `r ‖ s` with `s` in its low form (RFC 6979
    /// deterministic: the same key and digest always give the same bytes).
    pub fn sign_digest(&self, digest: &[u8; 32]) -> Result<[u8; 64], Error> {
        let signature: Signature = self
            .ecdsa
            .sign_prehash(digest)
            .map_err(|e| Error::Key(format!("signing: {e}")))?;
        let low = signature.normalize_s().unwrap_or(signature);
        Ok(low.to_bytes().into())
    }

    pub fn address(&self) -> &AccountId {
        &self.address
    }

    pub fn public_key(&self) -> PublicKey {
        self.key.public_key()
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PHRASE: &str = "melody candy tennis desert bar dog love caution crop shield hood \
        trouble hockey nominee surface hazard bid novel mixed garbage ordinary mobile toss mechanic";

    #[test]
    fn different_indices_give_different_addresses_and_debug_hides_the_key() {
        let a = Wallet::from_mnemonic(PHRASE, 0, "wasm").unwrap();
        let b = Wallet::from_mnemonic(PHRASE, 1, "wasm").unwrap();
        assert_ne!(a.address(), b.address());
        assert!(a.address().to_string().starts_with("wasm1"));
        let shown = format!("{a:?}");
        assert!(shown.contains(&a.address().to_string()));
        assert!(!shown.contains("melody"));
    }

    #[test]
    fn a_bad_mnemonic_is_a_key_error() {
        let err = Wallet::from_mnemonic("not a mnemonic", 0, "wasm").unwrap_err();
        assert!(matches!(err, Error::Key(_)), "{err:?}");
    }
}
