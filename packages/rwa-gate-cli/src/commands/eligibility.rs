//! `rwa-gate eligibility ACCOUNT`: the account's eligibility statement and how it stands (its
//! earlier statements with --history).

use clap::Args;
use rwa_gate::distribution::EligibilityRecord;
use rwa_gate::MAX_LIMIT;

use crate::context::Ctx;
use crate::error::Res;
use crate::render::holders::{eligibility, EligibilityView};
use crate::render::Output;

#[derive(Debug, Args)]
pub struct EligibilityArgs {
    /// The account.
    pub account: String,
    /// Also the earlier statements, superseded by later ones (oldest first).
    #[arg(long)]
    pub history: bool,
}

pub fn exec(ctx: &mut Ctx, a: &EligibilityArgs) -> Res<Output> {
    let account = ctx.check_address("the account", &a.account)?;
    let current = current(ctx, &account)?;
    let oracle_stands = match &current {
        Some(r) => {
            let s = &r.statement;
            let oracle = s.oracle.to_string();
            ctx.read(&format!("oracle {oracle}"), |r| r.oracle(&oracle))
                .is_ok_and(|o| o.is_active() && o.scopes.eligibility && o.enrolment == s.enrolment)
        }
        None => false,
    };
    let history = if a.history {
        Some(history(ctx, &account)?)
    } else {
        None
    };
    let now = ctx.now()?;
    Ok(eligibility(&EligibilityView {
        account,
        current,
        oracle_stands,
        history,
        now,
    }))
}

/// The current statement; `None` when the account has none (the registry answers an error).
fn current(ctx: &mut Ctx, account: &str) -> Res<Option<EligibilityRecord>> {
    match ctx.read(&format!("the eligibility of {account}"), |r| {
        r.eligibility(account)
    }) {
        Ok(record) => Ok(Some(record)),
        Err(fail) if fail.message.contains("no eligibility statement") => Ok(None),
        Err(fail) => Err(fail),
    }
}

fn history(ctx: &mut Ctx, account: &str) -> Res<Vec<EligibilityRecord>> {
    let mut records: Vec<EligibilityRecord> = Vec::new();
    loop {
        let after = records.last().map(|r| r.statement.id);
        let page = ctx.read(&format!("the eligibility history of {account}"), |r| {
            r.eligibility_history(account, after, MAX_LIMIT)
        })?;
        let short = page.len() < MAX_LIMIT as usize;
        records.extend(page);
        if short {
            return Ok(records);
        }
    }
}
