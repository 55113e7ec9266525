//! Statements an oracle signs offline with a key it registered, relayed by anyone.

use cosmwasm_std::{Binary, DepsMut, Env, MessageInfo, Response};
use rwa_gate::delegation::{SignDoc, PUBLIC_KEY_LEN, SIGNATURE_LEN};
use rwa_gate::registry::SignedStatement;

use crate::error::ContractError;
use crate::execute::batch::{perform_all, ReadOnce};
use crate::state::{NONCES, ORACLES};

/// By an oracle, active or suspended (a suspended oracle may still take a key out of use):
/// sets, replaces or removes the key whose signatures count as its own.
pub fn set_signing_key(
    deps: DepsMut,
    info: MessageInfo,
    public_key: Option<Binary>,
) -> Result<Response, ContractError> {
    let mut oracle = ORACLES
        .may_load(deps.storage, info.sender.as_str())?
        .ok_or(ContractError::Unauthorized {})?;
    if let Some(key) = &public_key {
        // A compressed point, checked by the host: verifying any signature with a key that is
        // not a point on the curve is an error, a mere mismatch is `false`.
        let compressed = key.len() == PUBLIC_KEY_LEN && matches!(key[0], 0x02 | 0x03);
        if !compressed
            || deps
                .api
                .secp256k1_verify(&[1; 32], &[1; SIGNATURE_LEN], key)
                .is_err()
        {
            return Err(ContractError::InvalidSigningKey {});
        }
    }
    let shown = public_key
        .as_ref()
        .map_or_else(|| "none".to_string(), Binary::to_hex);
    oracle.signing_key = public_key;
    ORACLES.store(deps.storage, &oracle)?;
    Ok(Response::new()
        .add_attribute("action", "set_signing_key")
        .add_attribute("oracle", info.sender)
        .add_attribute("public_key", shown))
}

/// Anyone relays a signed statement; its actions are the oracle's own, all or nothing. One
/// [`ReadOnce`] session for the checks and the actions: the oracle's record, which holds its
/// key, is read once for both.
pub fn relay(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    statement: SignedStatement,
) -> Result<Response, ContractError> {
    let oracle = deps.api.addr_validate(&statement.oracle)?;
    // Nanoseconds: a statement relayed a fraction of a second late is late.
    if env.block.time > statement.deadline {
        return Err(ContractError::StatementExpired {
            deadline: statement.deadline,
        });
    }
    let mut storage = ReadOnce::new(deps.storage);
    let record = ORACLES
        .may_load(&storage, oracle.as_str())?
        .filter(|o| o.is_active())
        .ok_or_else(|| ContractError::SignerNotActive {
            oracle: oracle.to_string(),
        })?;
    let key = record
        .signing_key
        .ok_or_else(|| ContractError::NoSigningKey {
            oracle: oracle.to_string(),
        })?;
    let canonical = deps.api.addr_canonicalize(oracle.as_str())?;
    if NONCES.used(&storage, &canonical, statement.nonce) {
        return Err(ContractError::NonceUsed {
            nonce: statement.nonce,
        });
    }
    // The chain id and the registry come from the chain, never from the message: a statement
    // signed for another chain or registry does not verify here.
    let digest = SignDoc {
        chain_id: &env.block.chain_id,
        registry: env.contract.address.as_str(),
        oracle: oracle.as_str(),
        nonce: statement.nonce,
        deadline: statement.deadline,
        actions: &statement.actions,
    }
    .digest()?;
    let verified = statement.signature.len() == SIGNATURE_LEN
        && deps
            .api
            .secp256k1_verify(&digest, &statement.signature, &key)
            .unwrap_or(false);
    if !verified {
        return Err(ContractError::InvalidSignature {});
    }
    NONCES.mark(&mut storage, &canonical, statement.nonce);
    let session = DepsMut {
        storage: &mut storage,
        api: deps.api,
        querier: deps.querier,
    };
    let response = perform_all(session, &env, &oracle, statement.actions)?;
    Ok(response
        .add_attribute("action", "relay")
        .add_attribute("nonce", statement.nonce.to_string())
        .add_attribute("relayer", info.sender))
}
