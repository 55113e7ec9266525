//! Typed handles on the two contracts, with the message types of `packages/rwa-gate`: every
//! read and write a client needs, named after what it reads or does.

use cosmrs::{Any, Coin};
use cosmwasm_std::{Binary, Uint128};
use rwa_gate::cw20::{BalanceResponse, TokenInfoResponse};
use rwa_gate::distribution::EligibilityRecord;
use rwa_gate::registry::{
    AssetsResponse, AttestationsResponse, ConfigResponse, EligibilityHistoryResponse,
    ExecuteMsg as RegistryMsg, FlagsResponse, IssuerResponse, LinkAllowanceResponse,
    LinkAllowancesResponse, MintedResponse, NonceResponse, OracleAction, OraclesResponse, Order,
    OwnershipResponse, QueryMsg as RegistryQuery, SignedStatement, SigningKeyResponse,
};
use rwa_gate::token::{
    AssetInfoResponse, ExecuteMsg as TokenMsg, QueryMsg as TokenQuery, TransferRulesResponse,
};
use rwa_gate::{
    Asset, Attestation, AttestationKind, Clearance, Decision, Entity, Flag, Gate, MovementDecision,
    NegativeList, Oracle, Subject,
};
use serde::de::DeserializeOwned;

use crate::{Client, Gas, Result, TxOutcome, Wallet};

/// The compliance registry at `address`; its reads answer from the state after block
/// `height` when one is set ([`Registry::at`]), else from the latest.
#[derive(Debug)]
pub struct Registry<'a> {
    pub client: &'a Client,
    pub address: String,
    pub height: Option<u64>,
}

impl<'a> Registry<'a> {
    pub fn new(client: &'a Client, address: impl Into<String>) -> Self {
        Registry {
            client,
            address: address.into(),
            height: None,
        }
    }

    /// The same registry read as it was after block `height` (the node keeps the state of
    /// recent heights; an older one is an error naming the pruned height).
    pub fn at(self, height: u64) -> Self {
        Registry {
            height: Some(height),
            ..self
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

    /// `msg` as a signed-to-be `MsgExecuteContract`, for simulation or a multi-message
    /// transaction.
    pub fn execute_msg(&self, wallet: &Wallet, msg: &RegistryMsg) -> Result<Any> {
        self.client.execute_msg(wallet, &self.address, msg, &[])
    }

    pub fn query<T: DeserializeOwned>(&self, msg: &RegistryQuery) -> Result<T> {
        self.client.query_at(&self.address, msg, self.height)
    }

    /// Up to `MAX_BATCH` of the sender's oracle actions in one transaction, all or nothing.
    pub fn batch(
        &self,
        wallet: &Wallet,
        actions: Vec<OracleAction>,
        gas: Gas,
    ) -> Result<TxOutcome> {
        self.execute(wallet, &RegistryMsg::Batch { actions }, gas)
    }

    /// Registers (or rotates to) the compressed secp256k1 `public_key` whose signatures count
    /// as the sender oracle's own; `None` removes it.
    pub fn set_signing_key(
        &self,
        wallet: &Wallet,
        public_key: Option<Vec<u8>>,
        gas: Gas,
    ) -> Result<TxOutcome> {
        let public_key = public_key.map(Binary::from);
        self.execute(wallet, &RegistryMsg::SetSigningKey { public_key }, gas)
    }

    /// Posts an oracle's signed statement; `wallet` is any account (it pays the fees).
    pub fn relay(
        &self,
        wallet: &Wallet,
        statement: SignedStatement,
        gas: Gas,
    ) -> Result<TxOutcome> {
        self.execute(wallet, &RegistryMsg::Relay { statement }, gas)
    }

    /// The oracle's registered signing key, if any.
    pub fn signing_key(&self, oracle: &str) -> Result<SigningKeyResponse> {
        self.query(&RegistryQuery::SigningKey {
            oracle: oracle.into(),
        })
    }

    /// Whether the oracle's statement with `nonce` was posted.
    pub fn nonce_used(&self, oracle: &str, nonce: u64) -> Result<bool> {
        let answer: NonceResponse = self.query(&RegistryQuery::Nonce {
            oracle: oracle.into(),
            nonce,
        })?;
        Ok(answer.used)
    }

    /// A nonce of `oracle` the registry has not seen: from the clock
    /// ([`crate::delegation::clock_nonce`]), stepped on past any already used.
    pub fn fresh_nonce(&self, oracle: &str) -> Result<u64> {
        let mut nonce = crate::delegation::clock_nonce();
        while self.nonce_used(oracle, nonce)? {
            nonce = (nonce + 1) & crate::delegation::MAX_SAFE_NONCE;
        }
        Ok(nonce)
    }

    pub fn config(&self) -> Result<ConfigResponse> {
        self.query(&RegistryQuery::Config {})
    }

    pub fn ownership(&self) -> Result<OwnershipResponse> {
        self.query(&RegistryQuery::Ownership {})
    }

    pub fn gate(&self) -> Result<Gate> {
        self.query(&RegistryQuery::Gate {})
    }

    /// The negative list in force.
    pub fn negative_list(&self) -> Result<NegativeList> {
        self.query(&RegistryQuery::NegativeList {})
    }

    pub fn oracle(&self, address: &str) -> Result<Oracle> {
        self.query(&RegistryQuery::Oracle {
            address: address.into(),
        })
    }

    /// One page of oracles, in address order.
    pub fn oracles(&self, start_after: Option<String>, limit: u32) -> Result<Vec<Oracle>> {
        let page: OraclesResponse = self.query(&RegistryQuery::Oracles {
            start_after,
            limit: Some(limit),
        })?;
        Ok(page.oracles)
    }

    pub fn issuer(&self, address: &str) -> Result<IssuerResponse> {
        self.query(&RegistryQuery::Issuer {
            address: address.into(),
        })
    }

    pub fn entity(&self, id: &str) -> Result<Entity> {
        self.query(&RegistryQuery::Entity { id: id.into() })
    }

    pub fn link_allowance(&self, entity: &str, issuer: &str) -> Result<LinkAllowanceResponse> {
        self.query(&RegistryQuery::LinkAllowance {
            entity: entity.into(),
            issuer: issuer.into(),
        })
    }

    /// One page of the allowances set on `entity`, in issuer address order.
    pub fn link_allowances(
        &self,
        entity: &str,
        start_after: Option<String>,
        limit: u32,
    ) -> Result<Vec<LinkAllowanceResponse>> {
        let page: LinkAllowancesResponse = self.query(&RegistryQuery::LinkAllowances {
            entity: entity.into(),
            start_after,
            limit: Some(limit),
        })?;
        Ok(page.allowances)
    }

    pub fn asset(&self, id: &str) -> Result<Asset> {
        self.query(&RegistryQuery::Asset { id: id.into() })
    }

    /// One page of assets, in id order.
    pub fn assets(&self, start_after: Option<String>, limit: u32) -> Result<Vec<Asset>> {
        let page: AssetsResponse = self.query(&RegistryQuery::Assets {
            start_after,
            limit: Some(limit),
        })?;
        Ok(page.assets)
    }

    pub fn attestation(&self, id: u64) -> Result<Attestation> {
        self.query(&RegistryQuery::Attestation { id })
    }

    /// One page of an asset's attestations (of one kind when given), oldest first.
    pub fn attestations(
        &self,
        asset: &str,
        kind: Option<AttestationKind>,
        start_after: Option<u64>,
        limit: u32,
    ) -> Result<Vec<Attestation>> {
        let page: AttestationsResponse = self.query(&RegistryQuery::Attestations {
            asset: asset.into(),
            kind,
            start_after,
            limit: Some(limit),
        })?;
        Ok(page.attestations)
    }

    pub fn flag(&self, id: u64) -> Result<Flag> {
        self.query(&RegistryQuery::Flag { id })
    }

    /// One page of the flags ever raised on `subject` (only active ones with `active_only`),
    /// oldest first.
    pub fn flags(
        &self,
        subject: &Subject,
        active_only: bool,
        start_after: Option<u64>,
        limit: u32,
    ) -> Result<Vec<Flag>> {
        let page: FlagsResponse = self.query(&RegistryQuery::Flags {
            subject: subject.clone(),
            active_only: Some(active_only),
            start_after,
            limit: Some(limit),
        })?;
        Ok(page.flags)
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
            recipient: None,
        })
    }

    /// [`Self::check_issuance`] for a mint to `recipient`: also every reason the holder rule (the
    /// plan's distribution terms) refuses it, as the token's mint judges it.
    pub fn check_mint(
        &self,
        asset: &str,
        amount: u128,
        minter: &str,
        recipient: &str,
    ) -> Result<Decision> {
        self.query(&RegistryQuery::CheckIssuance {
            asset: asset.into(),
            amount: Uint128::new(amount),
            minter: Some(minter.into()),
            recipient: Some(recipient.into()),
        })
    }

    /// Whether `sender` may move `amount` base units of the asset's token to `recipient` now,
    /// with every reason it may not (a freeze included): the judgement the transfer runs.
    pub fn check_transfer(
        &self,
        asset: &str,
        sender: &str,
        recipient: &str,
        amount: u128,
    ) -> Result<MovementDecision> {
        self.query(&RegistryQuery::CheckTransfer {
            asset: asset.into(),
            sender: sender.into(),
            recipient: recipient.into(),
            amount: Uint128::new(amount),
        })
    }

    /// What the asset's token minted, its supply and the cap now.
    pub fn minted(&self, asset: &str) -> Result<MintedResponse> {
        self.query(&RegistryQuery::Minted {
            asset: asset.into(),
        })
    }

    /// The account's current eligibility statement (with its evidence, and its revocation when
    /// revoked).
    pub fn eligibility(&self, account: &str) -> Result<EligibilityRecord> {
        self.query(&RegistryQuery::Eligibility {
            account: account.into(),
        })
    }

    /// One page of the account's earlier statements, superseded by a later one, oldest first.
    pub fn eligibility_history(
        &self,
        account: &str,
        start_after: Option<u64>,
        limit: u32,
    ) -> Result<Vec<EligibilityRecord>> {
        let page: EligibilityHistoryResponse = self.query(&RegistryQuery::EligibilityHistory {
            account: account.into(),
            start_after,
            limit: Some(limit),
        })?;
        Ok(page.records)
    }

    /// A court or regulator order, by its digest: what it moves, who attested it, and whether
    /// the issuer carried it out.
    pub fn order(&self, digest: &str) -> Result<Order> {
        self.query(&RegistryQuery::Order {
            order: digest.into(),
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

    /// `msg` as a signed-to-be `MsgExecuteContract`, for simulation or a multi-message
    /// transaction.
    pub fn execute_msg(&self, wallet: &Wallet, msg: &TokenMsg) -> Result<Any> {
        self.client.execute_msg(wallet, &self.address, msg, &[])
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

    /// Name, symbol, decimals and total supply.
    pub fn info(&self) -> Result<TokenInfoResponse> {
        self.query(&TokenQuery::TokenInfo {})
    }

    /// The asset the token belongs to, its registry and issuer, and what it minted.
    pub fn asset_info(&self) -> Result<AssetInfoResponse> {
        self.query(&TokenQuery::AssetInfo {})
    }

    /// The freezing flags, the distribution terms in force and the count of holders.
    pub fn transfer_rules(&self) -> Result<TransferRulesResponse> {
        self.query(&TokenQuery::TransferRules {})
    }
}
