//! The holder side of an issuer's work: the distribution terms of the plan, carrying out an
//! attested order, recovering a lost account.

use clap::Args;
use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::ExecuteMsg;
use rwa_gate::{DistributionTerms, InvestorClass, OutflowLimit};
use serde_json::json;

use super::base_units;
use crate::commands::oracle::Class;
use crate::context::{capitalized, Ctx};
use crate::error::{Fail, Res};
use crate::human::{self, format_units, TokenAmount};
use crate::input;
use crate::render::holders::{terms_json, terms_words};
use crate::render::Output;

/// One part of the terms as given: set to a value, or `none` (cleared).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting<T> {
    Clear,
    Set(T),
}

impl<T> Setting<T> {
    fn parse(text: &str, set: impl FnOnce(&str) -> Result<T, String>) -> Result<Self, String> {
        if text.eq_ignore_ascii_case("none") {
            Ok(Setting::Clear)
        } else {
            set(text).map(Setting::Set)
        }
    }
}

/// An amount of token units per period: `1000/30d` (or `1000/2592000`, in seconds).
#[derive(Debug, Clone)]
pub struct Outflow {
    pub amount: TokenAmount,
    pub period: u64,
}

fn outflow(text: &str) -> Result<Setting<Outflow>, String> {
    Setting::parse(text, |t| {
        let (amount, period) = t
            .split_once('/')
            .ok_or_else(|| format!("`{t}`: write AMOUNT/PERIOD, e.g. 1000/30d"))?;
        let period = match period.parse::<u64>() {
            Ok(seconds) if seconds > 0 => seconds,
            _ => human::parse_duration(period)?,
        };
        Ok(Outflow {
            amount: human::parse_token_amount(amount)?,
            period,
        })
    })
}

fn classes(text: &str) -> Result<Setting<Vec<InvestorClass>>, String> {
    if text.eq_ignore_ascii_case("all") {
        return Ok(Setting::Clear);
    }
    let mut list = Vec::new();
    for name in text.split(',') {
        let class = <Class as clap::ValueEnum>::from_str(name.trim(), true).map_err(|_| {
            format!("`{name}` is not a class: retail, professional, institutional (or all)")
        })?;
        list.push(InvestorClass::from(class));
    }
    Ok(Setting::Set(list))
}

fn jurisdiction(text: &str) -> Result<Setting<String>, String> {
    Setting::parse(text, input::jurisdiction)
}

fn lockup(text: &str) -> Result<Setting<u64>, String> {
    Setting::parse(text, human::parse_date)
}

fn holders(text: &str) -> Result<Setting<u32>, String> {
    Setting::parse(text, |t| {
        t.parse::<u32>()
            .map_err(|_| format!("`{t}` is not a number of holders"))
    })
}

fn amount(text: &str) -> Result<Setting<TokenAmount>, String> {
    Setting::parse(text, human::parse_token_amount)
}

/// The distribution terms of the plan. On `update-plan` each flag replaces its part and the
/// others stay; `none` (or `all` for --classes) clears a part; `--no-terms` removes them.
#[derive(Debug, Args)]
pub struct TermsArgs {
    /// Investor classes admitted, comma-separated: retail, professional, institutional (`all`:
    /// every class; an eligibility statement is needed all the same).
    #[arg(long, value_name = "CLASS,...", value_parser = classes)]
    pub classes: Option<Setting<Vec<InvestorClass>>>,
    /// A jurisdiction whose holders are refused, ISO 3166-1 alpha-2 (repeat; `none` clears).
    #[arg(long, value_name = "CODE", value_parser = jurisdiction)]
    pub exclude_jurisdiction: Vec<Setting<String>>,
    /// No transfer between holders before this date (mints, orders and burns are not held;
    /// `none` clears).
    #[arg(long, value_name = "DATE", value_parser = lockup)]
    pub lockup_until: Option<Setting<u64>>,
    /// Most distinct holders with a balance (`none` clears).
    #[arg(long, value_name = "N", value_parser = holders)]
    pub max_holders: Option<Setting<u32>>,
    /// Most one holder may hold over all its accounts, in whole token units (`none` clears).
    #[arg(long, value_name = "AMOUNT", value_parser = amount)]
    pub max_balance: Option<Setting<TokenAmount>>,
    /// Most that may leave one holder per period: AMOUNT/PERIOD in whole token units and a
    /// duration or seconds (e.g. 1000/30d; `none` clears).
    #[arg(long, value_name = "AMOUNT/PERIOD", value_parser = outflow)]
    pub max_outflow: Option<Setting<Outflow>>,
    /// No distribution terms: the token moves to anyone.
    #[arg(long, conflicts_with_all = ["classes", "exclude_jurisdiction", "lockup_until",
        "max_holders", "max_balance", "max_outflow"])]
    pub no_terms: bool,
}

/// The argument ids of [`TermsArgs`], for the groups of the commands that flatten it.
pub const TERMS_ARGS: [&str; 7] = [
    "classes",
    "exclude_jurisdiction",
    "lockup_until",
    "max_holders",
    "max_balance",
    "max_outflow",
    "no_terms",
];

impl TermsArgs {
    fn given(&self) -> bool {
        self.no_terms
            || self.classes.is_some()
            || !self.exclude_jurisdiction.is_empty()
            || self.lockup_until.is_some()
            || self.max_holders.is_some()
            || self.max_balance.is_some()
            || self.max_outflow.is_some()
    }

    /// The terms after these flags, starting from `current`: `None` when no flag is given
    /// (unchanged). Amounts use the token's `decimals`; the result is checked as the registry
    /// checks it (exit 2).
    pub fn apply(
        &self,
        current: Option<&DistributionTerms>,
        decimals: u8,
    ) -> Res<Option<Option<DistributionTerms>>> {
        if !self.given() {
            return Ok(None);
        }
        if self.no_terms {
            return Ok(Some(None));
        }
        let mut t = current.cloned().unwrap_or_default();
        if let Some(c) = &self.classes {
            t.classes = value(c).cloned();
        }
        if !self.exclude_jurisdiction.is_empty() {
            t.excluded_jurisdictions = self
                .exclude_jurisdiction
                .iter()
                .filter_map(|j| value(j).cloned())
                .collect();
        }
        if let Some(l) = &self.lockup_until {
            t.lockup_until = value(l).map(|s| Timestamp::from_seconds(*s));
        }
        if let Some(h) = &self.max_holders {
            t.max_holders = value(h).copied();
        }
        if let Some(b) = &self.max_balance {
            t.max_balance = match value(b) {
                Some(a) => Some(Uint128::new(base_units("--max-balance", a, decimals)?)),
                None => None,
            };
        }
        if let Some(o) = &self.max_outflow {
            t.max_outflow = match value(o) {
                Some(o) => Some(OutflowLimit {
                    amount: Uint128::new(base_units("--max-outflow", &o.amount, decimals)?),
                    period_seconds: o.period,
                }),
                None => None,
            };
        }
        t.validate()
            .map_err(|e| Fail::usage(format!("{}.", capitalized(&e.to_string()))))?;
        Ok(Some(Some(t)))
    }
}

fn value<T>(s: &Setting<T>) -> Option<&T> {
    match s {
        Setting::Clear => None,
        Setting::Set(v) => Some(v),
    }
}

#[derive(Debug, Args)]
pub struct ExecuteOrder {
    /// The order's digest (as attested by the order oracle).
    #[arg(value_parser = input::digest)]
    pub order: String,
}

#[derive(Debug, Args)]
pub struct Recover {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// The lost account: its whole balance moves, and it never receives again.
    #[arg(long)]
    pub lost: String,
    /// The holder's new account, attested eligible for the same holder id.
    #[arg(long)]
    pub replacement: String,
}

pub fn execute_order(ctx: &mut Ctx, a: &ExecuteOrder) -> Res<Output> {
    let order = ctx.read(&format!("order {}", a.order), |r| r.order(&a.order))?;
    let record = ctx.read(&format!("asset {}", order.asset), |r| r.asset(&order.asset))?;
    let (token_address, token) = ctx.asset_token(&record)?;
    let what = format!(
        "{} {} of asset {} from {} to {}",
        format_units(order.amount.u128(), token.decimals),
        token.symbol,
        order.asset,
        order.from,
        order.to
    );
    let from = order.from.to_string();
    let held = ctx.read_token(&token_address, &format!("the balance of {from}"), |t| {
        t.balance(&from)
    })?;
    if order.executed_at.is_none() && held < order.amount.u128() {
        return Err(Fail::usage(format!(
            "Order {} moves {what}, but {from} holds only {} {}: nothing was sent.",
            a.order,
            format_units(held, token.decimals),
            token.symbol
        )));
    }
    let msg = ExecuteMsg::ExecuteOrder {
        order: a.order.clone(),
    };
    let doing = format!("carry out order {}", a.order);
    let sent = ctx.send_registry(&doing, &msg, &[])?;
    let (mut value, text) = sent.report(
        "execute-order",
        &format!(
            "Order {} carried out: moved {what}. It can never be carried out again.",
            a.order
        ),
    );
    value["order"] = json!(a.order);
    value["asset"] = json!(order.asset);
    value["amount"] = json!(order.amount);
    Ok((value, text))
}

pub fn recover(ctx: &mut Ctx, a: &Recover) -> Res<Output> {
    let lost = ctx.check_address("the lost account", &a.lost)?;
    let replacement = ctx.check_address("the replacement account", &a.replacement)?;
    let record = ctx.read(&format!("asset {}", a.asset), |r| r.asset(&a.asset))?;
    let (_, token) = ctx.asset_token(&record)?;
    let msg = ExecuteMsg::RecoverAccount {
        asset: a.asset.clone(),
        lost: lost.clone(),
        replacement: replacement.clone(),
    };
    let doing = format!("recover {lost} of asset {} to {replacement}", a.asset);
    let sent = ctx.send_registry(&doing, &msg, &["amount", "holder"])?;
    let moved = sent
        .attr("amount")
        .and_then(|m| m.parse::<u128>().ok())
        .map(|m| format!("{} {}", format_units(m, token.decimals), token.symbol))
        .unwrap_or_else(|| "?".into());
    let (mut value, text) = sent.report(
        "recover",
        &format!(
            "Recovered {moved} of asset {} from {lost} to {replacement} (same holder); {lost} \
             never receives again.",
            a.asset
        ),
    );
    value["lost"] = json!(lost);
    value["replacement"] = json!(replacement);
    value["decimals"] = json!(token.decimals);
    Ok((value, text))
}

/// The terms as the issuer commands report them: words and JSON.
pub fn terms_report(
    terms: Option<&DistributionTerms>,
    decimals: u8,
    symbol: &str,
) -> (String, serde_json::Value) {
    (terms_words(terms, decimals, symbol), terms_json(terms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> TermsArgs {
        TermsArgs {
            classes: None,
            exclude_jurisdiction: vec![],
            lockup_until: None,
            max_holders: None,
            max_balance: None,
            max_outflow: None,
            no_terms: false,
        }
    }

    #[test]
    fn each_flag_replaces_its_part_and_none_clears_it() {
        assert_eq!(none().apply(None, 6).unwrap(), None);
        let mut args = none();
        args.classes = Some(classes("professional,institutional").unwrap());
        args.exclude_jurisdiction = vec![jurisdiction("us").unwrap()];
        args.max_outflow = Some(outflow("1.5/30d").unwrap());
        let first = args.apply(None, 6).unwrap().flatten().unwrap();
        assert_eq!(first.excluded_jurisdictions, ["US"]);
        let limit = first.max_outflow.unwrap();
        assert_eq!(
            (limit.amount.u128(), limit.period_seconds),
            (1_500_000, 30 * 86_400)
        );
        let mut change = none();
        change.classes = Some(classes("all").unwrap());
        change.max_outflow = Some(outflow("none").unwrap());
        change.max_holders = Some(holders("10").unwrap());
        let second = change.apply(Some(&first), 6).unwrap().flatten().unwrap();
        assert_eq!(second.classes, None);
        assert_eq!(second.max_outflow, None);
        assert_eq!(second.max_holders, Some(10));
        assert_eq!(
            second.excluded_jurisdictions,
            ["US"],
            "untouched part stays"
        );
        let mut zero = none();
        zero.max_holders = Some(holders("0").unwrap());
        let fail = zero.apply(None, 6).unwrap_err();
        assert_eq!(fail.code, crate::error::EXIT_USAGE);
        assert!(fail.message.contains("above zero"), "{}", fail.message);
        let mut remove = none();
        remove.no_terms = true;
        assert_eq!(remove.apply(Some(&second), 6).unwrap(), Some(None));
    }
}
