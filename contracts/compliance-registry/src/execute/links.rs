//! Links between entities and assets, and the allowances that let an issuer's assets name an
//! entity registered by another issuer.
//!
//! An entity's `MAX_ASSETS_PER_ENTITY` slots bound the work of a flag on it (every linked asset
//! is recomputed in the same transaction). They belong to the issuer that registered the entity:
//! its own assets use them freely, up to what it has reserved for others; another issuer's asset
//! may use one only under a `LinkAllowance` the registering issuer (or the owner) set, and never
//! more than that allowance. So no issuer can use up slots that another needs, and every cascade
//! stays bounded.

use cosmwasm_std::{Addr, DepsMut, MessageInfo, Response, Storage};
use rwa_gate::{Entity, LinkAllowance, MAX_ASSETS_PER_ENTITY};

use crate::error::ContractError;
use crate::execute::is_owner;
use crate::state::{EntityLink, ENTITIES, ENTITY_ASSETS, LINK_ALLOWANCES};

/// A link that may be made: the entity as it stands and the slot it will use.
pub struct NewLink {
    entity: Entity,
    /// `Some` when the link uses an allowance of the asset's issuer.
    allowance: Option<LinkAllowance>,
}

pub fn load_entity(storage: &dyn Storage, id: &str) -> Result<Entity, ContractError> {
    ENTITIES
        .may_load(storage, id)?
        .ok_or_else(|| ContractError::EntityNotFound { id: id.to_string() })
}

/// Checks, without writing, that an asset of `issuer` may be linked to `entity`.
pub fn check_link(
    entity: Entity,
    storage: &dyn Storage,
    issuer: &Addr,
) -> Result<NewLink, ContractError> {
    if entity.assets >= MAX_ASSETS_PER_ENTITY {
        return Err(ContractError::EntityAssetLimit { id: entity.id });
    }
    if entity.registered_by == *issuer {
        // The registering issuer's own slots are those it has not reserved for others.
        let used = entity
            .own_links()
            .checked_add(entity.reserved)
            .ok_or(ContractError::Overflow {})?;
        if used >= MAX_ASSETS_PER_ENTITY {
            return Err(ContractError::EntityAssetLimit { id: entity.id });
        }
        return Ok(NewLink {
            entity,
            allowance: None,
        });
    }
    let allowance = LINK_ALLOWANCES
        .may_load(storage, (&entity.id, issuer))?
        .unwrap_or_default();
    if allowance.used >= allowance.limit {
        return Err(ContractError::LinkNotAllowed {
            id: entity.id,
            limit: allowance.limit,
        });
    }
    Ok(NewLink {
        entity,
        allowance: Some(allowance),
    })
}

/// Records a checked link of `asset_id` (an asset of `issuer`).
pub fn link(
    storage: &mut dyn Storage,
    new: NewLink,
    asset_id: &str,
    issuer: &Addr,
) -> Result<(), ContractError> {
    let NewLink {
        mut entity,
        allowance,
    } = new;
    entity.assets = entity
        .assets
        .checked_add(1)
        .ok_or(ContractError::Overflow {})?;
    if let Some(mut allowance) = allowance {
        // Within the limit: the slot was reserved already, `reserved` does not move.
        allowance.used = allowance
            .used
            .checked_add(1)
            .ok_or(ContractError::Overflow {})?;
        entity.linked_by_others = entity
            .linked_by_others
            .checked_add(1)
            .ok_or(ContractError::Overflow {})?;
        LINK_ALLOWANCES.save(storage, (&entity.id, issuer), &allowance)?;
    }
    ENTITY_ASSETS.save(
        storage,
        (&entity.id, asset_id),
        &EntityLink {
            by_allowance: allowance.is_some(),
        },
    )?;
    ENTITIES.save(storage, &entity.id, &entity)?;
    Ok(())
}

/// Removes the link of `asset_id` (an asset of `issuer`) to `entity_id` and frees its slot.
/// Nothing to do when there is no such link.
pub fn unlink(
    storage: &mut dyn Storage,
    entity_id: &str,
    asset_id: &str,
    issuer: &Addr,
) -> Result<(), ContractError> {
    let Some(existing) = ENTITY_ASSETS.may_load(storage, (entity_id, asset_id))? else {
        return Ok(());
    };
    let mut entity = load_entity(storage, entity_id)?;
    entity.assets = entity.assets.saturating_sub(1);
    if existing.by_allowance {
        entity.linked_by_others = entity.linked_by_others.saturating_sub(1);
        if let Some(mut allowance) = LINK_ALLOWANCES.may_load(storage, (entity_id, issuer))? {
            let before = allowance.reserves();
            allowance.used = allowance.used.saturating_sub(1);
            entity.reserved = entity
                .reserved
                .saturating_sub(before)
                .saturating_add(allowance.reserves());
            save_allowance(storage, entity_id, issuer, &allowance)?;
        }
    }
    ENTITY_ASSETS.remove(storage, (entity_id, asset_id));
    ENTITIES.save(storage, entity_id, &entity)?;
    Ok(())
}

fn save_allowance(
    storage: &mut dyn Storage,
    entity_id: &str,
    issuer: &Addr,
    allowance: &LinkAllowance,
) -> Result<(), ContractError> {
    if *allowance == LinkAllowance::default() {
        LINK_ALLOWANCES.remove(storage, (entity_id, issuer));
    } else {
        LINK_ALLOWANCES.save(storage, (entity_id, issuer), allowance)?;
    }
    Ok(())
}

/// `SetLinkAllowance`: by the issuer that registered the entity, or the owner. The limit may be
/// lowered below what is in use: links in use stay (and keep their slots) until their assets drop
/// the party or retire, and no new one is made.
pub fn set_allowance(
    deps: DepsMut,
    info: MessageInfo,
    entity_id: String,
    issuer: String,
    limit: u32,
) -> Result<Response, ContractError> {
    let mut entity = load_entity(deps.storage, &entity_id)?;
    if entity.registered_by != info.sender && !is_owner(deps.storage, &info.sender)? {
        return Err(ContractError::Unauthorized {});
    }
    let issuer = deps.api.addr_validate(&issuer)?;
    if issuer == entity.registered_by {
        return Err(ContractError::SelfAllowance {});
    }
    let mut allowance = LINK_ALLOWANCES
        .may_load(deps.storage, (&entity_id, &issuer))?
        .unwrap_or_default();
    let others = entity.reserved.saturating_sub(allowance.reserves());
    let available = MAX_ASSETS_PER_ENTITY
        .saturating_sub(entity.own_links())
        .saturating_sub(others);
    allowance.limit = limit;
    if allowance.reserves() > available {
        return Err(ContractError::LinkAllowanceTooLarge {
            id: entity_id,
            available,
        });
    }
    entity.reserved = others
        .checked_add(allowance.reserves())
        .ok_or(ContractError::Overflow {})?;
    save_allowance(deps.storage, &entity_id, &issuer, &allowance)?;
    ENTITIES.save(deps.storage, &entity_id, &entity)?;
    Ok(Response::new()
        .add_attribute("action", "set_link_allowance")
        .add_attribute("entity", entity_id)
        .add_attribute("issuer", issuer)
        .add_attribute("limit", limit.to_string())
        .add_attribute("used", allowance.used.to_string())
        .add_attribute("reserved", entity.reserved.to_string()))
}
