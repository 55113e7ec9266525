//! `rwa-gate tx HASH`: a transaction by its hash: where it is, whether it succeeded, and what
//! the contracts said.

use clap::Args;
use rwa_gate_client::contract_message;

use crate::context::Ctx;
use crate::error::{client_fail, Fail, Res};
use crate::render::transaction::{transaction, TransactionView};
use crate::render::Output;

#[derive(Debug, Args)]
pub struct TxArgs {
    /// The transaction's hash (64 hex characters, as the commands print it).
    pub hash: String,
}

pub fn exec(ctx: &mut Ctx, a: &TxArgs) -> Res<Output> {
    if a.hash.len() != 64 || !a.hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Fail::usage(format!(
            "`{}` is not a transaction hash: 64 hex characters.",
            a.hash
        )));
    }
    let found = ctx
        .client()?
        .find_tx(&a.hash)
        .map_err(|e| client_fail(&format!("look up transaction {}", a.hash), e))?
        .ok_or_else(|| {
            Fail::error(format!(
                "No transaction {} on chain {} (not included, or the node does not index \
                 transactions).",
                a.hash,
                ctx.chain_id()
            ))
        })?;
    let refusal =
        (found.code != 0).then(|| contract_message(&found.log).unwrap_or(found.log.clone()));
    Ok(transaction(&TransactionView { found, refusal }))
}
