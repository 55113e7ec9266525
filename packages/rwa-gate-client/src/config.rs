//! Where a chain is and how to pay for transactions on it.

use std::str::FromStr;
use std::time::Duration;

use crate::{Error, Result};

/// Where a chain is and how to pay for transactions on it.
#[derive(Clone, Debug)]
pub struct ChainConfig {
    /// CometBFT RPC endpoints of the chain's nodes, in order of preference, in any form
    /// [`crate::normalize_node`] reads (`http://127.0.0.1:26757`, `tcp://…`, `localhost:26757`).
    /// The client uses one at a time and fails over to the next when it stops answering.
    pub nodes: Vec<String>,
    pub chain_id: String,
    /// Bech32 prefix of account addresses (`wasm` on wasmd).
    pub prefix: String,
    /// Fee denomination.
    pub denom: String,
    /// Price of one unit of gas in `denom`; 0 on the local chain.
    pub gas_price: f64,
    /// Simulated gas is multiplied by this, then `gas_margin` is added: delivery costs a few
    /// thousand gas more than simulation (signature checks against the stored key, fee).
    pub gas_adjustment: f64,
    pub gas_margin: u64,
    /// A gas limit for every transaction sent with [`crate::Gas::Simulate`]: set, nothing is
    /// simulated (wasmd's `--gas N` against `--gas auto`).
    pub gas_limit: Option<u64>,
    /// Fees paid as given, whatever the gas (wasmd's `--fees`); unset, they are the gas limit
    /// times `gas_price` in `denom`.
    pub fees: Option<Vec<Amount>>,
    /// How long to wait for a broadcast transaction to be included.
    pub inclusion_timeout: Duration,
    /// How long one RPC request may take before its node counts as not answering (a hung node
    /// accepts connections and answers nothing; a killed one refuses them at once).
    pub request_timeout: Duration,
    /// While a transaction waits for inclusion, its same signed bytes are sent again this often
    /// (a node that took it into its mempool may have died before passing it on).
    pub rebroadcast_interval: Duration,
}

impl ChainConfig {
    /// `rpc` is one RPC address, or several separated by commas (the first is preferred).
    pub fn new(rpc: impl Into<String>, chain_id: impl Into<String>) -> Self {
        let rpc = rpc.into();
        Self::with_nodes(split_nodes(&rpc), chain_id)
    }

    /// A chain served by `nodes`, in order of preference. Each address is normalised
    /// ([`crate::normalize_node`]) so that it reads as the client reports it; one that is not
    /// an address stays as given and is refused by [`crate::Client::connect`].
    pub fn with_nodes(nodes: Vec<String>, chain_id: impl Into<String>) -> Self {
        let nodes = nodes
            .into_iter()
            .map(|n| crate::normalize_node(&n).unwrap_or(n))
            .collect();
        ChainConfig {
            nodes,
            chain_id: chain_id.into(),
            prefix: "wasm".into(),
            denom: "stake".into(),
            gas_price: 0.0,
            gas_adjustment: 1.3,
            gas_margin: 20_000,
            gas_limit: None,
            fees: None,
            inclusion_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(10),
            rebroadcast_interval: Duration::from_secs(4),
        }
    }

    /// Pays `price` per unit of gas, in the price's denomination (`0.025stake`).
    pub fn with_gas_price(mut self, price: GasPrice) -> Self {
        self.gas_price = price.amount;
        self.denom = price.denom;
        self
    }

    /// Multiplies simulated gas by `adjustment` (1.3 unless set).
    pub fn with_gas_adjustment(mut self, adjustment: f64) -> Self {
        self.gas_adjustment = adjustment;
        self
    }

    /// Sends every transaction with this gas limit instead of simulating it first.
    pub fn with_gas_limit(mut self, limit: u64) -> Self {
        self.gas_limit = Some(limit);
        self
    }

    /// Pays exactly `fees` for every transaction, whatever its gas.
    pub fn with_fees(mut self, fees: Vec<Amount>) -> Self {
        self.fees = Some(fees);
        self
    }

    /// The nodes, comma-separated, as [`ChainConfig::new`] reads them.
    pub fn nodes_text(&self) -> String {
        self.nodes.join(",")
    }

    /// Refuses settings no chain could work with, before anything is sent.
    pub(crate) fn validate(&self) -> Result<()> {
        if !(self.gas_price.is_finite() && self.gas_price >= 0.0) {
            return Err(invalid("gas price", self.gas_price, "not a number >= 0"));
        }
        if !(self.gas_adjustment.is_finite() && self.gas_adjustment > 0.0) {
            return Err(invalid(
                "gas adjustment",
                self.gas_adjustment,
                "not a number > 0",
            ));
        }
        if self.gas_limit == Some(0) {
            return Err(invalid("gas limit", 0, "must be above 0"));
        }
        Ok(())
    }
}

/// `a,b , c` gives `["a", "b", "c"]`; empty items are dropped.
pub fn split_nodes(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A whole amount of one denomination, as wasmd writes it: `5000stake`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amount {
    pub amount: u128,
    pub denom: String,
}

/// A price per unit of gas, as wasmd writes it: `0.025stake`.
#[derive(Clone, Debug, PartialEq)]
pub struct GasPrice {
    pub amount: f64,
    pub denom: String,
}

/// `text` cut where its number ends: `("0.025", "stake")`. The denomination must start with a
/// letter (the SDK's rule), so a number never runs into it.
fn number_and_denom<'a>(what: &str, text: &'a str) -> Result<(&'a str, &'a str)> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, denom) = text.split_at(split);
    if number.is_empty() {
        return Err(invalid(what, text, "no amount before the denomination"));
    }
    if !denom.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(invalid(
            what,
            text,
            "no denomination after the amount (e.g. stake)",
        ));
    }
    Ok((number, denom))
}

impl FromStr for Amount {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let (number, denom) = number_and_denom("amount", text)?;
        let amount = number
            .parse()
            .map_err(|_| invalid("amount", text.trim(), "not a whole number of base units"))?;
        Ok(Amount {
            amount,
            denom: denom.to_string(),
        })
    }
}

impl Amount {
    /// A comma-separated list, as wasmd's `--fees` takes it: `5000stake,10uatom`.
    pub fn parse_list(text: &str) -> Result<Vec<Amount>> {
        text.split(',').map(str::parse).collect()
    }
}

impl FromStr for GasPrice {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let (number, denom) = number_and_denom("gas price", text)?;
        let amount = number
            .parse::<f64>()
            .ok()
            .filter(|a| a.is_finite())
            .ok_or_else(|| invalid("gas price", text.trim(), "not a decimal number"))?;
        Ok(GasPrice {
            amount,
            denom: denom.to_string(),
        })
    }
}

fn invalid(what: &str, input: impl ToString, reason: &str) -> Error {
    Error::Invalid {
        what: what.to_string(),
        input: input.to_string(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_lists_split_on_commas_and_keep_their_order() {
        let config = ChainConfig::new(
            " http://127.0.0.1:26867,http://127.0.0.1:26877 ,,http://127.0.0.1:26887",
            "c",
        );
        assert_eq!(
            config.nodes,
            vec![
                "http://127.0.0.1:26867".to_string(),
                "http://127.0.0.1:26877".to_string(),
                "http://127.0.0.1:26887".to_string(),
            ]
        );
        assert_eq!(
            config.nodes_text(),
            "http://127.0.0.1:26867,http://127.0.0.1:26877,http://127.0.0.1:26887"
        );
        assert_eq!(
            ChainConfig::new("http://127.0.0.1:26757", "c").nodes,
            vec!["http://127.0.0.1:26757".to_string()]
        );
        // wasmd's forms read as the client reports them; a bad one waits for connect.
        assert_eq!(
            ChainConfig::new("tcp://127.0.0.1:26757,localhost:1,nowhere", "c").nodes,
            vec![
                "http://127.0.0.1:26757".to_string(),
                "http://localhost:1".to_string(),
                "nowhere".to_string(),
            ]
        );
    }

    #[test]
    fn fee_options_default_to_a_free_simulated_chain_and_set_by_builder() {
        let plain = ChainConfig::new("localhost:26757", "c");
        assert_eq!(
            (
                plain.gas_price,
                plain.gas_adjustment,
                plain.gas_limit,
                plain.fees
            ),
            (0.0, 1.3, None, None)
        );
        let set = ChainConfig::new("localhost:26757", "c")
            .with_gas_price("0.025uwasm".parse().unwrap())
            .with_gas_adjustment(1.5)
            .with_gas_limit(400_000)
            .with_fees(Amount::parse_list("5000uwasm,7stake").unwrap());
        assert_eq!(set.gas_price, 0.025);
        assert_eq!(set.denom, "uwasm");
        assert_eq!(set.gas_adjustment, 1.5);
        assert_eq!(set.gas_limit, Some(400_000));
        assert_eq!(
            set.fees,
            Some(vec![
                Amount {
                    amount: 5000,
                    denom: "uwasm".into()
                },
                Amount {
                    amount: 7,
                    denom: "stake".into()
                },
            ])
        );
        assert_eq!(set.validate(), Ok(()));
    }

    #[test]
    fn bad_amounts_and_prices_say_what_is_wrong() {
        assert_eq!(
            "stake".parse::<Amount>().unwrap_err().to_string(),
            "bad amount `stake`: no amount before the denomination"
        );
        assert_eq!(
            "5000".parse::<Amount>().unwrap_err().to_string(),
            "bad amount `5000`: no denomination after the amount (e.g. stake)"
        );
        assert_eq!(
            "0.5stake".parse::<Amount>().unwrap_err().to_string(),
            "bad amount `0.5stake`: not a whole number of base units"
        );
        assert_eq!(
            "1.2.3stake".parse::<GasPrice>().unwrap_err().to_string(),
            "bad gas price `1.2.3stake`: not a decimal number"
        );
        assert_eq!(
            "0.025 stake".parse::<GasPrice>().unwrap_err().to_string(),
            "bad gas price `0.025 stake`: no denomination after the amount (e.g. stake)"
        );
    }

    #[test]
    fn settings_no_chain_could_use_are_refused() {
        let config = ChainConfig::new("localhost:26757", "c");
        assert_eq!(
            config
                .clone()
                .with_gas_adjustment(0.0)
                .validate()
                .unwrap_err()
                .to_string(),
            "bad gas adjustment `0`: not a number > 0"
        );
        assert_eq!(
            config
                .clone()
                .with_gas_limit(0)
                .validate()
                .unwrap_err()
                .to_string(),
            "bad gas limit `0`: must be above 0"
        );
        let mut negative = config;
        negative.gas_price = -1.0;
        assert_eq!(
            negative.validate().unwrap_err().to_string(),
            "bad gas price `-1`: not a number >= 0"
        );
    }
}
