//! Gas and fees as wasmd writes them: `--gas auto|N`, `--gas-prices 0.025ustake`,
//! `--fees 5000ustake`.

/// A price of a unit of gas; `denom` is `None` when only a number was given.
#[derive(Debug, Clone, PartialEq)]
pub struct GasPrice {
    pub amount: f64,
    pub denom: Option<String>,
}

/// An amount of one denomination, e.g. `5000ustake`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coin {
    pub amount: u128,
    pub denom: String,
}

/// How the gas limit of a transaction is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GasLimit {
    /// Simulate, then multiply by the adjustment.
    Auto,
    Fixed(u64),
}

/// Splits `0.025ustake` into the number and the denomination (which may be empty).
fn split_number(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    text.split_at(end)
}

fn valid_denom(denom: &str) -> bool {
    (3..=128).contains(&denom.len())
        && denom.starts_with(|c: char| c.is_ascii_alphabetic())
        && denom
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | ':' | '.' | '_' | '-'))
}

pub fn parse_gas_price(text: &str) -> Result<GasPrice, String> {
    let bad = || format!("`{text}` is not a gas price: write e.g. 0.025ustake, or 0.025");
    let (number, denom) = split_number(text.trim());
    let amount: f64 = number.parse().map_err(|_| bad())?;
    if !amount.is_finite() || amount < 0.0 {
        return Err(bad());
    }
    let denom = match denom {
        "" => None,
        d if valid_denom(d) => Some(d.to_string()),
        _ => return Err(bad()),
    };
    Ok(GasPrice { amount, denom })
}

pub fn parse_coin(text: &str) -> Result<Coin, String> {
    let bad = || format!("`{text}` is not an amount of coins: write e.g. 5000ustake");
    let (number, denom) = split_number(text.trim());
    let amount: u128 = number.parse().map_err(|_| bad())?;
    if !valid_denom(denom) {
        return Err(bad());
    }
    Ok(Coin {
        amount,
        denom: denom.to_string(),
    })
}

pub fn parse_gas(text: &str) -> Result<GasLimit, String> {
    if text == "auto" {
        return Ok(GasLimit::Auto);
    }
    match text.parse::<u64>() {
        Ok(limit) if limit > 0 => Ok(GasLimit::Fixed(limit)),
        _ => Err(format!(
            "`{text}` is not a gas limit: write auto or a number of gas units"
        )),
    }
}

/// The gas price that makes the client's fee (`ceil(limit * price)`) come to exactly
/// `fee` for a transaction of gas limit `limit`. The client takes a price, not a fee: this is
/// how `--fees` reaches it until the client takes a fee directly.
pub fn price_for_fee(fee: u128, limit: u64) -> f64 {
    if fee == 0 {
        return 0.0;
    }
    // Half a unit under the fee: the ceiling of limit * price is then the fee itself, whatever
    // the rounding of the division.
    (fee as f64 - 0.5) / limit as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasmd_forms() {
        assert_eq!(
            parse_gas_price("0.025ustake"),
            Ok(GasPrice {
                amount: 0.025,
                denom: Some("ustake".into())
            })
        );
        assert_eq!(
            parse_gas_price("0"),
            Ok(GasPrice {
                amount: 0.0,
                denom: None
            })
        );
        assert!(parse_gas_price("-1stake").is_err());
        assert!(parse_gas_price("cheap").is_err());
        assert_eq!(
            parse_coin("5000ustake"),
            Ok(Coin {
                amount: 5_000,
                denom: "ustake".into()
            })
        );
        assert!(parse_coin("5000").is_err());
        assert!(parse_coin("1.5ustake").is_err());
        assert_eq!(parse_gas("auto"), Ok(GasLimit::Auto));
        assert_eq!(parse_gas("250000"), Ok(GasLimit::Fixed(250_000)));
        assert!(parse_gas("0").is_err());
        assert!(parse_gas("lots").is_err());
    }

    #[test]
    fn a_fee_becomes_the_price_that_pays_exactly_it() {
        for (fee, limit) in [(5_000u128, 200_000u64), (1, 3), (999_999, 123_457), (7, 7)] {
            let price = price_for_fee(fee, limit);
            assert_eq!(
                (limit as f64 * price).ceil() as u128,
                fee,
                "{fee} over {limit}"
            );
        }
        assert_eq!(price_for_fee(0, 100), 0.0);
    }
}
