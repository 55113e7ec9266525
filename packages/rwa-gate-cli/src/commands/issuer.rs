//! `rwa-gate issuer`: an issuer's work: entities, assets, plans, reports, minters, mints; the
//! plan's distribution terms, orders and recoveries (in `holders`).

mod holders;

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use cosmwasm_std::Uint128;
use rwa_gate::registry::{ExecuteMsg, TokenSpec};
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate::{Approval, IssuancePlan, PartyRole, RelatedParty};
use serde_json::{json, Value};

use crate::commands::denials::denial_flags;
use crate::commands::oracle::EvidenceArgs;
use crate::context::{file_digest, Ctx, Sent};
use crate::error::{Fail, Res, EXIT_DENIED};
use crate::human::{self, format_units, TokenAmount};
use crate::input;
use crate::render::denial::denials;
use crate::render::{merge, Output};

#[derive(Debug, Subcommand)]
pub enum IssuerCommand {
    /// Register an entity (a filing entity or a related party) under your issuer account.
    RegisterEntity(RegisterEntity),
    /// Register an asset and instantiate its gated token.
    RegisterAsset(Box<RegisterAsset>),
    /// Change the plan (maximum supply, materials, distribution terms): every earlier filing
    /// stops counting, unless the change only narrows the terms (in force at once).
    UpdatePlan(Box<UpdatePlan>),
    /// R2: report a significant matter; issuance stops until a newer filing.
    Report(Report),
    /// Name a minter of the asset.
    AddMinter(AddMinter),
    /// Mint through the gated token. Asks check_issuance first (and, under distribution terms,
    /// whether the recipient may hold): when either denies, prints every reason and sends
    /// nothing.
    Mint(Mint),
    /// Remove a minter of the asset.
    RemoveMinter(AddMinter),
    /// Retire the asset for good: no further issuance (holders keep their tokens; asks unless
    /// --yes).
    RetireAsset(RetireAsset),
    /// Replace the asset's related parties (screenings of the old set stop counting).
    SetParties(SetParties),
    /// Let up to LIMIT live assets of ISSUER name ENTITY as a related party (0 withdraws).
    SetLinkAllowance(SetLinkAllowance),
    /// Carry out an order attested by an order oracle (once; the receiver must be eligible).
    ExecuteOrder(holders::ExecuteOrder),
    /// Move a lost account's whole balance to its holder's replacement account.
    Recover(holders::Recover),
}

#[derive(Debug, Args)]
pub struct RetireAsset {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
}

#[derive(Debug, Args)]
pub struct SetParties {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// A related party, ENTITY:ROLE (repeat; none leaves the filing entity alone).
    #[arg(long = "party", value_parser = party)]
    pub parties: Vec<Party>,
}

#[derive(Debug, Args)]
pub struct SetLinkAllowance {
    /// Entity id (registered by you, or any entity for the owner).
    #[arg(value_parser = input::entity_id)]
    pub entity: String,
    /// The issuer whose assets may name the entity.
    #[arg(long)]
    pub issuer: String,
    /// How many of its live assets may (0 withdraws the allowance).
    #[arg(long)]
    pub limit: u32,
}

#[derive(Debug, Args)]
pub struct RegisterEntity {
    /// Entity id (1-64 of a-z, 0-9, '.', '_', '-').
    #[arg(value_parser = input::entity_id)]
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Role {
    /// Holds a controlling share of the filing entity.
    ControllingShareholder,
    /// Controls the filing entity in the end.
    UltimateController,
    /// Any other related party.
    Other,
}

/// `entity:role`, e.g. `holdco:controlling-shareholder`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub entity: String,
    pub role: Role,
}

fn party(text: &str) -> Result<Party, String> {
    let (entity, role) = text.split_once(':').ok_or_else(|| {
        format!(
            "`{text}`: write ENTITY:ROLE with ROLE controlling-shareholder, ultimate-controller \
             or other"
        )
    })?;
    input::entity_id(entity)?;
    let role = Role::from_str(role, true).map_err(|_| {
        format!("`{role}` is not a role: controlling-shareholder, ultimate-controller or other")
    })?;
    Ok(Party {
        entity: entity.to_string(),
        role,
    })
}

#[derive(Debug, Args)]
pub struct RegisterAsset {
    /// Asset id (1-64 of a-z, 0-9, '.', '_', '-').
    #[arg(value_parser = input::asset_id)]
    pub id: String,
    /// The entity that files with the CSRC (registered with register-entity).
    #[arg(long, value_parser = input::entity_id)]
    pub filing_entity: String,
    /// A related party, ENTITY:ROLE (repeat).
    #[arg(long = "party", value_parser = party)]
    pub parties: Vec<Party>,
    /// Maximum supply of the plan, in whole token units (decimals allowed, e.g. 1000.5).
    #[arg(long, value_parser = human::parse_token_amount)]
    pub max_supply: TokenAmount,
    /// The issuance materials: their sha256 is the plan digest.
    #[arg(long)]
    pub materials: PathBuf,
    /// Token name (3-50 characters).
    #[arg(long)]
    pub name: String,
    /// Token symbol (3-12 letters or '-').
    #[arg(long)]
    pub symbol: String,
    /// Decimals of the token (at most 18).
    #[arg(long, default_value_t = 6)]
    pub decimals: u8,
    /// R3: an approval of another authority the asset needs (repeat): cross-border-investment,
    /// foreign-exchange, data-security. Issuance waits until each is attested.
    #[arg(long = "approval", value_parser = input::approval)]
    pub approvals: Vec<Approval>,
    #[command(
        flatten,
        next_help_heading = "Distribution terms [default: none, anyone may hold]"
    )]
    pub terms: holders::TermsArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true)
    .args(["max_supply", "materials", "approvals", "no_approvals"]).args(holders::TERMS_ARGS)))]
pub struct UpdatePlan {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// New maximum supply, in whole token units [default: unchanged].
    #[arg(long, value_parser = human::parse_token_amount)]
    pub max_supply: Option<TokenAmount>,
    /// New issuance materials [default: unchanged digest].
    #[arg(long)]
    pub materials: Option<PathBuf>,
    /// R3: the approvals the asset needs, in place of the plan's (repeat) [default: unchanged].
    #[arg(long = "approval", value_parser = input::approval, conflicts_with = "no_approvals")]
    pub approvals: Vec<Approval>,
    /// R3: the asset needs no approval of another authority any more.
    #[arg(long)]
    pub no_approvals: bool,
    #[command(flatten, next_help_heading = "Distribution terms [default: unchanged]")]
    pub terms: holders::TermsArgs,
}

#[derive(Debug, Args)]
pub struct Report {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
}

#[derive(Debug, Args)]
pub struct AddMinter {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// Address of the minter.
    pub minter: String,
}

#[derive(Debug, Args)]
pub struct Mint {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// Amount in whole token units, decimals allowed (1.5 of a 6-decimal token is 1500000
    /// base units).
    #[arg(long, value_parser = human::parse_token_amount)]
    pub amount: TokenAmount,
    /// Recipient address [default: the signing key's].
    #[arg(long)]
    pub to: Option<String>,
}

pub fn exec(ctx: &mut Ctx, cmd: &IssuerCommand) -> Res<Output> {
    match cmd {
        IssuerCommand::RegisterEntity(a) => register_entity(ctx, a),
        IssuerCommand::RegisterAsset(a) => register_asset(ctx, a),
        IssuerCommand::UpdatePlan(a) => update_plan(ctx, a),
        IssuerCommand::Report(a) => report(ctx, a),
        IssuerCommand::AddMinter(a) => add_minter(ctx, a),
        IssuerCommand::Mint(a) => mint(ctx, a),
        IssuerCommand::RemoveMinter(a) => remove_minter(ctx, a),
        IssuerCommand::RetireAsset(a) => retire_asset(ctx, &a.asset),
        IssuerCommand::SetParties(a) => set_parties(ctx, a),
        IssuerCommand::SetLinkAllowance(a) => set_link_allowance(ctx, a),
        IssuerCommand::ExecuteOrder(a) => holders::execute_order(ctx, a),
        IssuerCommand::Recover(a) => holders::recover(ctx, a),
    }
}

fn related_party(p: &Party) -> RelatedParty {
    RelatedParty {
        entity: p.entity.clone(),
        role: match p.role {
            Role::ControllingShareholder => PartyRole::ControllingShareholder,
            Role::UltimateController => PartyRole::UltimateController,
            Role::Other => PartyRole::Other,
        },
    }
}

fn register_entity(ctx: &mut Ctx, a: &RegisterEntity) -> Res<Output> {
    let msg = ExecuteMsg::RegisterEntity { id: a.id.clone() };
    let sent = ctx.send_registry(&format!("register entity {}", a.id), &msg, &[])?;
    Ok(sent.report("register-entity", &format!("Entity {} registered.", a.id)))
}

/// Each approval once, in the order first given.
fn distinct(approvals: &[Approval]) -> Vec<Approval> {
    let mut list: Vec<Approval> = Vec::new();
    for a in approvals {
        if !list.contains(a) {
            list.push(*a);
        }
    }
    list
}

/// The plan's R3 approvals in words: `none`, `foreign-exchange, data-security`.
fn approvals_words(approvals: &[Approval]) -> String {
    if approvals.is_empty() {
        return "none".into();
    }
    let names: Vec<String> = approvals
        .iter()
        .map(|a| a.as_str().replace('_', "-"))
        .collect();
    names.join(", ")
}

/// An amount in token units as base units of a token of `decimals` (exit 2 when it has more
/// decimal places than the token).
pub fn base_units(what: &str, amount: &TokenAmount, decimals: u8) -> Res<u128> {
    amount
        .base_units(decimals)
        .map_err(|e| Fail::usage(format!("{what} {e}.")))
}

fn register_asset(ctx: &mut Ctx, a: &RegisterAsset) -> Res<Output> {
    rwa_gate::validate::token_info(&a.name, &a.symbol, a.decimals)
        .map_err(|e| Fail::usage(format!("{}.", crate::context::capitalized(&e.to_string()))))?;
    for p in &a.parties {
        if p.entity == a.filing_entity {
            return Err(Fail::usage(format!(
                "{} is the filing entity: it cannot also be a related party.",
                p.entity
            )));
        }
    }
    let max_supply = base_units("--max-supply", &a.max_supply, a.decimals)?;
    let terms = a.terms.apply(None, a.decimals)?.flatten();
    let digest = file_digest(&a.materials)?;
    let msg = ExecuteMsg::RegisterAsset {
        id: a.id.clone(),
        filing_entity: a.filing_entity.clone(),
        related_parties: a.parties.iter().map(related_party).collect(),
        plan: IssuancePlan {
            approvals: distinct(&a.approvals),
            max_supply: Uint128::new(max_supply),
            materials_digest: digest.clone(),
            terms: terms.clone().map(Box::new),
        },
        token: TokenSpec {
            name: a.name.clone(),
            symbol: a.symbol.clone(),
            decimals: a.decimals,
        },
    };
    let sent = ctx.send_registry(&format!("register asset {}", a.id), &msg, &[])?;
    let token = match &sent {
        Sent::Delivered { outcome, .. } => outcome
            .event_attr("instantiate", "_contract_address")
            .map(str::to_string),
        Sent::Simulated { .. } => None,
    };
    let (terms_words, terms_json) = holders::terms_report(terms.as_ref(), a.decimals, &a.symbol);
    let (mut value, text) = sent.report(
        "register-asset",
        &format!(
            "Asset {} registered (plan version 0: maximum supply {} {}, materials sha256 \
             {digest}; distribution terms: {terms_words}; R3 approvals needed: {}); its token {} \
             is {}.",
            a.id,
            a.max_supply.text,
            a.symbol,
            approvals_words(&distinct(&a.approvals)),
            a.symbol,
            token.as_deref().unwrap_or("?")
        ),
    );
    value["terms"] = terms_json;
    value["approvals"] = json!(distinct(&a.approvals));
    value["token"] = json!(token);
    value["plan_digest"] = json!(digest);
    value["max_supply"] = json!(max_supply.to_string());
    value["decimals"] = json!(a.decimals);
    Ok((value, text))
}

fn update_plan(ctx: &mut Ctx, a: &UpdatePlan) -> Res<Output> {
    let record = ctx.read(&format!("asset {}", a.asset), |r| r.asset(&a.asset))?;
    let (_, info) = ctx.asset_token(&record)?;
    let max_supply = match &a.max_supply {
        Some(amount) => Uint128::new(base_units("--max-supply", amount, info.decimals)?),
        None => record.plan.max_supply,
    };
    let terms = a.terms.apply(record.plan.terms.as_deref(), info.decimals)?;
    let approvals = match (a.no_approvals, a.approvals.is_empty()) {
        (true, _) => vec![],
        (false, true) => record.plan.approvals.clone(),
        (false, false) => distinct(&a.approvals),
    };
    let plan = IssuancePlan {
        approvals,
        max_supply,
        materials_digest: match &a.materials {
            Some(path) => file_digest(path)?,
            None => record.plan.materials_digest.clone(),
        },
        terms: terms.map_or_else(|| record.plan.terms.clone(), |t| t.map(Box::new)),
    };
    let msg = ExecuteMsg::UpdatePlan {
        asset: a.asset.clone(),
        plan: plan.clone(),
    };
    let doing = format!("update the plan of asset {}", a.asset);
    let sent = ctx.send_registry(&doing, &msg, &["plan_version", "terms_pending"])?;
    let version: Option<u64> = sent.attr("plan_version").and_then(|v| v.parse().ok());
    let pending = sent.attr("terms_pending") == Some("true");
    let (words, terms_json) =
        holders::terms_report(plan.terms.as_deref(), info.decimals, &info.symbol);
    let filing = if version == Some(record.plan_version) {
        "The change only narrows the terms: in force now, and the filing still counts."
    } else {
        "Every earlier Filing attestation has stopped counting."
    };
    let pending_words = if pending {
        " What the new terms admit beyond the old ones waits for a Filing of this plan; the \
         token meanwhile enforces what both admit."
    } else {
        ""
    };
    let (mut value, text) = sent.report(
        "update-plan",
        &format!(
            "Plan of asset {} is now version {}: maximum supply {} {}, materials sha256 {}, \
             distribution terms: {words}, R3 approvals needed: {}. {filing}{pending_words}",
            a.asset,
            version.map_or("?".into(), |v| v.to_string()),
            format_units(plan.max_supply.u128(), info.decimals),
            info.symbol,
            plan.materials_digest,
            approvals_words(&plan.approvals)
        ),
    );
    value["terms"] = terms_json;
    value["approvals"] = json!(plan.approvals);
    Ok((value, text))
}

fn report(ctx: &mut Ctx, a: &Report) -> Res<Output> {
    let msg = ExecuteMsg::ReportSignificantMatter {
        asset: a.asset.clone(),
        evidence: a.evidence.record()?,
    };
    let doing = format!("report a significant matter on asset {}", a.asset);
    let sent = ctx.send_registry(&doing, &msg, &["report"])?;
    Ok(sent.report(
        "report",
        &format!(
            "Significant matter reported on asset {}: issuance stops until a newer Filing \
             attestation.",
            a.asset
        ),
    ))
}

fn add_minter(ctx: &mut Ctx, a: &AddMinter) -> Res<Output> {
    ctx.check_address("the minter", &a.minter)?;
    let msg = ExecuteMsg::AddMinter {
        asset: a.asset.clone(),
        minter: a.minter.clone(),
    };
    let doing = format!("add {} as a minter of asset {}", a.minter, a.asset);
    let sent = ctx.send_registry(&doing, &msg, &[])?;
    Ok(sent.report(
        "add-minter",
        &format!("{} may now mint asset {}.", a.minter, a.asset),
    ))
}

fn remove_minter(ctx: &mut Ctx, a: &AddMinter) -> Res<Output> {
    ctx.check_address("the minter", &a.minter)?;
    let msg = ExecuteMsg::RemoveMinter {
        asset: a.asset.clone(),
        minter: a.minter.clone(),
    };
    let doing = format!("remove {} as a minter of asset {}", a.minter, a.asset);
    let sent = ctx.send_registry(&doing, &msg, &[])?;
    Ok(sent.report(
        "remove-minter",
        &format!("{} may no longer mint asset {}.", a.minter, a.asset),
    ))
}

fn retire_asset(ctx: &mut Ctx, asset: &str) -> Res<Output> {
    if !ctx.global.dry_run {
        ctx.confirm(&format!(
            "Retire asset {asset} for good (no further issuance, ever)?"
        ))?;
    }
    let msg = ExecuteMsg::RetireAsset {
        asset: asset.to_string(),
    };
    let sent = ctx.send_registry(&format!("retire asset {asset}"), &msg, &[])?;
    Ok(sent.report(
        "retire-asset",
        &format!("Asset {asset} retired: no further issuance; holders keep their tokens."),
    ))
}

fn set_parties(ctx: &mut Ctx, a: &SetParties) -> Res<Output> {
    let msg = ExecuteMsg::UpdateRelatedParties {
        asset: a.asset.clone(),
        related_parties: a.parties.iter().map(related_party).collect(),
    };
    let doing = format!("replace the related parties of asset {}", a.asset);
    let sent = ctx.send_registry(&doing, &msg, &[])?;
    let names: Vec<&str> = a.parties.iter().map(|p| p.entity.as_str()).collect();
    let (mut value, text) = sent.report(
        "set-parties",
        &format!(
            "Related parties of asset {} are now: {}. Screenings of the earlier set stop \
             counting; an oracle must screen the new set.",
            a.asset,
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ),
    );
    value["related_parties"] = json!(names);
    Ok((value, text))
}

fn set_link_allowance(ctx: &mut Ctx, a: &SetLinkAllowance) -> Res<Output> {
    ctx.check_address("the issuer", &a.issuer)?;
    let msg = ExecuteMsg::SetLinkAllowance {
        entity: a.entity.clone(),
        issuer: a.issuer.clone(),
        limit: a.limit,
    };
    let doing = format!(
        "set the link allowance of entity {} for {}",
        a.entity, a.issuer
    );
    let sent = ctx.send_registry(&doing, &msg, &[])?;
    Ok(sent.report(
        "set-link-allowance",
        &format!(
            "Up to {} live assets of {} may now name entity {} as a related party.",
            a.limit, a.issuer, a.entity
        ),
    ))
}

/// A mint as asked: the asset, its token, the amount in base units and as written.
struct MintRequest<'a> {
    args: &'a Mint,
    token: String,
    symbol: String,
    decimals: u8,
    amount: u128,
    to: String,
}

impl MintRequest<'_> {
    /// `1.5 BOND`.
    fn units(&self, base: u128) -> String {
        format!("{} {}", format_units(base, self.decimals), self.symbol)
    }
}

fn mint(ctx: &mut Ctx, a: &Mint) -> Res<Output> {
    if let Some(to) = &a.to {
        ctx.check_address("the recipient", to)?;
    }
    let me = ctx.address()?;
    let record = ctx.read(&format!("asset {}", a.asset), |r| r.asset(&a.asset))?;
    let (token, info) = ctx.asset_token(&record)?;
    let request = MintRequest {
        args: a,
        amount: base_units("--amount", &a.amount, info.decimals)?,
        to: a.to.clone().unwrap_or_else(|| me.clone()),
        token,
        symbol: info.symbol,
        decimals: info.decimals,
    };
    // The issuance rule and, for this recipient, the holder rule: what the token's mint runs.
    let decision = ctx.read(&format!("check_issuance of asset {}", a.asset), |r| {
        r.check_mint(&a.asset, request.amount, &me, &request.to)
    })?;
    if !decision.allowed {
        let now = ctx.now()?;
        let flags = denial_flags(ctx, &decision);
        let (reasons, lines) = denials(&a.asset, &decision.reasons, now, &flags);
        return Err(mint_denied(ctx, &request, reasons, &lines));
    }
    let msg = TokenMsg::Mint {
        recipient: request.to.clone(),
        amount: Uint128::new(request.amount),
    };
    let what = format!(
        "{} of asset {} to {}",
        request.units(request.amount),
        a.asset,
        request.to
    );
    let keys = ["minted", "filings", "screenings"];
    let sent = ctx.send_token(&format!("mint {what}"), &request.token, &msg, &keys)?;
    let relying = format!(
        "relying on filing attestations {:?} and screening attestations {:?}",
        decision.filings, decision.screenings
    );
    let cap = request.units(decision.cap.u128());
    let (mut value, text) = match &sent {
        Sent::Simulated { gas } => (
            json!({"ok": true, "action": "mint", "dry_run": true, "allowed": true,
                   "would_succeed": true, "gas_estimate": gas}),
            format!(
                "Dry run: the gate allows minting {what} (cap {cap}), {relying}; gas estimate \
                 {gas}. Nothing was sent."
            ),
        ),
        Sent::Delivered { .. } => {
            let minted = sent.attr("minted").and_then(|m| m.parse().ok());
            let minted = minted.map(|m| request.units(m)).unwrap_or("?".into());
            let done = format!("Minted {what}, {relying}; minted so far {minted} of cap {cap}.");
            sent.report("mint", &done)
        }
    };
    let fields = json!({"allowed": true, "sent": sent.delivered(), "asset": a.asset,
        "token": request.token, "recipient": request.to, "amount": request.amount.to_string(),
        "decimals": request.decimals, "cap": decision.cap, "filings": decision.filings,
        "screenings": decision.screenings});
    merge(&mut value, fields);
    Ok((value, text))
}

/// The failure of a mint the gate denies: every reason, and nothing sent.
fn mint_denied(ctx: &Ctx, r: &MintRequest, reasons: Vec<Value>, lines: &[String]) -> Fail {
    let a = r.args;
    let message = format!(
        "The gate denies minting {} of asset {} to {}, so nothing was sent. Every reason:\n{}",
        r.units(r.amount),
        a.asset,
        r.to,
        lines.join("\n")
    );
    Fail::new(EXIT_DENIED, message)
        .with("allowed", json!(false))
        .with("sent", json!(false))
        .with("asset", json!(a.asset))
        .with("amount", json!(r.amount.to_string()))
        .with("reasons", Value::Array(reasons))
        .with("dry_run", json!(ctx.global.dry_run))
}
