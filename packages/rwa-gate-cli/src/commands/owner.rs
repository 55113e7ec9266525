//! `rwa-gate owner`: the owner's work: oracles, issuers, parameters, pauses, ownership.

use clap::{Args, Subcommand, ValueEnum};
use rwa_gate::registry::{ExecuteMsg, ParamsUpdate};
use rwa_gate::{Approval, MaxValidity, Scopes};
use serde_json::json;

use crate::commands::deploy::approval_quorum;
use crate::context::Ctx;
use crate::error::Res;
use crate::human;
use crate::input;
use crate::render::Output;

#[derive(Debug, Subcommand)]
pub enum OwnerCommand {
    /// Register an oracle with its scopes.
    AddOracle(AddOracle),
    /// Suspend an oracle: its attestations stop counting (every clearance must be refreshed).
    SuspendOracle(AddressArg),
    /// Approve an issuer.
    ApproveIssuer(AddressArg),
    /// Change quorums, validities or the token code.
    SetParams(SetParams),
    /// Pause issuance of one asset, or of every asset.
    Pause(PauseArgs),
    /// Resume issuance of one asset, or globally.
    Unpause(PauseArgs),
    /// Propose a new owner (step one; the new owner accepts).
    TransferOwnership(AddressArg),
    /// Accept the ownership proposed to the signing key (step two).
    AcceptOwnership,
    /// Withdraw a proposed ownership transfer before it is accepted.
    CancelOwnershipTransfer,
    /// Leave the registry without an owner, for good: parameters and oracles freeze (asks
    /// unless --yes).
    RenounceOwnership,
    /// Remove an oracle: what it attested never counts again, even if it is added back.
    RemoveOracle(AddressArg),
    /// Reactivate a suspended oracle.
    ReactivateOracle(AddressArg),
    /// Replace an oracle's scopes.
    SetScopes(AddOracle),
    /// Revoke an issuer's approval: it registers nothing more.
    RevokeIssuer(AddressArg),
    /// Name the pauser (who may pause issuance), or remove it with --none.
    SetPauser(SetPauser),
    /// Migrate the gated tokens of a page of assets (in id order) to a new code.
    MigrateTokens(MigrateTokens),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("who").required(true).args(["address", "none"])))]
pub struct SetPauser {
    /// Address of the new pauser.
    pub address: Option<String>,
    /// No pauser: only the owner pauses.
    #[arg(long)]
    pub none: bool,
}

#[derive(Debug, Args)]
pub struct MigrateTokens {
    /// Code id to migrate the tokens to (stored beforehand).
    #[arg(long)]
    pub code_id: u64,
    /// Start after this asset id (the last one of the previous page).
    #[arg(long, value_parser = input::asset_id)]
    pub start_after: Option<String>,
    /// Assets in this page (at most 30).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=30))]
    pub limit: Option<u32>,
}

#[derive(Debug, Args)]
pub struct AddressArg {
    /// Account address (wasm1...).
    pub address: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scope {
    /// May attest filings (R1).
    Filing,
    /// May attest screenings (R3-R9) and publish the negative list.
    Screening,
    /// May raise flags and vote to clear them.
    Flags,
    /// May attest and revoke which accounts may hold (the plan's distribution terms).
    Eligibility,
    /// May attest court and regulator orders.
    Orders,
    /// R3: may attest the cross-border investment authorities' approval or filing.
    CrossBorderInvestment,
    /// R3: may attest the foreign-exchange registration.
    ForeignExchange,
    /// R3: may attest the network and data security review.
    DataSecurity,
}

#[derive(Debug, Args)]
pub struct AddOracle {
    /// Address of the oracle.
    pub address: String,
    /// Scopes, comma-separated: filing, screening, flags, eligibility, orders,
    /// cross-border-investment, foreign-exchange, data-security.
    #[arg(long, value_enum, value_delimiter = ',', required = true)]
    pub scopes: Vec<Scope>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("param").required(true).multiple(true)
    .args(["attestation_quorum", "flag_quorum", "filing_validity", "screening_validity",
        "eligibility_validity", "approval_validity", "approval_quorum", "token_code_id"])))]
pub struct SetParams {
    /// Distinct oracles needed per attestation kind.
    #[arg(long)]
    pub attestation_quorum: Option<u32>,
    /// Flag-scoped oracles other than the raiser needed to clear a flag.
    #[arg(long)]
    pub flag_quorum: Option<u32>,
    /// Longest validity of a Filing attestation (e.g. 365d).
    #[arg(long, value_parser = human::parse_duration)]
    pub filing_validity: Option<u64>,
    /// Longest validity of a Screening attestation (e.g. 90d).
    #[arg(long, value_parser = human::parse_duration)]
    pub screening_validity: Option<u64>,
    /// Longest validity of an eligibility statement (e.g. 365d).
    #[arg(long, value_parser = human::parse_duration)]
    pub eligibility_validity: Option<u64>,
    /// Longest validity of an R3 approval attestation (e.g. 365d).
    #[arg(long, value_parser = human::parse_duration)]
    pub approval_validity: Option<u64>,
    /// Distinct oracles needed for one R3 approval, APPROVAL=N (repeat), e.g.
    /// foreign-exchange=2; the others keep theirs.
    #[arg(long, value_parser = input::approval_quorum)]
    pub approval_quorum: Vec<(Approval, u32)>,
    /// Code id of the gated token for assets registered from now on.
    #[arg(long)]
    pub token_code_id: Option<u64>,
}

#[derive(Debug, Args)]
pub struct PauseArgs {
    /// Only this asset [default: all issuance, after a confirmation].
    #[arg(long, value_parser = input::asset_id)]
    pub asset: Option<String>,
}

/// A registry message and its words: the action's name, what is being done (for errors) and
/// the sentence once done.
struct Plan {
    action: &'static str,
    doing: String,
    msg: ExecuteMsg,
    done: String,
}

pub fn exec(ctx: &mut Ctx, cmd: &OwnerCommand) -> Res<Output> {
    check(ctx, cmd)?;
    let plan = match cmd {
        OwnerCommand::AddOracle(a) => add_oracle(a),
        OwnerCommand::SuspendOracle(a) => suspend_oracle(&a.address),
        OwnerCommand::ApproveIssuer(a) => approve_issuer(&a.address),
        OwnerCommand::SetParams(a) => set_params(ctx, a)?,
        OwnerCommand::Pause(a) => pause(a.asset.as_deref()),
        OwnerCommand::Unpause(a) => unpause(a.asset.as_deref()),
        OwnerCommand::TransferOwnership(a) => transfer_ownership(&a.address),
        OwnerCommand::AcceptOwnership => accept_ownership(),
        OwnerCommand::CancelOwnershipTransfer => cancel_ownership_transfer(),
        OwnerCommand::RenounceOwnership => renounce_ownership(),
        OwnerCommand::RemoveOracle(a) => oracle_change("remove-oracle", &a.address),
        OwnerCommand::ReactivateOracle(a) => oracle_change("reactivate-oracle", &a.address),
        OwnerCommand::SetScopes(a) => set_scopes(a),
        OwnerCommand::RevokeIssuer(a) => revoke_issuer(&a.address),
        OwnerCommand::SetPauser(a) => set_pauser(a.address.as_deref()),
        OwnerCommand::MigrateTokens(a) => migrate_tokens(a),
    };
    let sent = ctx.send_registry(&plan.doing, &plan.msg, &["epoch", "migrated", "last"])?;
    let (mut value, text) = sent.report(plan.action, &plan.done);
    if let Some(epoch) = sent.attr("epoch") {
        value["epoch"] = json!(epoch);
    }
    Ok((value, text))
}

/// What is checked before anything is sent: the address given, and a confirmation before
/// pausing every asset at once.
fn check(ctx: &Ctx, cmd: &OwnerCommand) -> Res<()> {
    match cmd {
        OwnerCommand::AddOracle(AddOracle { address, .. }) => {
            ctx.check_address("the oracle", address)?;
        }
        OwnerCommand::SuspendOracle(a)
        | OwnerCommand::RemoveOracle(a)
        | OwnerCommand::ReactivateOracle(a) => {
            ctx.check_address("the oracle", &a.address)?;
        }
        OwnerCommand::SetScopes(a) => {
            ctx.check_address("the oracle", &a.address)?;
        }
        OwnerCommand::RevokeIssuer(a) => {
            ctx.check_address("the issuer", &a.address)?;
        }
        OwnerCommand::SetPauser(SetPauser {
            address: Some(address),
            ..
        }) => {
            ctx.check_address("the pauser", address)?;
        }
        OwnerCommand::RenounceOwnership if !ctx.global.dry_run => {
            ctx.confirm(
                "Renounce the ownership of the registry for good (no owner can ever change its \
                 parameters or oracles again)?",
            )?;
        }
        OwnerCommand::ApproveIssuer(a) => {
            ctx.check_address("the issuer", &a.address)?;
        }
        OwnerCommand::TransferOwnership(a) => {
            ctx.check_address("the new owner", &a.address)?;
        }
        OwnerCommand::Pause(PauseArgs { asset: None }) if !ctx.global.dry_run => {
            ctx.confirm("Pause ALL issuance, of every asset, at once?")?;
        }
        _ => {}
    }
    Ok(())
}

fn scopes_of(list: &[Scope]) -> Scopes {
    Scopes {
        cross_border_investment: list.contains(&Scope::CrossBorderInvestment),
        data_security: list.contains(&Scope::DataSecurity),
        foreign_exchange: list.contains(&Scope::ForeignExchange),
        filing: list.contains(&Scope::Filing),
        screening: list.contains(&Scope::Screening),
        flags: list.contains(&Scope::Flags),
        eligibility: list.contains(&Scope::Eligibility),
        orders: list.contains(&Scope::Orders),
    }
}

/// `filing, flags`.
fn scope_names(scopes: &Scopes) -> String {
    [
        (scopes.filing, "filing"),
        (scopes.screening, "screening"),
        (scopes.flags, "flags"),
        (scopes.eligibility, "eligibility"),
        (scopes.orders, "orders"),
        (scopes.cross_border_investment, "cross-border-investment"),
        (scopes.foreign_exchange, "foreign-exchange"),
        (scopes.data_security, "data-security"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, n)| *n)
    .collect::<Vec<_>>()
    .join(", ")
}

fn add_oracle(a: &AddOracle) -> Plan {
    let scopes = scopes_of(&a.scopes);
    Plan {
        action: "add-oracle",
        doing: format!("add oracle {}", a.address),
        done: format!(
            "Oracle {} added with scopes {}.",
            a.address,
            scope_names(&scopes)
        ),
        msg: ExecuteMsg::AddOracle {
            address: a.address.clone(),
            scopes,
        },
    }
}

fn suspend_oracle(address: &str) -> Plan {
    Plan {
        action: "suspend-oracle",
        doing: format!("suspend oracle {address}"),
        msg: ExecuteMsg::SuspendOracle {
            address: address.to_string(),
        },
        done: format!(
            "Oracle {address} suspended: its attestations stop counting; clearances must be \
             refreshed (rwa-gate refresh ASSET)."
        ),
    }
}

fn approve_issuer(address: &str) -> Plan {
    Plan {
        action: "approve-issuer",
        doing: format!("approve issuer {address}"),
        msg: ExecuteMsg::ApproveIssuer {
            address: address.to_string(),
        },
        done: format!("Issuer {address} approved."),
    }
}

/// Validities not given keep their current value (the message replaces both at once).
fn set_params(ctx: &mut Ctx, a: &SetParams) -> Res<Plan> {
    let approval_quorum = if a.approval_quorum.is_empty() {
        None
    } else {
        let current = ctx.read("the parameters", |r| r.config())?.params;
        Some(approval_quorum(&a.approval_quorum, current.approval_quorum))
    };
    let validities = [
        a.filing_validity,
        a.screening_validity,
        a.eligibility_validity,
        a.approval_validity,
    ];
    let max_validity = if validities.iter().any(Option::is_some) {
        let current = ctx
            .read("the parameters", |r| r.config())?
            .params
            .max_validity;
        Some(MaxValidity {
            approval: a.approval_validity.unwrap_or(current.approval),
            filing: a.filing_validity.unwrap_or(current.filing),
            screening: a.screening_validity.unwrap_or(current.screening),
            eligibility: a.eligibility_validity.unwrap_or(current.eligibility),
        })
    } else {
        None
    };
    Ok(Plan {
        action: "set-params",
        doing: "update the parameters".to_string(),
        msg: ExecuteMsg::UpdateParams(ParamsUpdate {
            attestation_quorum: a.attestation_quorum,
            flag_quorum: a.flag_quorum,
            max_validity,
            token_code_id: a.token_code_id,
            approval_quorum,
        }),
        done: "Parameters updated.".to_string(),
    })
}

fn pause(asset: Option<&str>) -> Plan {
    let (doing, done) = match asset {
        Some(asset) => (
            format!("pause issuance of asset {asset}"),
            format!("Issuance of asset {asset} paused."),
        ),
        None => (
            "pause all issuance".to_string(),
            "All issuance paused.".to_string(),
        ),
    };
    Plan {
        action: "pause",
        doing,
        msg: ExecuteMsg::Pause {
            asset: asset.map(str::to_string),
        },
        done,
    }
}

fn unpause(asset: Option<&str>) -> Plan {
    let (doing, done) = match asset {
        Some(asset) => (
            format!("unpause issuance of asset {asset}"),
            format!("Issuance of asset {asset} resumed."),
        ),
        None => (
            "unpause issuance".to_string(),
            "Issuance resumed.".to_string(),
        ),
    };
    Plan {
        action: "unpause",
        doing,
        msg: ExecuteMsg::Unpause {
            asset: asset.map(str::to_string),
        },
        done,
    }
}

fn transfer_ownership(address: &str) -> Plan {
    Plan {
        action: "transfer-ownership",
        doing: format!("propose {address} as the new owner"),
        msg: ExecuteMsg::ProposeOwner {
            new_owner: address.to_string(),
        },
        done: format!(
            "{address} proposed as the new owner; it becomes the owner when it runs `rwa-gate \
             owner accept-ownership`."
        ),
    }
}

fn accept_ownership() -> Plan {
    Plan {
        action: "accept-ownership",
        doing: "accept the ownership".to_string(),
        msg: ExecuteMsg::AcceptOwnership {},
        done: "Ownership accepted: the signing key is now the owner.".to_string(),
    }
}

fn cancel_ownership_transfer() -> Plan {
    Plan {
        action: "cancel-ownership-transfer",
        doing: "cancel the ownership transfer".to_string(),
        msg: ExecuteMsg::CancelOwnershipTransfer {},
        done: "The proposed ownership transfer is withdrawn.".to_string(),
    }
}

fn renounce_ownership() -> Plan {
    Plan {
        action: "renounce-ownership",
        doing: "renounce the ownership".to_string(),
        msg: ExecuteMsg::RenounceOwnership {},
        done: "Ownership renounced: the registry has no owner any more.".to_string(),
    }
}

/// Removing or reactivating an oracle.
fn oracle_change(action: &'static str, address: &str) -> Plan {
    let address = address.to_string();
    let (doing, msg, done) = if action == "remove-oracle" {
        (
            format!("remove oracle {address}"),
            ExecuteMsg::RemoveOracle {
                address: address.clone(),
            },
            format!(
                "Oracle {address} removed: its attestations never count again; clearances must \
                 be refreshed (rwa-gate refresh ASSET)."
            ),
        )
    } else {
        (
            format!("reactivate oracle {address}"),
            ExecuteMsg::ReactivateOracle {
                address: address.clone(),
            },
            format!("Oracle {address} reactivated: its attestations count again."),
        )
    };
    Plan {
        action,
        doing,
        msg,
        done,
    }
}

fn set_scopes(a: &AddOracle) -> Plan {
    let scopes = scopes_of(&a.scopes);
    Plan {
        action: "set-scopes",
        doing: format!("set the scopes of oracle {}", a.address),
        done: format!(
            "Oracle {} now has scopes {}.",
            a.address,
            scope_names(&scopes)
        ),
        msg: ExecuteMsg::UpdateOracleScopes {
            address: a.address.clone(),
            scopes,
        },
    }
}

fn revoke_issuer(address: &str) -> Plan {
    Plan {
        action: "revoke-issuer",
        doing: format!("revoke issuer {address}"),
        msg: ExecuteMsg::RevokeIssuer {
            address: address.to_string(),
        },
        done: format!("Issuer {address} revoked: it registers nothing more."),
    }
}

fn set_pauser(address: Option<&str>) -> Plan {
    let done = match address {
        Some(address) => format!("{address} is now the pauser."),
        None => "No pauser any more: only the owner pauses.".to_string(),
    };
    Plan {
        action: "set-pauser",
        doing: "set the pauser".to_string(),
        msg: ExecuteMsg::SetPauser {
            pauser: address.map(str::to_string),
        },
        done,
    }
}

fn migrate_tokens(a: &MigrateTokens) -> Plan {
    Plan {
        action: "migrate-tokens",
        doing: format!("migrate the tokens to code {}", a.code_id),
        msg: ExecuteMsg::MigrateTokens {
            code_id: a.code_id,
            start_after: a.start_after.clone(),
            limit: a.limit,
        },
        done: format!(
            "Tokens of this page of assets migrated to code {} (run again with --start-after \
             the last asset for the next page).",
            a.code_id
        ),
    }
}
