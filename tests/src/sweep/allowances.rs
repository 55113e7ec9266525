//! Bad inputs to the gated token's allowances: giving them and spending them (`*_from`).

use cosmwasm_std::{Binary, OverflowError, OverflowOperation, Uint128};
use cw_utils::Expiration;
use gated_token::ContractError as TokenError;
use rwa_gate::token::ExecuteMsg as T;

use super::case::{address_cases, case, sub_overflow, Case};
use super::{Fixture, ALLOWED, HELD};

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let holder = fx.addr_str("holder");
    let spender = fx.addr_str("spender");
    let stranger = fx.addr_str("stranger");
    let recipient = fx.addr_str("recipient");
    let receiver = fx.addr_str("receiver");
    let now = fx.s.now();
    let ten = Uint128::new(10);
    let mut c: Vec<Case> = Vec::new();

    // ---- token: allowances
    c.extend(address_cases(fx, "increase_allowance", "holder", |a| {
        T::IncreaseAllowance {
            spender: a,
            amount: ten,
            expires: None,
        }
        .into()
    }));
    c.extend(address_cases(fx, "decrease_allowance", "holder", |a| {
        T::DecreaseAllowance {
            spender: a,
            amount: ten,
            expires: None,
        }
        .into()
    }));
    c.push(case(
        "increase_allowance: own account",
        "holder",
        T::IncreaseAllowance {
            spender: holder.clone(),
            amount: ten,
            expires: None,
        },
        TokenError::CannotSetOwnAccount {},
    ));
    c.push(case(
        "decrease_allowance: own account",
        "holder",
        T::DecreaseAllowance {
            spender: holder.clone(),
            amount: ten,
            expires: None,
        },
        TokenError::CannotSetOwnAccount {},
    ));
    let height = fx.s.block_info().height;
    for (what, expires) in [
        ("expired height", Expiration::AtHeight(height)),
        ("height 0", Expiration::AtHeight(0)),
        ("expired time", Expiration::AtTime(now)),
    ] {
        c.push(case(
            format!("increase_allowance: {what}"),
            "holder",
            T::IncreaseAllowance {
                spender: spender.clone(),
                amount: ten,
                expires: Some(expires),
            },
            TokenError::InvalidExpiration {},
        ));
        c.push(case(
            format!("decrease_allowance (partial): {what}"),
            "holder",
            T::DecreaseAllowance {
                spender: spender.clone(),
                amount: ten,
                expires: Some(expires),
            },
            TokenError::InvalidExpiration {},
        ));
    }
    c.push(case(
        "increase_allowance: Uint128::MAX on top of 50",
        "holder",
        T::IncreaseAllowance {
            spender: spender.clone(),
            amount: Uint128::MAX,
            expires: None,
        },
        TokenError::Overflow(OverflowError::new(OverflowOperation::Add)),
    ));
    c.push(case(
        "decrease_allowance: none given",
        "holder",
        T::DecreaseAllowance {
            spender: stranger.clone(),
            amount: ten,
            expires: None,
        },
        TokenError::NoAllowance {},
    ));

    // ---- token: spending an allowance
    c.extend(address_cases(fx, "transfer_from (owner)", "spender", |a| {
        T::TransferFrom {
            owner: a,
            recipient: recipient.clone(),
            amount: ten,
        }
        .into()
    }));
    c.extend(address_cases(
        fx,
        "transfer_from (recipient)",
        "spender",
        |a| {
            T::TransferFrom {
                owner: holder.clone(),
                recipient: a,
                amount: ten,
            }
            .into()
        },
    ));
    c.extend(address_cases(fx, "send_from (owner)", "spender", |a| {
        T::SendFrom {
            owner: a,
            contract: receiver.clone(),
            amount: ten,
            msg: Binary::default(),
        }
        .into()
    }));
    c.extend(address_cases(fx, "send_from (contract)", "spender", |a| {
        T::SendFrom {
            owner: holder.clone(),
            contract: a,
            amount: ten,
            msg: Binary::default(),
        }
        .into()
    }));
    c.extend(address_cases(fx, "burn_from", "spender", |a| {
        T::BurnFrom {
            owner: a,
            amount: ten,
        }
        .into()
    }));
    let zero = Uint128::zero();
    c.push(case(
        "transfer_from: zero",
        "spender",
        T::TransferFrom {
            owner: holder.clone(),
            recipient: recipient.clone(),
            amount: zero,
        },
        TokenError::InvalidZeroAmount {},
    ));
    c.push(case(
        "send_from: zero",
        "spender",
        T::SendFrom {
            owner: holder.clone(),
            contract: receiver.clone(),
            amount: zero,
            msg: Binary::default(),
        },
        TokenError::InvalidZeroAmount {},
    ));
    c.push(case(
        "burn_from: zero",
        "spender",
        T::BurnFrom {
            owner: holder.clone(),
            amount: zero,
        },
        TokenError::InvalidZeroAmount {},
    ));
    for (what, amount) in [
        ("Uint128::MAX", Uint128::MAX),
        ("allowance + 1", Uint128::new(ALLOWED + 1)),
    ] {
        c.push(case(
            format!("transfer_from: {what}"),
            "spender",
            T::TransferFrom {
                owner: holder.clone(),
                recipient: recipient.clone(),
                amount,
            },
            sub_overflow(),
        ));
        c.push(case(
            format!("send_from: {what}"),
            "spender",
            T::SendFrom {
                owner: holder.clone(),
                contract: receiver.clone(),
                amount,
                msg: Binary::default(),
            },
            sub_overflow(),
        ));
        c.push(case(
            format!("burn_from: {what}"),
            "spender",
            T::BurnFrom {
                owner: holder.clone(),
                amount,
            },
            sub_overflow(),
        ));
    }
    c.push(
        case(
            "transfer_from: allowance larger than the balance",
            "spender",
            T::TransferFrom {
                owner: holder.clone(),
                recipient: recipient.clone(),
                amount: Uint128::new(HELD + 1),
            },
            sub_overflow(),
        )
        .after(|fx| {
            let spender = fx.addr_str("spender");
            fx.send(
                "holder",
                &T::IncreaseAllowance {
                    spender,
                    amount: Uint128::new(1_000),
                    expires: None,
                }
                .into(),
                &[],
            )
            .unwrap();
        }),
    );
    c.push(case(
        "transfer_from: from an owner who gave nothing",
        "spender",
        T::TransferFrom {
            owner: stranger.clone(),
            recipient: recipient.clone(),
            amount: ten,
        },
        TokenError::NoAllowance {},
    ));
    c.push(
        case(
            "burn_from: expired allowance",
            "spender",
            T::BurnFrom {
                owner: holder.clone(),
                amount: ten,
            },
            TokenError::Expired {},
        )
        .after(|fx| {
            let spender = fx.addr_str("spender");
            let at = fx.s.block_info().height + 1;
            fx.send(
                "holder",
                &T::IncreaseAllowance {
                    spender,
                    amount: Uint128::zero(),
                    expires: Some(Expiration::AtHeight(at)),
                }
                .into(),
                &[],
            )
            .unwrap();
            fx.s.advance(10);
        }),
    );
    c
}
