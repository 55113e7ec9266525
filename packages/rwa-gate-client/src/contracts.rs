//! Typed handles on the two contracts, with the message types of `packages/rwa-gate`.

use cosmrs::Coin;
use cosmwasm_std::Uint128;
use rwa_gate::cw20::BalanceResponse;
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, QueryMsg as RegistryQuery};
use rwa_gate::token::{ExecuteMsg as TokenMsg, QueryMsg as TokenQuery};
use rwa_gate::{Asset, Clearance, Decision};
use serde::de::DeserializeOwned;

use crate::{Client, Gas, Result, TxOutcome, Wallet};

/// The compliance registry at `address`.
#[derive(Debug)]
pub struct Registry<'a> {
    pub client: &'a Client,
    pub address: String,
}

impl<'a> Registry<'a> {
    pub fn new(client: &'a Client, address: impl Into<String>) -> Self {
        Registry {
            client,
            address: address.into(),
        }
    }

    pub fn execute(&self, wallet: &Wallet, msg: &RegistryMsg, gas: Gas) -> Result<TxOutcome> {
        self.client.execute(wallet, &self.address, msg, &[], gas)
    }

    pub fn execute_with_funds(
        &self,
        wallet: &Wallet,
        msg: &RegistryMsg,
        funds: &[Coin],
        gas: Gas,
    ) -> Result<TxOutcome> {
        self.client.execute(wallet, &self.address, msg, funds, gas)
    }

    pub fn query<T: DeserializeOwned>(&self, msg: &RegistryQuery) -> Result<T> {
        self.client.query(&self.address, msg)
    }

    pub fn asset(&self, id: &str) -> Result<Asset> {
        self.query(&RegistryQuery::Asset { id: id.into() })
    }

    pub fn clearance(&self, asset: &str) -> Result<Clearance> {
        self.query(&RegistryQuery::Clearance {
            asset: asset.into(),
        })
    }

    /// The registry's verdict on a mint of `amount` of `asset` (by `minter` when given), by
    /// the same function the token's mint runs.
    pub fn check_issuance(
        &self,
        asset: &str,
        amount: u128,
        minter: Option<&str>,
    ) -> Result<Decision> {
        self.query(&RegistryQuery::CheckIssuance {
            asset: asset.into(),
            amount: Uint128::new(amount),
            minter: minter.map(str::to_string),
        })
    }
}

/// A gated token at `address`.
#[derive(Debug)]
pub struct Token<'a> {
    pub client: &'a Client,
    pub address: String,
}

impl<'a> Token<'a> {
    pub fn new(client: &'a Client, address: impl Into<String>) -> Self {
        Token {
            client,
            address: address.into(),
        }
    }

    pub fn execute(&self, wallet: &Wallet, msg: &TokenMsg, gas: Gas) -> Result<TxOutcome> {
        self.client.execute(wallet, &self.address, msg, &[], gas)
    }

    pub fn query<T: DeserializeOwned>(&self, msg: &TokenQuery) -> Result<T> {
        self.client.query(&self.address, msg)
    }

    pub fn balance(&self, address: &str) -> Result<u128> {
        let answer: BalanceResponse = self.query(&TokenQuery::Balance {
            address: address.into(),
        })?;
        Ok(answer.balance.u128())
    }
}
