//! `rwa-gate issuer`: an issuer's work: entities, assets, plans, reports, minters, mints.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use cosmwasm_std::Uint128;
use rwa_gate::registry::{ExecuteMsg, TokenSpec};
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate::{IssuancePlan, PartyRole, RelatedParty};
use serde_json::{json, Value};

use crate::commands::denials::denial_flags;
use crate::commands::oracle::EvidenceArgs;
use crate::context::{file_digest, Ctx, Sent};
use crate::error::{Fail, Res, EXIT_DENIED};
use crate::human;
use crate::render::denial::denials;
use crate::render::{merge, Output};

#[derive(Debug, Subcommand)]
pub enum IssuerCommand {
    /// Register an entity (a filing entity or a related party) under your issuer account.
    RegisterEntity(RegisterEntity),
    /// Register an asset and instantiate its gated token.
    RegisterAsset(RegisterAsset),
    /// Change the plan (maximum supply and/or materials): every earlier filing stops counting.
    UpdatePlan(UpdatePlan),
    /// R2: report a significant matter; issuance stops until a newer filing.
    Report(Report),
    /// Name a minter of the asset.
    AddMinter(AddMinter),
    /// Mint through the gated token. Asks check_issuance first: when the gate denies, prints
    /// every reason and sends nothing.
    Mint(Mint),
}

#[derive(Debug, Args)]
pub struct RegisterEntity {
    /// Entity id (1-64 of a-z, 0-9, '.', '_', '-').
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
    pub id: String,
    /// The entity that files with the CSRC (registered with register-entity).
    #[arg(long)]
    pub filing_entity: String,
    /// A related party, ENTITY:ROLE (repeat).
    #[arg(long = "party", value_parser = party)]
    pub parties: Vec<Party>,
    /// Maximum supply of the plan.
    #[arg(long, value_parser = human::parse_amount)]
    pub max_supply: u128,
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
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true).args(["max_supply", "materials"])))]
pub struct UpdatePlan {
    /// Asset id.
    pub asset: String,
    /// New maximum supply [default: unchanged].
    #[arg(long, value_parser = human::parse_amount)]
    pub max_supply: Option<u128>,
    /// New issuance materials [default: unchanged digest].
    #[arg(long)]
    pub materials: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct Report {
    /// Asset id.
    pub asset: String,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
}

#[derive(Debug, Args)]
pub struct AddMinter {
    /// Asset id.
    pub asset: String,
    /// Address of the minter.
    pub minter: String,
}

#[derive(Debug, Args)]
pub struct Mint {
    /// Asset id.
    pub asset: String,
    /// Whole token units.
    #[arg(long, value_parser = human::parse_amount)]
    pub amount: u128,
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

fn register_asset(ctx: &mut Ctx, a: &RegisterAsset) -> Res<Output> {
    let digest = file_digest(&a.materials)?;
    let msg = ExecuteMsg::RegisterAsset {
        id: a.id.clone(),
        filing_entity: a.filing_entity.clone(),
        related_parties: a.parties.iter().map(related_party).collect(),
        plan: IssuancePlan {
            max_supply: Uint128::new(a.max_supply),
            materials_digest: digest.clone(),
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
    let (mut value, text) = sent.report(
        "register-asset",
        &format!(
            "Asset {} registered (plan version 0: maximum supply {}, materials sha256 \
             {digest}); its token {} is {}.",
            a.id,
            a.max_supply,
            a.symbol,
            token.as_deref().unwrap_or("?")
        ),
    );
    value["token"] = json!(token);
    value["plan_digest"] = json!(digest);
    Ok((value, text))
}

fn update_plan(ctx: &mut Ctx, a: &UpdatePlan) -> Res<Output> {
    let record = ctx.read(&format!("asset {}", a.asset), |r| r.asset(&a.asset))?;
    let plan = IssuancePlan {
        max_supply: a
            .max_supply
            .map(Uint128::new)
            .unwrap_or(record.plan.max_supply),
        materials_digest: match &a.materials {
            Some(path) => file_digest(path)?,
            None => record.plan.materials_digest.clone(),
        },
    };
    let msg = ExecuteMsg::UpdatePlan {
        asset: a.asset.clone(),
        plan: plan.clone(),
    };
    let doing = format!("update the plan of asset {}", a.asset);
    let sent = ctx.send_registry(&doing, &msg, &[])?;
    Ok(sent.report(
        "update-plan",
        &format!(
            "Plan of asset {} is now version {}: maximum supply {}, materials sha256 {}. \
             Every earlier Filing attestation has stopped counting.",
            a.asset,
            record.plan_version + 1,
            plan.max_supply,
            plan.materials_digest
        ),
    ))
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

fn mint(ctx: &mut Ctx, a: &Mint) -> Res<Output> {
    let me = ctx.address()?;
    let to = a.to.clone().unwrap_or_else(|| me.clone());
    let record = ctx.read(&format!("asset {}", a.asset), |r| r.asset(&a.asset))?;
    let token = record
        .token
        .as_ref()
        .map(|t| t.to_string())
        .ok_or_else(|| Fail::error(format!("Asset {} has no token recorded.", a.asset)))?;
    let decision = ctx.read(&format!("check_issuance of asset {}", a.asset), |r| {
        r.check_issuance(&a.asset, a.amount, Some(&me))
    })?;
    if !decision.allowed {
        let now = ctx.now()?;
        let flags = denial_flags(ctx, &decision);
        let (reasons, lines) = denials(&a.asset, &decision.reasons, now, &flags);
        return Err(mint_denied(ctx, a, &to, reasons, &lines));
    }
    let msg = TokenMsg::Mint {
        recipient: to.clone(),
        amount: Uint128::new(a.amount),
    };
    let doing = format!("mint {} of asset {} to {to}", a.amount, a.asset);
    let sent = ctx.send_token(&doing, &token, &msg, &["minted", "filings", "screenings"])?;
    let relying = format!(
        "relying on filing attestations {:?} and screening attestations {:?}",
        decision.filings, decision.screenings
    );
    let (mut value, text) = match &sent {
        Sent::Simulated { gas } => (
            json!({"ok": true, "action": "mint", "dry_run": true, "allowed": true,
                   "would_succeed": true, "gas_estimate": gas}),
            format!(
                "Dry run: the gate allows minting {} of asset {} to {to} (cap {}), {relying}; \
                 gas estimate {gas}. Nothing was sent.",
                a.amount, a.asset, decision.cap
            ),
        ),
        Sent::Delivered { .. } => sent.report(
            "mint",
            &format!(
                "Minted {} of asset {} to {to}, {relying}; minted so far {} of cap {}.",
                a.amount,
                a.asset,
                sent.attr("minted").unwrap_or("?"),
                decision.cap
            ),
        ),
    };
    let fields = json!({"allowed": true, "sent": sent.delivered(), "asset": a.asset,
        "token": token, "recipient": to, "amount": a.amount.to_string(), "cap": decision.cap,
        "filings": decision.filings, "screenings": decision.screenings});
    merge(&mut value, fields);
    Ok((value, text))
}

/// The failure of a mint the gate denies: every reason, and nothing sent.
fn mint_denied(ctx: &Ctx, a: &Mint, to: &str, reasons: Vec<Value>, lines: &[String]) -> Fail {
    let message = format!(
        "The gate denies minting {} of asset {} to {to}, so nothing was sent. Every reason:\n{}",
        a.amount,
        a.asset,
        lines.join("\n")
    );
    Fail::new(EXIT_DENIED, message)
        .with("allowed", json!(false))
        .with("sent", json!(false))
        .with("asset", json!(a.asset))
        .with("amount", json!(a.amount.to_string()))
        .with("reasons", Value::Array(reasons))
        .with("dry_run", json!(ctx.global.dry_run))
}
