//! What can be checked before anything is sent: addresses (bech32 with the chain's prefix),
//! asset and entity ids, token metadata. Refusals say what is wrong in the user's terms.

use std::str::FromStr;

use cosmrs::AccountId;

/// The bech32 prefix of account addresses on the chain (wasmd's).
pub const ADDRESS_PREFIX: &str = "wasm";

/// `text` when it is an account address of this chain; else why not. `what` names the
/// argument ("the recipient").
pub fn address(what: &str, text: &str) -> Result<String, String> {
    match AccountId::from_str(text) {
        Ok(id) if id.prefix() == ADDRESS_PREFIX => Ok(text.to_string()),
        Ok(id) => Err(format!(
            "{what} `{text}` has the wrong prefix: it is a `{}1...` address (another chain), \
             this chain's addresses start with `{ADDRESS_PREFIX}1`",
            id.prefix()
        )),
        Err(_) => {
            let prefix = text.rsplit_once('1').map(|(p, _)| p).unwrap_or("");
            if !prefix.eq_ignore_ascii_case(ADDRESS_PREFIX) {
                return Err(format!(
                    "{what} `{text}` is not an address of this chain: addresses start with \
                     `{ADDRESS_PREFIX}1`"
                ));
            }
            Err(format!(
                "{what} `{text}` is not a valid address: its characters or its checksum are \
                 wrong (a typo?)"
            ))
        }
    }
}

/// An R3 approval (`cross-border-investment`, `foreign-exchange`, `data-security`; `_` for `-`
/// is taken too), for clap.
pub fn approval(text: &str) -> Result<rwa_gate::Approval, String> {
    let snake = text.replace('-', "_");
    rwa_gate::Approval::ALL
        .into_iter()
        .find(|a| a.as_str() == snake)
        .ok_or_else(|| {
            format!(
                "`{text}` is not an R3 approval: cross-border-investment, foreign-exchange or \
                 data-security"
            )
        })
}

/// `APPROVAL=N`: the quorum of one R3 approval (e.g. `foreign-exchange=2`), for clap.
pub fn approval_quorum(text: &str) -> Result<(rwa_gate::Approval, u32), String> {
    let (name, need) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}`: write APPROVAL=N, e.g. foreign-exchange=2"))?;
    let need = need
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{text}`: the quorum must be a whole number of at least 1"))?;
    Ok((approval(name)?, need))
}

/// An asset id, for clap.
pub fn asset_id(text: &str) -> Result<String, String> {
    rwa_gate::validate::id("asset id", text)
        .map(|()| text.to_string())
        .map_err(|e| format!("`{text}`: {e}"))
}

/// An entity id, for clap.
pub fn entity_id(text: &str) -> Result<String, String> {
    rwa_gate::validate::id("entity id", text)
        .map(|()| text.to_string())
        .map_err(|e| format!("`{text}`: {e}"))
}

/// A digest (lowercase hex sha256; capitals are lowered), for clap.
pub fn digest(text: &str) -> Result<String, String> {
    let lowered = text.to_ascii_lowercase();
    rwa_gate::validate::digest("digest", &lowered)
        .map(|()| lowered)
        .map_err(|_| format!("`{text}` is not a sha256: write 64 hex digits"))
}

/// An ISO 3166-1 alpha-2 jurisdiction (`hk` is taken as `HK`), for clap.
pub fn jurisdiction(text: &str) -> Result<String, String> {
    let upper = text.to_ascii_uppercase();
    rwa_gate::distribution::validate_jurisdiction(&upper)
        .map(|()| upper)
        .map_err(|_| format!("`{text}` is not an ISO 3166-1 alpha-2 code (e.g. HK, SG, US)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approvals_and_their_quorums_are_read_as_people_write_them() {
        use rwa_gate::Approval;
        assert_eq!(
            approval("cross-border-investment"),
            Ok(Approval::CrossBorderInvestment)
        );
        assert_eq!(approval("data_security"), Ok(Approval::DataSecurity));
        assert_eq!(
            approval("fx").unwrap_err(),
            "`fx` is not an R3 approval: cross-border-investment, foreign-exchange or \
             data-security"
        );
        assert_eq!(
            approval_quorum("foreign-exchange=2"),
            Ok((Approval::ForeignExchange, 2))
        );
        assert_eq!(
            approval_quorum("foreign-exchange=0").unwrap_err(),
            "`foreign-exchange=0`: the quorum must be a whole number of at least 1"
        );
        assert_eq!(
            approval_quorum("foreign-exchange").unwrap_err(),
            "`foreign-exchange`: write APPROVAL=N, e.g. foreign-exchange=2"
        );
    }

    #[test]
    fn addresses_of_another_chain_are_a_wrong_prefix_not_a_bad_checksum() {
        // Valid bech32 of the same 20 bytes under two prefixes.
        let wasm = AccountId::new("wasm", &[7; 20]).unwrap().to_string();
        let cosmos = AccountId::new("cosmos", &[7; 20]).unwrap().to_string();
        assert_eq!(address("the recipient", &wasm), Ok(wasm.clone()));
        let err = address("the recipient", &cosmos).unwrap_err();
        assert!(
            err.contains("wrong prefix") && err.contains("`cosmos1...`"),
            "{err}"
        );
        let err = address("the recipient", "wasm1notanaddress").unwrap_err();
        assert!(err.contains("not a valid address"), "{err}");
        let err = address("the recipient", "bond").unwrap_err();
        assert!(err.contains("start with `wasm1`"), "{err}");
    }

    #[test]
    fn ids_follow_the_contract_rules() {
        assert_eq!(asset_id("bond-2026.a_1"), Ok("bond-2026.a_1".into()));
        assert!(asset_id("Bond").unwrap_err().contains("invalid asset id"));
        assert!(entity_id("acme corp")
            .unwrap_err()
            .contains("invalid entity id"));
        assert!(entity_id(&"a".repeat(65)).is_err());
    }
}
