//! What only cw-multi-test can do, beside the one harness: [`Suite`] is the [`Deployment`] on
//! [`MultiTest`], and this block adds the verbs a chain has no equivalent for — jumps of the
//! block clock, native coins handed out, funds sent with a message, the raw storage of a
//! contract, its code id and wasm admin, a second copy of the token code, and the app itself.
//!
//! ```text
//! let mut s = Suite::new().with_standard_oracles().build();
//! s.clear_for_issuance(BOND);
//! s.advance(31 * DAY);
//! ```

use cosmwasm_std::{coin, Addr, Binary, BlockInfo, Coin, CosmosMsg, Record, WasmMsg};
use cw_multi_test::{App, Executor};
use rwa_gate::registry::ExecuteMsg as RegistryMsg;
use rwa_gate::token::ExecuteMsg as TokenMsg;
use serde::Serialize;

use crate::backend::{message, wasm_attributes, Deployment, DeploymentBuilder, MultiTest, Receipt};
use crate::{token_contract, DENOM};

/// The harness on cw-multi-test: `Suite::new().with_oracle("filer", FILING).build()`.
pub type Suite = Deployment<MultiTest>;

impl Deployment<MultiTest> {
    /// A deployment on a fresh cw-multi-test app, its block clock at [`crate::GENESIS`].
    #[allow(clippy::new_ret_no_self)]
    pub fn new() -> DeploymentBuilder<MultiTest> {
        Deployment::on(MultiTest::new())
    }

    pub fn app(&self) -> &App {
        &self.backend.app
    }

    pub fn app_mut(&mut self) -> &mut App {
        &mut self.backend.app
    }

    // ---- the block ----

    pub fn block_info(&self) -> BlockInfo {
        self.app().block_info()
    }

    /// Jumps the block clock `seconds` ahead (and the height by one block per 5 s, plus one).
    pub fn advance(&mut self, seconds: u64) {
        self.app_mut().update_block(|b| {
            b.time = b.time.plus_seconds(seconds);
            b.height += seconds / 5 + 1;
        });
    }

    // ---- native coins and funds ----

    /// Gives a participant native coins, so that tests can send funds where none are taken.
    pub fn fund(&mut self, name: &str, amount: u128) {
        let address = self.address(name);
        self.fund_address(&address, amount);
    }

    /// Gives any address (a contract too) native coins.
    pub fn fund_address(&mut self, address: &Addr, amount: u128) {
        self.app_mut()
            .init_modules(|router, _, storage| {
                router
                    .bank
                    .init_balance(storage, address, vec![coin(amount, DENOM)])
            })
            .expect("balance set");
    }

    /// `sender` sends `msg` to the registry with `funds`.
    pub fn exec_with_funds(
        &mut self,
        sender: &str,
        msg: &RegistryMsg,
        funds: &[Coin],
    ) -> Result<Receipt, String> {
        let (sender, registry) = (self.address(sender), self.registry.clone());
        self.execute_raw(&sender, &registry, json(msg), funds)
    }

    /// `sender` sends `msg` to the asset's token with `funds`.
    pub fn exec_token_with_funds(
        &mut self,
        sender: &str,
        asset: &str,
        msg: &TokenMsg,
        funds: &[Coin],
    ) -> Result<Receipt, String> {
        let (sender, token) = (self.address(sender), self.token(asset));
        self.execute_raw(&sender, &token, json(msg), funds)
    }

    /// Any bytes as an execute message, from any address (a contract too), with `funds`: the
    /// errors are the contract's own message, as everywhere in the harness.
    pub fn execute_raw(
        &mut self,
        sender: &Addr,
        contract: &str,
        msg: Binary,
        funds: &[Coin],
    ) -> Result<Receipt, String> {
        let wasm = WasmMsg::Execute {
            contract_addr: contract.to_string(),
            msg,
            funds: funds.to_vec(),
        };
        self.app_mut()
            .execute(sender.clone(), CosmosMsg::Wasm(wasm))
            .map(|res| Receipt {
                attributes: wasm_attributes(&res),
                ..Receipt::default()
            })
            .map_err(message)
    }

    // ---- contracts, byte for byte ----

    /// The raw storage of a contract, every key in order.
    pub fn storage(&self, contract: impl AsRef<str>) -> Vec<Record> {
        self.app()
            .dump_wasm_raw(&Addr::unchecked(contract.as_ref()))
    }

    /// The code a contract runs.
    pub fn code_id(&self, contract: impl AsRef<str>) -> u64 {
        self.app()
            .wrap()
            .query_wasm_contract_info(contract.as_ref())
            .expect("contract info")
            .code_id
    }

    /// The contract's wasm admin (the one who may migrate it directly).
    pub fn admin_of(&self, contract: impl AsRef<str>) -> Option<Addr> {
        self.app()
            .wrap()
            .query_wasm_contract_info(contract.as_ref())
            .expect("contract info")
            .admin
    }

    /// Stores a second copy of the token code: the "new" code of a migration.
    pub fn store_token_code(&mut self) -> u64 {
        self.app_mut().store_code(token_contract())
    }
}

fn json(msg: &impl Serialize) -> Binary {
    Binary::from(serde_json::to_vec(msg).expect("messages serialize"))
}
