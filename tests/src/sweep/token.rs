//! Bad inputs to the gated token's own movements: transfer, burn, send, and mint.

use cosmwasm_std::{Binary, Uint128};
use gated_token::ContractError as TokenError;
use rwa_gate::token::ExecuteMsg as T;

use super::case::{address_cases, case, denied, sub_overflow, Case};
use super::{Fixture, HELD};
use crate::{Denial, MAX_SUPPLY};

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let recipient = fx.addr_str("recipient");
    let receiver = fx.addr_str("receiver");
    let ten = Uint128::new(10);
    let mut c: Vec<Case> = Vec::new();

    // ---- token: transfer, burn, send
    let amounts_over_balance = [
        ("Uint128::MAX", Uint128::MAX),
        ("balance + 1", Uint128::new(HELD + 1)),
    ];
    c.extend(address_cases(fx, "transfer", "holder", |a| {
        T::Transfer {
            recipient: a,
            amount: ten,
        }
        .into()
    }));
    c.push(case(
        "transfer: zero",
        "holder",
        T::Transfer {
            recipient: recipient.clone(),
            amount: Uint128::zero(),
        },
        TokenError::InvalidZeroAmount {},
    ));
    c.extend(address_cases(fx, "send", "holder", |a| {
        T::Send {
            contract: a,
            amount: ten,
            msg: Binary::default(),
        }
        .into()
    }));
    c.push(case(
        "send: zero",
        "holder",
        T::Send {
            contract: receiver.clone(),
            amount: Uint128::zero(),
            msg: Binary::default(),
        },
        TokenError::InvalidZeroAmount {},
    ));
    c.push(case(
        "burn: zero",
        "holder",
        T::Burn {
            amount: Uint128::zero(),
        },
        TokenError::InvalidZeroAmount {},
    ));
    for (what, amount) in amounts_over_balance {
        c.push(case(
            format!("transfer: {what}"),
            "holder",
            T::Transfer {
                recipient: recipient.clone(),
                amount,
            },
            sub_overflow(),
        ));
        c.push(case(
            format!("send: {what}"),
            "holder",
            T::Send {
                contract: receiver.clone(),
                amount,
                msg: Binary::default(),
            },
            sub_overflow(),
        ));
        c.push(case(
            format!("burn: {what}"),
            "holder",
            T::Burn { amount },
            sub_overflow(),
        ));
    }

    // ---- token: mint
    c.extend(address_cases(fx, "mint", "minter", |a| {
        T::Mint {
            recipient: a,
            amount: ten,
        }
        .into()
    }));
    let cap = Uint128::new(MAX_SUPPLY);
    let minted = Uint128::new(HELD);
    for (what, amount, reasons) in [
        ("zero", Uint128::zero(), vec![Denial::ZeroAmount]),
        (
            "Uint128::MAX",
            Uint128::MAX,
            vec![Denial::CapExceeded {
                cap,
                minted,
                requested: Uint128::MAX,
            }],
        ),
        (
            "cap + 1",
            Uint128::new(MAX_SUPPLY - HELD + 1),
            vec![Denial::CapExceeded {
                cap,
                minted,
                requested: Uint128::new(MAX_SUPPLY - HELD + 1),
            }],
        ),
    ] {
        c.push(case(
            format!("mint: {what}"),
            "minter",
            T::Mint {
                recipient: recipient.clone(),
                amount,
            },
            denied(reasons),
        ));
    }
    c
}
