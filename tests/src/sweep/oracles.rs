//! Bad inputs to the oracle register: add, rescope, suspend, reactivate, remove.

use compliance_registry::ContractError as RegistryError;
use rwa_gate::registry::ExecuteMsg as R;
use rwa_gate::{Scopes, MAX_ORACLES};

use super::case::{address_cases, case, Case};
use super::Fixture;
use crate::{ALL, FILING};

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let next = fx.addr_str("next");
    let filer = fx.addr_str("filer");
    let mut c: Vec<Case> = Vec::new();

    // ---- oracles
    c.extend(address_cases(fx, "add_oracle", "owner", |a| {
        R::AddOracle {
            address: a,
            scopes: FILING,
        }
        .into()
    }));
    for who in ["filer", "suspended"] {
        let address = fx.addr_str(who);
        c.push(case(
            format!("add_oracle: duplicate ({who})"),
            "owner",
            R::AddOracle {
                address: address.clone(),
                scopes: FILING,
            },
            RegistryError::OracleExists { address },
        ));
    }
    c.push(case(
        "add_oracle: no scope",
        "owner",
        R::AddOracle {
            address: next.clone(),
            scopes: Scopes::default(),
        },
        RegistryError::EmptyScopes {},
    ));
    c.push(
        case(
            "add_oracle: the 17th",
            "owner",
            R::AddOracle {
                address: next.clone(),
                scopes: FILING,
            },
            RegistryError::TooManyOracles { max: MAX_ORACLES },
        )
        .after(|fx| {
            // filer, screener, watcher, suspended: 4 of 16.
            for i in 0..12 {
                let address = fx.addr_str(&format!("extra-oracle-{i}"));
                fx.send(
                    "owner",
                    &R::AddOracle {
                        address,
                        scopes: FILING,
                    }
                    .into(),
                    &[],
                )
                .unwrap();
            }
        }),
    );
    c.extend(address_cases(fx, "update_oracle_scopes", "owner", |a| {
        R::UpdateOracleScopes {
            address: a,
            scopes: ALL,
        }
        .into()
    }));
    for who in ["stranger", "removed"] {
        let address = fx.addr_str(who);
        c.push(case(
            format!("update_oracle_scopes: unknown oracle ({who})"),
            "owner",
            R::UpdateOracleScopes {
                address: address.clone(),
                scopes: ALL,
            },
            RegistryError::OracleNotFound { address },
        ));
    }
    c.push(case(
        "update_oracle_scopes: no scope",
        "owner",
        R::UpdateOracleScopes {
            address: filer.clone(),
            scopes: Scopes::default(),
        },
        RegistryError::EmptyScopes {},
    ));
    c.extend(address_cases(fx, "suspend_oracle", "owner", |a| {
        R::SuspendOracle { address: a }.into()
    }));
    for who in ["stranger", "removed"] {
        let address = fx.addr_str(who);
        c.push(case(
            format!("suspend_oracle: unknown oracle ({who})"),
            "owner",
            R::SuspendOracle {
                address: address.clone(),
            },
            RegistryError::OracleNotFound { address },
        ));
    }
    let suspended = fx.addr_str("suspended");
    c.push(case(
        "suspend_oracle: already suspended",
        "owner",
        R::SuspendOracle {
            address: suspended.clone(),
        },
        RegistryError::OracleAlreadySuspended { address: suspended },
    ));
    c.extend(address_cases(fx, "reactivate_oracle", "owner", |a| {
        R::ReactivateOracle { address: a }.into()
    }));
    c.push(case(
        "reactivate_oracle: not suspended",
        "owner",
        R::ReactivateOracle {
            address: filer.clone(),
        },
        RegistryError::OracleNotSuspended {
            address: filer.clone(),
        },
    ));
    let removed = fx.addr_str("removed");
    c.push(case(
        "reactivate_oracle: removed oracle",
        "owner",
        R::ReactivateOracle {
            address: removed.clone(),
        },
        RegistryError::OracleNotFound {
            address: removed.clone(),
        },
    ));
    c.extend(address_cases(fx, "remove_oracle", "owner", |a| {
        R::RemoveOracle { address: a }.into()
    }));
    c.push(case(
        "remove_oracle: already removed",
        "owner",
        R::RemoveOracle {
            address: removed.clone(),
        },
        RegistryError::OracleNotFound { address: removed },
    ));
    c
}
