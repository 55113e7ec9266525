//! Read-only views: everything the registry decides is queryable.

mod transfer;

use cosmwasm_std::{to_json_binary, Addr, Binary, Deps, Env, Order, Uint128};
use cw_storage_plus::Bound;
use rwa_gate::distribution::EligibilityRecord;
use rwa_gate::records::{Supply, LEGACY_TOKEN_STATE};
use rwa_gate::registry::{
    AssetsResponse, AttestationsResponse, ConfigResponse, EligibilityHistoryResponse,
    FlagsResponse, IssuerResponse, LinkAllowanceResponse, LinkAllowancesResponse, MintedResponse,
    NegativeListsResponse, NonceResponse, OraclesResponse, OwnershipResponse, QueryMsg,
    SigningKeyResponse,
};
use rwa_gate::{
    evaluate, AttestationKind, Clearance, Decision, IssuanceRequest, Subject, DEFAULT_LIMIT,
    MAX_LIMIT,
};

use crate::error::ContractError;
use crate::state::{
    ACTIVE_FLAGS, ASSETS, ASSET_KIND_ATTESTATIONS, ATTESTATIONS, CLEARANCES, CONFIG, ELIGIBILITY,
    ENTITIES, FLAGS, GATE, ISSUERS, LINK_ALLOWANCES, NEGATIVE_LIST, NEGATIVE_LIST_HISTORY, NONCES,
    ORACLES, ORACLE_COUNT, ORDERS, OWNERSHIP, REPORTS, SUBJECT_FLAGS,
};

fn eligibility(deps: Deps, account: String) -> Result<EligibilityRecord, ContractError> {
    let account = deps.api.addr_validate(&account)?;
    ELIGIBILITY
        .current(deps.storage, account.as_str())?
        .ok_or(ContractError::EligibilityNotFound {
            account: account.into(),
        })
}

pub fn dispatch(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    match msg {
        QueryMsg::Config {} => Ok(to_json_binary(&config(deps)?)?),
        QueryMsg::Ownership {} => {
            let o = OWNERSHIP.load(deps.storage)?;
            Ok(to_json_binary(&OwnershipResponse {
                owner: o.owner,
                pending_owner: o.pending,
            })?)
        }
        QueryMsg::Gate {} => Ok(to_json_binary(&GATE.load(deps.storage)?)?),
        QueryMsg::NegativeList {} => Ok(to_json_binary(&NEGATIVE_LIST.load(deps.storage)?)?),
        QueryMsg::NegativeLists { start_after, limit } => {
            let lists = NEGATIVE_LIST_HISTORY
                .range(
                    deps.storage,
                    start_after.map(Bound::exclusive),
                    None,
                    Order::Ascending,
                )
                .take(page_limit(limit))
                .map(|item| item.map(|(_, list)| list))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(to_json_binary(&NegativeListsResponse { lists })?)
        }
        QueryMsg::Eligibility { account } => Ok(to_json_binary(&eligibility(deps, account)?)?),
        QueryMsg::SigningKey { oracle } => {
            let oracle = deps.api.addr_validate(&oracle)?;
            let public_key = ORACLES
                .may_load(deps.storage, oracle.as_str())?
                .and_then(|o| o.signing_key);
            Ok(to_json_binary(&SigningKeyResponse { oracle, public_key })?)
        }
        QueryMsg::Nonce { oracle, nonce } => {
            let oracle = deps.api.addr_validate(&oracle)?;
            let canonical = deps.api.addr_canonicalize(oracle.as_str())?;
            let used = NONCES.used(deps.storage, &canonical, nonce);
            Ok(to_json_binary(&NonceResponse {
                oracle,
                nonce,
                used,
            })?)
        }
        QueryMsg::EligibilityHistory {
            account,
            start_after,
            limit,
        } => {
            let account = deps.api.addr_validate(&account)?;
            let records = ELIGIBILITY.history(
                deps.storage,
                account.as_str(),
                start_after,
                page_limit(limit),
            )?;
            Ok(to_json_binary(&EligibilityHistoryResponse { records })?)
        }
        QueryMsg::CheckTransfer {
            asset,
            sender,
            recipient,
            amount,
        } => Ok(to_json_binary(&transfer::check_transfer(
            deps, env, asset, sender, recipient, amount,
        )?)?),
        QueryMsg::Order { order } => {
            let order = ORDERS
                .may_load(deps.storage, &order)?
                .ok_or(ContractError::OrderNotFound { order })?;
            Ok(to_json_binary(&order)?)
        }
        QueryMsg::Oracle { address } => {
            let address = deps.api.addr_validate(&address)?;
            let oracle = ORACLES.may_load(deps.storage, address.as_str())?.ok_or(
                ContractError::OracleNotFound {
                    address: address.into(),
                },
            )?;
            Ok(to_json_binary(&oracle)?)
        }
        QueryMsg::Oracles { start_after, limit } => {
            Ok(to_json_binary(&oracles(deps, start_after, limit)?)?)
        }
        QueryMsg::Issuer { address } => {
            let address = deps.api.addr_validate(&address)?;
            let approved_at = ISSUERS.may_load(deps.storage, &address)?;
            Ok(to_json_binary(&IssuerResponse {
                address,
                approved: approved_at.is_some(),
                approved_at,
            })?)
        }
        QueryMsg::Entity { id } => {
            let entity = ENTITIES
                .may_load(deps.storage, &id)?
                .ok_or(ContractError::EntityNotFound { id })?;
            Ok(to_json_binary(&entity)?)
        }
        QueryMsg::LinkAllowance { entity, issuer } => {
            let issuer = deps.api.addr_validate(&issuer)?;
            let allowance = LINK_ALLOWANCES
                .may_load(deps.storage, (&entity, &issuer))?
                .unwrap_or_default();
            Ok(to_json_binary(&LinkAllowanceResponse {
                entity,
                issuer,
                limit: allowance.limit,
                used: allowance.used,
            })?)
        }
        QueryMsg::LinkAllowances {
            entity,
            start_after,
            limit,
        } => Ok(to_json_binary(&link_allowances(
            deps,
            entity,
            start_after,
            limit,
        )?)?),
        QueryMsg::Asset { id } => {
            let asset = ASSETS
                .may_load(deps.storage, &id)?
                .ok_or(ContractError::AssetNotFound { id })?;
            Ok(to_json_binary(&asset)?)
        }
        QueryMsg::Assets { start_after, limit } => {
            let assets = ASSETS.page(deps.storage, start_after.as_deref(), page_limit(limit))?;
            Ok(to_json_binary(&AssetsResponse { assets })?)
        }
        QueryMsg::Attestation { id } => {
            let attestation = ATTESTATIONS
                .may_load(deps.storage, id)?
                .ok_or(ContractError::AttestationNotFound { id })?;
            Ok(to_json_binary(&attestation)?)
        }
        QueryMsg::Attestations {
            asset,
            kind,
            start_after,
            limit,
        } => Ok(to_json_binary(&attestations(
            deps,
            asset,
            kind,
            start_after,
            limit,
        )?)?),
        QueryMsg::Flag { id } => {
            let flag = FLAGS
                .may_load(deps.storage, id)?
                .ok_or(ContractError::FlagNotFound { id })?;
            Ok(to_json_binary(&flag)?)
        }
        QueryMsg::Flags {
            subject,
            active_only,
            start_after,
            limit,
        } => Ok(to_json_binary(&flags(
            deps,
            subject,
            active_only.unwrap_or(false),
            start_after,
            limit,
        )?)?),
        QueryMsg::Report { id } => {
            let report = REPORTS
                .may_load(deps.storage, id)?
                .ok_or(ContractError::ReportNotFound { id })?;
            Ok(to_json_binary(&report)?)
        }
        QueryMsg::Clearance { asset } => {
            let clearance = CLEARANCES
                .may_load(deps.storage, &asset)?
                .ok_or(ContractError::AssetNotFound { id: asset })?;
            Ok(to_json_binary(&clearance)?)
        }
        QueryMsg::CheckIssuance {
            asset,
            amount,
            minter,
            recipient,
        } => {
            let recipient = recipient.map(|r| deps.api.addr_validate(&r)).transpose()?;
            let mut decision = check_issuance(deps, env.clone(), asset.clone(), amount, minter)?;
            if let Some(recipient) = recipient {
                let holder = transfer::mint_holder_reasons(deps, env, &asset, &recipient, amount)?;
                decision.reasons.extend(holder);
                decision.allowed = decision.reasons.is_empty();
            }
            Ok(to_json_binary(&decision)?)
        }
        QueryMsg::Minted { asset } => Ok(to_json_binary(&minted(deps, env, asset)?)?),
    }
}

fn page_limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize
}

fn config(deps: Deps) -> Result<ConfigResponse, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        pauser: config.pauser,
        token_code_id: config.token_code_id,
        params: config.params,
        oracle_count: ORACLE_COUNT.may_load(deps.storage)?.unwrap_or(0),
    })
}

fn oracles(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<OraclesResponse, ContractError> {
    let start_after = start_after
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    let oracles = ORACLES.page(
        deps.storage,
        start_after.as_ref().map(Addr::as_str),
        page_limit(limit),
    )?;
    Ok(OraclesResponse { oracles })
}

fn link_allowances(
    deps: Deps,
    entity: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<LinkAllowancesResponse, ContractError> {
    let start_after = start_after
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    let allowances = LINK_ALLOWANCES
        .prefix(&entity)
        .range(
            deps.storage,
            start_after.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|item| {
            item.map(|(issuer, a)| LinkAllowanceResponse {
                entity: entity.clone(),
                issuer,
                limit: a.limit,
                used: a.used,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(LinkAllowancesResponse { allowances })
}

fn attestations(
    deps: Deps,
    asset: String,
    kind: Option<AttestationKind>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<AttestationsResponse, ContractError> {
    let limit = page_limit(limit);
    let page = |kind: AttestationKind| {
        ASSET_KIND_ATTESTATIONS
            .prefix((&asset, kind.tag()))
            .keys(
                deps.storage,
                start_after.map(Bound::exclusive),
                None,
                Order::Ascending,
            )
            .take(limit)
            .collect::<Result<Vec<_>, _>>()
    };
    // One index per kind: a page reads at most a page of entries of each kind, whatever the
    // history. Unfiltered, the kinds' pages merge in id order (ids are unique across kinds).
    let ids = match kind {
        Some(kind) => page(kind)?,
        None => {
            let mut ids = Vec::new();
            for kind in AttestationKind::ALL {
                ids.extend(page(kind)?);
            }
            ids.sort_unstable();
            ids.truncate(limit);
            ids
        }
    };
    let attestations = ids
        .into_iter()
        .map(|id| {
            ATTESTATIONS
                .may_load(deps.storage, id)?
                .ok_or(ContractError::AttestationNotFound { id })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(AttestationsResponse { attestations })
}

fn flags(
    deps: Deps,
    subject: Subject,
    active_only: bool,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<FlagsResponse, ContractError> {
    let key = (subject.tag(), subject.subject_id());
    let ids: Vec<u64> = if active_only {
        // The active set is small and bounded: no need to walk the history.
        let mut active = ACTIVE_FLAGS
            .may_load(deps.storage, key)?
            .unwrap_or_default();
        active.sort_unstable();
        active
            .into_iter()
            .filter(|id| start_after.is_none_or(|after| *id > after))
            .take(page_limit(limit))
            .collect()
    } else {
        SUBJECT_FLAGS
            .prefix(key)
            .keys(
                deps.storage,
                start_after.map(Bound::exclusive),
                None,
                Order::Ascending,
            )
            .take(page_limit(limit))
            .collect::<Result<Vec<_>, _>>()?
    };
    let flags = ids
        .into_iter()
        .map(|id| {
            FLAGS
                .may_load(deps.storage, id)?
                .ok_or(ContractError::FlagNotFound { id })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(FlagsResponse { flags })
}

/// The token's cumulative minted amount and supply, read from its own record; zero when the
/// asset has no clearance (hence no token) yet.
fn token_amounts(
    deps: Deps,
    clearance: Option<&Clearance>,
) -> Result<(Uint128, Uint128), ContractError> {
    match clearance {
        Some(c) => {
            let supply = token_supply(deps, &c.token)?;
            Ok((supply.minted, supply.total))
        }
        None => Ok((Uint128::zero(), Uint128::zero())),
    }
}

/// A token's supply counters, with one raw query of its storage; a token not yet migrated from
/// v0.1.0 still keeps them in its single legacy record.
fn token_supply(deps: Deps, token: &cosmwasm_std::Addr) -> Result<Supply, ContractError> {
    if let Some(supply) = Supply::query(&deps.querier, token)? {
        return Ok(supply);
    }
    let legacy = LEGACY_TOKEN_STATE.query(&deps.querier, token.clone())?;
    Ok(Supply {
        total: legacy.total_supply,
        minted: legacy.minted,
    })
}

fn check_issuance(
    deps: Deps,
    env: Env,
    asset: String,
    amount: Uint128,
    minter: Option<String>,
) -> Result<Decision, ContractError> {
    let minter: Option<Addr> = minter.map(|m| deps.api.addr_validate(&m)).transpose()?;
    let gate = GATE.load(deps.storage)?;
    let clearance = CLEARANCES.may_load(deps.storage, &asset)?;
    let (minted, _) = token_amounts(deps, clearance.as_ref())?;
    // The very function the token's mint runs: no second copy of the rule.
    Ok(evaluate(
        &gate,
        clearance.as_ref(),
        &IssuanceRequest {
            now: env.block.time,
            amount,
            minted,
            minter: minter.as_ref(),
            token: None,
        },
    ))
}

fn minted(deps: Deps, env: Env, asset_id: String) -> Result<MintedResponse, ContractError> {
    let asset =
        ASSETS
            .may_load(deps.storage, &asset_id)?
            .ok_or_else(|| ContractError::AssetNotFound {
                id: asset_id.clone(),
            })?;
    let token = asset.token.ok_or_else(|| ContractError::TokenNotSet {
        asset: asset_id.clone(),
    })?;
    let gate = GATE.load(deps.storage)?;
    let clearance = CLEARANCES.may_load(deps.storage, &asset_id)?;
    let state = token_supply(deps, &token)?;
    let cap = evaluate(
        &gate,
        clearance.as_ref(),
        &IssuanceRequest {
            now: env.block.time,
            amount: Uint128::zero(),
            minted: state.minted,
            minter: None,
            token: None,
        },
    )
    .cap;
    Ok(MintedResponse {
        asset: asset_id,
        token,
        minted: state.minted,
        total_supply: state.total,
        cap,
    })
}
