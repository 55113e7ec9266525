//! Entities, assets, their plans, minters and significant-matter reports, and the reply that
//! records each asset's gated token.

use std::collections::BTreeSet;

use cosmwasm_std::{
    to_json_binary, Addr, CosmosMsg, DepsMut, Env, MessageInfo, QuerierWrapper, Reply, Response,
    Storage, SubMsg, SubMsgResult, WasmMsg,
};
use rwa_gate::distribution::{admits_more, narrowest};
use rwa_gate::records::TransferRules;
use rwa_gate::registry::TokenSpec;
use rwa_gate::{
    validate, Asset, AssetStatus, DistributionTerms, Entity, Evidence, IssuancePlan, RelatedParty,
    Report, MAX_ASSETS_PER_ENTITY, MAX_MINTERS, MAX_RELATED_PARTIES,
};

use crate::error::ContractError;
use crate::execute::links::{check_link, link, load_entity, unlink, NewLink};
use crate::execute::{active_oracle, is_owner, load_asset, next_id, save_asset};
use crate::state::{ASSETS, ATTESTATIONS, CONFIG, ENTITIES, ISSUERS, LAST_REPORT_ID, REPORTS};
use crate::REPLY_TOKEN_INSTANTIATED;

/// The fields of `ExecuteMsg::RegisterAsset`.
pub struct NewAsset {
    pub id: String,
    pub filing_entity: String,
    pub related_parties: Vec<RelatedParty>,
    pub plan: IssuancePlan,
    pub token: TokenSpec,
}

fn assert_approved_issuer(storage: &dyn Storage, sender: &Addr) -> Result<(), ContractError> {
    if ISSUERS.has(storage, sender) {
        Ok(())
    } else {
        Err(ContractError::Unauthorized {})
    }
}

/// Powers that only restrict an asset stay with its issuer even after revocation.
fn assert_asset_issuer(asset: &Asset, sender: &Addr) -> Result<(), ContractError> {
    if asset.issuer == *sender {
        Ok(())
    } else {
        Err(ContractError::Unauthorized {})
    }
}

/// Powers that only restrict an asset: its issuer's, and the owner's over every asset.
fn assert_issuer_or_owner(
    storage: &dyn Storage,
    asset: &Asset,
    sender: &Addr,
) -> Result<(), ContractError> {
    if asset.issuer == *sender || is_owner(storage, sender)? {
        Ok(())
    } else {
        Err(ContractError::Unauthorized {})
    }
}

/// Powers that widen issuance need the asset's issuer to be approved still.
pub(crate) fn assert_approved_asset_issuer(
    storage: &dyn Storage,
    asset: &Asset,
    sender: &Addr,
) -> Result<(), ContractError> {
    assert_asset_issuer(asset, sender)?;
    assert_approved_issuer(storage, sender)
}

pub(crate) fn assert_active(asset: &Asset) -> Result<(), ContractError> {
    if asset.status == AssetStatus::Retired {
        return Err(ContractError::AssetRetired {
            id: asset.id.clone(),
        });
    }
    Ok(())
}

fn validate_plan(plan: &IssuancePlan) -> Result<(), ContractError> {
    if plan.max_supply.is_zero() {
        return Err(ContractError::ZeroMaxSupply {});
    }
    validate::digest("plan materials digest", &plan.materials_digest)?;
    if let Some(terms) = &plan.terms {
        terms.validate()?;
    }
    for (i, approval) in plan.approvals.iter().enumerate() {
        if plan.approvals[..i].contains(approval) {
            return Err(ContractError::DuplicateApproval {
                approval: *approval,
            });
        }
    }
    Ok(())
}

pub fn register_entity(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: String,
) -> Result<Response, ContractError> {
    assert_approved_issuer(deps.storage, &info.sender)?;
    validate::id("entity id", &id)?;
    if ENTITIES.has(deps.storage, &id) {
        return Err(ContractError::EntityExists { id });
    }
    ENTITIES.save(
        deps.storage,
        &id,
        &Entity {
            id: id.clone(),
            registered_by: info.sender.clone(),
            registered_at: env.block.time,
            assets: 0,
            reserved: 0,
            linked_by_others: 0,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "register_entity")
        .add_attribute("entity", id)
        .add_attribute("issuer", info.sender))
}

/// The filing entity and every party, each once, each registered, each with a free slot: the
/// links `issuer` may make for the new asset.
fn check_parties(
    storage: &dyn Storage,
    new: &NewAsset,
    issuer: &Addr,
) -> Result<Vec<NewLink>, ContractError> {
    let mut linked = Vec::with_capacity(new.related_parties.len().saturating_add(1));
    let mut seen = BTreeSet::new();
    for entity_id in
        std::iter::once(&new.filing_entity).chain(new.related_parties.iter().map(|p| &p.entity))
    {
        if !seen.insert(entity_id.as_str()) {
            return Err(ContractError::DuplicateParty {
                id: entity_id.clone(),
            });
        }
        let entity = load_entity(storage, entity_id)?;
        // The filing entity is the issuer's own; related parties (a shared controller, say)
        // may have been registered by another issuer, which must allow the link.
        if linked.is_empty() && entity.registered_by != *issuer {
            if entity.assets >= MAX_ASSETS_PER_ENTITY {
                return Err(ContractError::EntityAssetLimit {
                    id: entity_id.clone(),
                });
            }
            return Err(ContractError::NotOwnFilingEntity {
                id: entity_id.clone(),
            });
        }
        linked.push(check_link(entity, storage, issuer)?);
    }
    Ok(linked)
}

/// The instantiation of the new asset's token. The registry is the token's admin: whoever owns
/// the registry (and only they) may migrate the token, through `MigrateTokens`; nobody once
/// ownership is renounced.
fn token_instantiation(
    storage: &dyn Storage,
    env: &Env,
    issuer: &Addr,
    new: &NewAsset,
) -> Result<WasmMsg, ContractError> {
    let config = CONFIG.load(storage)?;
    Ok(WasmMsg::Instantiate {
        admin: Some(env.contract.address.to_string()),
        code_id: config.token_code_id,
        msg: to_json_binary(&rwa_gate::token::InstantiateMsg {
            name: new.token.name.clone(),
            symbol: new.token.symbol.clone(),
            decimals: new.token.decimals,
            asset: new.id.clone(),
            issuer: issuer.to_string(),
            terms: new.plan.terms.as_deref().cloned(),
        })?,
        funds: vec![],
        label: format!("rwa-gate token {}", new.id),
    })
}

pub fn register_asset(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    new: NewAsset,
) -> Result<Response, ContractError> {
    assert_approved_issuer(deps.storage, &info.sender)?;
    validate::id("asset id", &new.id)?;
    if ASSETS.has(deps.storage, &new.id) {
        return Err(ContractError::AssetExists { id: new.id });
    }
    if new.related_parties.len() > MAX_RELATED_PARTIES {
        return Err(ContractError::TooManyRelatedParties {
            max: MAX_RELATED_PARTIES,
        });
    }
    let linked = check_parties(deps.storage, &new, &info.sender)?;
    validate_plan(&new.plan)?;
    let new = NewAsset {
        plan: new.plan.normalized(),
        ..new
    };
    validate::token_info(&new.token.name, &new.token.symbol, new.token.decimals)?;
    let instantiate = token_instantiation(deps.storage, &env, &info.sender, &new)?;

    for new_link in linked {
        link(deps.storage, new_link, &new.id, &info.sender)?;
    }
    let asset = Asset {
        id: new.id.clone(),
        issuer: info.sender.clone(),
        filing_entity: new.filing_entity,
        related_parties: new.related_parties,
        plan: new.plan,
        plan_version: 0,
        parties_version: 0,
        token: None,
        status: AssetStatus::Active,
        paused: false,
        minters: vec![info.sender.clone()],
        last_report: None,
        registered_at: env.block.time,
        terms_pending: false,
    };
    // Not `save_asset`: the token does not exist yet; the reply records it and computes the
    // first clearance.
    ASSETS.save(deps.storage, &asset)?;

    Ok(Response::new()
        .add_submessage(
            SubMsg::reply_on_success(instantiate, REPLY_TOKEN_INSTANTIATED)
                .with_payload(asset.id.clone().into_bytes()),
        )
        .add_attribute("action", "register_asset")
        .add_attribute("asset", asset.id)
        .add_attribute("issuer", info.sender)
        .add_attribute("filing_entity", asset.filing_entity)
        .add_attribute("related_parties", asset.related_parties.len().to_string())
        .add_attribute("plan_max_supply", asset.plan.max_supply)
        .add_attribute("plan_digest", asset.plan.materials_digest))
}

/// Records the token of a newly registered asset and computes its first clearance, so a
/// clearance exists from the start.
pub fn token_instantiated(deps: DepsMut, env: Env, msg: Reply) -> Result<Response, ContractError> {
    if msg.id != REPLY_TOKEN_INSTANTIATED {
        return Err(ContractError::UnknownReply { id: msg.id });
    }
    let asset_id = String::from_utf8(msg.payload.to_vec())
        .map_err(|_| ContractError::InvalidReplyPayload {})?;
    let SubMsgResult::Ok(response) = msg.result else {
        return Err(ContractError::MissingContractAddress {});
    };
    // The `instantiate` event carries the address on wasmd and on cw-multi-test alike.
    let address = response
        .events
        .iter()
        .filter(|e| e.ty == "instantiate")
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == "_contract_address")
        .map(|a| a.value.clone())
        .ok_or(ContractError::MissingContractAddress {})?;
    let token = deps.api.addr_validate(&address)?;
    let mut asset = ASSETS
        .may_load(deps.storage, &asset_id)?
        .ok_or(ContractError::InvalidReplyPayload {})?;
    asset.token = Some(token.clone());
    let freeze_update = save_asset(deps.storage, &deps.querier, env.block.time, &asset)?;
    Ok(Response::new()
        .add_messages(freeze_update)
        .add_attribute("action", "token_instantiated")
        .add_attribute("asset", asset_id)
        .add_attribute("token", token))
}

pub fn update_plan(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    asset_id: String,
    plan: IssuancePlan,
) -> Result<Response, ContractError> {
    let mut asset = load_asset(deps.storage, &asset_id)?;
    assert_approved_asset_issuer(deps.storage, &asset, &info.sender)?;
    assert_active(&asset)?;
    validate_plan(&plan)?;
    let plan = plan.normalized();
    // A re-submission of the plan in force would void its filings for nothing: refused.
    if plan == asset.plan {
        return Err(ContractError::PlanUnchanged {});
    }
    let token = asset.token.clone().ok_or(ContractError::TokenNotSet {
        asset: asset_id.clone(),
    })?;
    let change = TermsChange::of(&deps.querier, &token, &asset.plan, &plan)?;
    if change.voids_filing {
        // Every filing attested an earlier version: none counts again, whatever the new plan.
        asset.plan_version = asset
            .plan_version
            .checked_add(1)
            .ok_or(ContractError::Overflow {})?;
    }
    asset.plan = plan;
    asset.terms_pending = change.pending;
    let freeze_update = save_asset(deps.storage, &deps.querier, env.block.time, &asset)?;
    let terms_update = change
        .in_force
        .map(|terms| terms_message(&token, terms.map(Box::new)))
        .transpose()?;
    Ok(Response::new()
        .add_messages(freeze_update)
        .add_messages(terms_update)
        .add_attribute("action", "update_plan")
        .add_attribute("asset", asset_id)
        .add_attribute("plan_version", asset.plan_version.to_string())
        .add_attribute("plan_max_supply", asset.plan.max_supply)
        .add_attribute("plan_digest", asset.plan.materials_digest)
        .add_attribute("terms_pending", asset.terms_pending.to_string()))
}

/// How a plan change moves the distribution terms. What only narrows takes effect at once,
/// without a new filing; what admits more voids the filing like any plan change and waits for
/// one, while the token enforces what both the terms in force and the new ones admit.
struct TermsChange {
    voids_filing: bool,
    /// The new terms admit more than the token enforces: the rest waits for a Filing.
    pending: bool,
    /// Terms to push to the token, when they change.
    in_force: Option<Option<DistributionTerms>>,
}

impl TermsChange {
    fn of(
        querier: &QuerierWrapper,
        token: &Addr,
        old: &IssuancePlan,
        new: &IssuancePlan,
    ) -> Result<Self, ContractError> {
        // Dropping an R3 approval admits issuance the filed plan did not: like a widening of
        // the terms, it needs a new filing. Adding one only narrows.
        let core_changed = old.max_supply != new.max_supply
            || old.materials_digest != new.materials_digest
            || old.approvals.iter().any(|a| !new.approvals.contains(a));
        let enforced = TransferRules::query(querier, token)?.terms.map(|t| t.terms);
        let pending = admits_more(enforced.as_ref(), new.terms.as_deref());
        let in_force = if pending {
            narrowest(enforced.as_ref(), new.terms.as_deref())
        } else {
            new.terms.as_deref().cloned()
        };
        Ok(TermsChange {
            voids_filing: core_changed || admits_more(old.terms.as_deref(), new.terms.as_deref()),
            pending,
            in_force: (in_force != enforced).then_some(in_force),
        })
    }
}

/// The message that puts `terms` in force on the asset's token.
pub(crate) fn terms_message(
    token: &Addr,
    terms: Option<Box<DistributionTerms>>,
) -> Result<CosmosMsg, ContractError> {
    Ok(WasmMsg::Execute {
        contract_addr: token.to_string(),
        msg: to_json_binary(&rwa_gate::token::ExecuteMsg::UpdateTerms { terms })?,
        funds: vec![],
    }
    .into())
}

/// Replaces the asset's related parties. The links of the entities that leave are dropped and
/// those of the entities that join are made (each within its bounds and allowances), and the
/// clearance is recomputed from the new set in the same transaction.
pub fn update_related_parties(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    asset_id: String,
    related_parties: Vec<RelatedParty>,
) -> Result<Response, ContractError> {
    let mut asset = load_asset(deps.storage, &asset_id)?;
    // Removing a flagged party widens issuance: an approved issuer's power, or the owner's.
    if !is_owner(deps.storage, &info.sender)? {
        assert_approved_asset_issuer(deps.storage, &asset, &info.sender)?;
    }
    assert_active(&asset)?;
    if related_parties.len() > MAX_RELATED_PARTIES {
        return Err(ContractError::TooManyRelatedParties {
            max: MAX_RELATED_PARTIES,
        });
    }
    let mut seen = BTreeSet::from([asset.filing_entity.as_str()]);
    for party in &related_parties {
        if !seen.insert(party.entity.as_str()) {
            return Err(ContractError::DuplicateParty {
                id: party.entity.clone(),
            });
        }
    }
    if related_parties == asset.related_parties {
        return Err(ContractError::RelatedPartiesUnchanged {});
    }
    let was = |id: &str| asset.related_parties.iter().any(|p| p.entity == id);
    let stays = |id: &str| related_parties.iter().any(|p| p.entity == id);
    // Check every new link before the first write (bounded by MAX_RELATED_PARTIES).
    let mut joining = Vec::new();
    for party in related_parties.iter().filter(|p| !was(&p.entity)) {
        let entity = load_entity(deps.storage, &party.entity)?;
        joining.push(check_link(entity, deps.storage, &asset.issuer)?);
    }
    let leaving: Vec<String> = asset
        .related_parties
        .iter()
        .filter(|p| !stays(&p.entity))
        .map(|p| p.entity.clone())
        .collect();
    let joined = joining.len();
    for entity_id in &leaving {
        unlink(deps.storage, entity_id, &asset_id, &asset.issuer)?;
    }
    for new_link in joining {
        link(deps.storage, new_link, &asset_id, &asset.issuer)?;
    }
    asset.related_parties = related_parties;
    // Earlier screenings were of another set of parties: an oracle must screen this one.
    asset.parties_version = asset
        .parties_version
        .checked_add(1)
        .ok_or(ContractError::Overflow {})?;
    let freeze_update = save_asset(deps.storage, &deps.querier, env.block.time, &asset)?;
    Ok(Response::new()
        .add_messages(freeze_update)
        .add_attribute("action", "update_related_parties")
        .add_attribute("asset", asset_id)
        .add_attribute("by", info.sender)
        .add_attribute("related_parties", asset.related_parties.len().to_string())
        .add_attribute("joined", joined.to_string())
        .add_attribute("left", leaving.join(",")))
}

pub fn report_significant_matter(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    asset_id: String,
    evidence: Evidence,
) -> Result<Response, ContractError> {
    let mut asset = load_asset(deps.storage, &asset_id)?;
    let by_oracle = active_oracle(deps.storage, &info.sender, |s| s.filing)?.is_some();
    if asset.issuer != info.sender && !by_oracle {
        return Err(ContractError::Unauthorized {});
    }
    validate::evidence("report evidence", &evidence)?;
    let id = next_id(deps.storage, &LAST_REPORT_ID)?;
    // Filing attestations with a larger id postdate this report.
    let attestations_before = ATTESTATIONS.last_id(deps.storage)?;
    let report = Report {
        id,
        asset: asset_id.clone(),
        reported_by: info.sender.clone(),
        reported_at: env.block.time,
        evidence,
        attestations_before,
    };
    REPORTS.save(deps.storage, id, &report)?;
    LAST_REPORT_ID.save(deps.storage, &id)?;
    asset.last_report = Some(id);
    let freeze_update = save_asset(deps.storage, &deps.querier, env.block.time, &asset)?;
    Ok(Response::new()
        .add_messages(freeze_update)
        .add_attribute("action", "report_significant_matter")
        .add_attribute("asset", asset_id)
        .add_attribute("report", id.to_string())
        .add_attribute("reported_by", info.sender)
        .add_attribute("evidence", report.evidence.digest))
}

pub fn add_minter(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    asset_id: String,
    minter: String,
) -> Result<Response, ContractError> {
    let mut asset = load_asset(deps.storage, &asset_id)?;
    assert_approved_asset_issuer(deps.storage, &asset, &info.sender)?;
    let minter = deps.api.addr_validate(&minter)?;
    if asset.minters.contains(&minter) {
        return Err(ContractError::MinterExists {
            address: minter.into(),
        });
    }
    if asset.minters.len() >= MAX_MINTERS {
        return Err(ContractError::TooManyMinters { max: MAX_MINTERS });
    }
    asset.minters.push(minter.clone());
    let freeze_update = save_asset(deps.storage, &deps.querier, env.block.time, &asset)?;
    Ok(Response::new()
        .add_messages(freeze_update)
        .add_attribute("action", "add_minter")
        .add_attribute("asset", asset_id)
        .add_attribute("minter", minter))
}

pub fn remove_minter(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    asset_id: String,
    minter: String,
) -> Result<Response, ContractError> {
    let mut asset = load_asset(deps.storage, &asset_id)?;
    // The owner may too: revoking an issuer does not reach into its assets' minters.
    assert_issuer_or_owner(deps.storage, &asset, &info.sender)?;
    let minter = deps.api.addr_validate(&minter)?;
    let before = asset.minters.len();
    asset.minters.retain(|m| *m != minter);
    if asset.minters.len() == before {
        return Err(ContractError::MinterNotFound {
            address: minter.into(),
        });
    }
    let freeze_update = save_asset(deps.storage, &deps.querier, env.block.time, &asset)?;
    Ok(Response::new()
        .add_messages(freeze_update)
        .add_attribute("action", "remove_minter")
        .add_attribute("asset", asset_id)
        .add_attribute("minter", minter))
}

pub fn retire(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    asset_id: String,
) -> Result<Response, ContractError> {
    let mut asset = load_asset(deps.storage, &asset_id)?;
    assert_issuer_or_owner(deps.storage, &asset, &info.sender)?;
    assert_active(&asset)?;
    asset.status = AssetStatus::Retired;
    // A retired asset never mints again, so entity flags need not reach it: free its slots
    // under MAX_ASSETS_PER_ENTITY (bounded by MAX_RELATED_PARTIES + 1).
    for entity_id in asset.subjects() {
        unlink(deps.storage, entity_id, &asset_id, &asset.issuer)?;
    }
    let freeze_update = save_asset(deps.storage, &deps.querier, env.block.time, &asset)?;
    Ok(Response::new()
        .add_messages(freeze_update)
        .add_attribute("action", "retire_asset")
        .add_attribute("asset", asset_id)
        .add_attribute("retired_by", info.sender))
}
