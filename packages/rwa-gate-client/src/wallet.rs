use bip32::{DerivationPath, Language, Mnemonic};
use cosmrs::crypto::secp256k1::SigningKey;
use cosmrs::crypto::PublicKey;
use cosmrs::AccountId;

use crate::Error;

/// A signing key derived from a BIP-39 mnemonic, and its address. The key is never printed:
/// `Debug` shows the address only.
pub struct Wallet {
    key: SigningKey,
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
        let key = SigningKey::derive_from_path(seed, &path)
            .map_err(|e| Error::Key(format!("derivation: {e}")))?;
        let address = key
            .public_key()
            .account_id(prefix)
            .map_err(|e| Error::Key(format!("address with prefix {prefix}: {e}")))?;
        Ok(Wallet { key, address })
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
