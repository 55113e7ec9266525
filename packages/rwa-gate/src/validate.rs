//! Input rules shared by both contracts and their clients.

use thiserror::Error;

pub const MAX_ID_LEN: usize = 64;
pub const MAX_REFERENCE_LEN: usize = 128;
pub const MAX_URI_LEN: usize = 256;
pub const DIGEST_LEN: usize = 64;

#[derive(Error, Debug, PartialEq, Eq)]
pub enum InvalidInput {
    #[error("invalid {field}: must be 1-{max} characters of a-z, 0-9, '.', '_' or '-'")]
    Id { field: &'static str, max: usize },
    #[error("invalid {field}: must be a lowercase hex SHA-256 digest (64 characters)")]
    Digest { field: &'static str },
    #[error("invalid {field}: must be 1-{max} printable ASCII characters without spaces")]
    Text { field: &'static str, max: usize },
    #[error("invalid token name: must be 3-50 characters")]
    TokenName,
    #[error("invalid token symbol: must be 3-12 characters of A-Z, a-z or '-'")]
    TokenSymbol,
    #[error("invalid token decimals: must be at most 18")]
    TokenDecimals,
}

/// Asset and entity ids: short, lowercase, no separators that could alias storage keys.
pub fn id(field: &'static str, value: &str) -> Result<(), InvalidInput> {
    let ok = !value.is_empty()
        && value.len() <= MAX_ID_LEN
        && value.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        });
    if ok {
        Ok(())
    } else {
        Err(InvalidInput::Id {
            field,
            max: MAX_ID_LEN,
        })
    }
}

/// Evidence and plan digests: lowercase hex SHA-256.
pub fn digest(field: &'static str, value: &str) -> Result<(), InvalidInput> {
    let ok = value.len() == DIGEST_LEN
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if ok {
        Ok(())
    } else {
        Err(InvalidInput::Digest { field })
    }
}

/// References and URIs: bounded printable ASCII, no whitespace.
pub fn text(field: &'static str, value: &str, max: usize) -> Result<(), InvalidInput> {
    let ok = !value.is_empty() && value.len() <= max && value.bytes().all(|b| b.is_ascii_graphic());
    if ok {
        Ok(())
    } else {
        Err(InvalidInput::Text { field, max })
    }
}

pub fn evidence(field: &'static str, e: &crate::Evidence) -> Result<(), InvalidInput> {
    digest(field, &e.digest)?;
    if let Some(uri) = &e.uri {
        text("evidence uri", uri, MAX_URI_LEN)?;
    }
    Ok(())
}

/// The cw20 rules for token metadata.
pub fn token_info(name: &str, symbol: &str, decimals: u8) -> Result<(), InvalidInput> {
    if !(3..=50).contains(&name.chars().count()) {
        return Err(InvalidInput::TokenName);
    }
    if !(3..=12).contains(&symbol.len())
        || !symbol.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
    {
        return Err(InvalidInput::TokenSymbol);
    }
    if decimals > 18 {
        return Err(InvalidInput::TokenDecimals);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(id("asset", "bond-2026.a_1").is_ok());
        for bad in ["", "Upper", "with space", "slash/x", "ünï", &"x".repeat(65)] {
            assert_eq!(
                id("asset", bad),
                Err(InvalidInput::Id {
                    field: "asset",
                    max: 64
                })
            );
        }
    }

    #[test]
    fn digests() {
        assert!(digest("d", &"ab".repeat(32)).is_ok());
        for bad in ["", &"AB".repeat(32), &"ab".repeat(31), &"zz".repeat(32)] {
            assert_eq!(digest("d", bad), Err(InvalidInput::Digest { field: "d" }));
        }
    }

    #[test]
    fn token_metadata() {
        assert!(token_info("Bond 2026", "BOND", 6).is_ok());
        assert_eq!(token_info("ab", "BOND", 6), Err(InvalidInput::TokenName));
        assert_eq!(token_info("Bond", "B1", 6), Err(InvalidInput::TokenSymbol));
        assert_eq!(
            token_info("Bond", "BOND", 19),
            Err(InvalidInput::TokenDecimals)
        );
    }
}
