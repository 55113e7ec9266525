//! Bad inputs to statements signed offline: malformed signing keys, and relayed statements that
//! are forged, tampered with, replayed, truncated, signed for another chain or registry, late,
//! by an oracle that is not active or has no key (any more), or signed with a key rotated away.
//! Every hostile eligibility action of `watcher` (the oracle with a key) is relayed too: refused
//! with the same error, at index 0, and its nonce left unspent.

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::Binary;
use rwa_gate::registry::{ExecuteMsg as R, OracleAction, SignedStatement, MAX_BATCH};

use super::batches::batch_refused;
use super::case::{address_cases, case, Case};
use super::messages::{action, oracle_action};
use super::{holders, message, Fixture, Msg, WATCHER_KEY};
use crate::oracles::{OracleKey, Unsigned};
use crate::DAY;

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let mut c = key_cases();
    c.extend(signature_cases(fx));
    c.extend(standing_cases(fx));
    c.extend(statement_cases(fx));
    let watchers = holders::cases(fx);
    c.extend(relayed(fx, watchers));
    c
}

fn set_key(bytes: Vec<u8>) -> Msg {
    R::SetSigningKey {
        public_key: Some(Binary::from(bytes)),
    }
    .into()
}

fn relay(statement: SignedStatement) -> Msg {
    R::Relay { statement }.into()
}

/// secp256k1's field modulus p: an x at or beyond it names no point.
const FIELD_MODULUS: [u8; 32] = {
    let mut p = [0xff; 32];
    p[27] = 0xfe;
    p[30] = 0xfc;
    p[31] = 0x2f;
    p
};

/// Public keys that are not a compressed point on the curve.
fn key_cases() -> Vec<Case> {
    let real = OracleKey::from_seed("a real key");
    let compressed = real.public_key().to_vec();
    let with_prefix = |prefix: u8| {
        let mut k = compressed.clone();
        k[0] = prefix;
        k
    };
    let x = |x: [u8; 32]| [&[2u8][..], &x[..]].concat();
    let mut five = [0u8; 32];
    five[31] = 5;
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("32 bytes", compressed[..32].to_vec()),
        ("34 bytes", [&compressed[..], &[0u8][..]].concat()),
        (
            "uncompressed (65 bytes)",
            real.uncompressed_public_key().to_vec(),
        ),
        ("prefix 0x04 on 33 bytes", with_prefix(4)),
        ("prefix 0x00", with_prefix(0)),
        ("prefix 0x01", with_prefix(1)),
        ("x = p", x(FIELD_MODULUS)),
        ("x = 2^256 - 1", x([0xff; 32])),
        // 5³ + 7 is not a square modulo p: no point has x = 5.
        ("x = 5, not on the curve", x(five)),
    ];
    bad.into_iter()
        .map(|(what, bytes)| {
            case(
                format!("set_signing_key: {what}"),
                "filer",
                set_key(bytes),
                RegistryError::InvalidSigningKey {},
            )
        })
        .collect()
}

/// Signatures that do not verify with `watcher`'s key for this chain and registry.
fn signature_cases(fx: &mut Fixture) -> Vec<Case> {
    let actions = vec![action(message(fx, "attest_eligibility"))];
    let good = fx.signed_by_watcher(1, &actions);
    let deadline = good.deadline;
    let watcher = fx.addr_str("watcher");
    let sign_for = |chain_id: &str, registry: &str| {
        let unsigned = Unsigned {
            oracle: &watcher,
            nonce: 1,
            deadline,
            actions: &actions,
        };
        OracleKey::from_seed(WATCHER_KEY).sign(&unsigned, chain_id, registry)
    };
    let chain_id = fx.s.block_info().chain_id;
    let registry = fx.s.registry.clone();
    let elsewhere = fx.addr_str("elsewhere");
    let with_signature = |bytes: Vec<u8>| SignedStatement {
        signature: Binary::from(bytes),
        ..good.clone()
    };
    let sig = good.signature.to_vec();
    let mut flipped = sig.clone();
    flipped[10] ^= 1;
    let mut other_nonce = good.clone();
    other_nonce.nonce = 2;
    let mut other_deadline = good.clone();
    other_deadline.deadline = deadline.plus_nanos(1);
    let mut other_actions = good.clone();
    other_actions.actions = vec![action(message(fx, "revoke_eligibility"))];
    let statements = vec![
        (
            "forged (another key)",
            fx.signed_with("forger", 1, deadline, &actions),
        ),
        (
            "signed for another chain",
            sign_for("another-chain-1", &registry),
        ),
        (
            "signed for another registry",
            sign_for(&chain_id, &elsewhere),
        ),
        (
            "truncated signature (63 bytes)",
            with_signature(sig[..63].to_vec()),
        ),
        (
            "65-byte signature",
            with_signature([&sig[..], &[1u8][..]].concat()),
        ),
        ("empty signature", with_signature(vec![])),
        ("zero signature", with_signature(vec![0; 64])),
        ("a bit of the signature flipped", with_signature(flipped)),
        (
            "r and s swapped",
            with_signature([&sig[32..], &sig[..32]].concat()),
        ),
        ("another nonce", other_nonce),
        ("another deadline", other_deadline),
        ("other actions", other_actions),
    ];
    statements
        .into_iter()
        .map(|(what, statement)| {
            case(
                format!("relay: {what}"),
                "stranger",
                relay(statement),
                RegistryError::InvalidSignature {},
            )
        })
        .collect()
}

/// Good statements refused for the oracle's standing, its key, the nonce or the deadline.
fn standing_cases(fx: &mut Fixture) -> Vec<Case> {
    let actions = vec![action(message(fx, "attest_eligibility"))];
    let good = fx.signed_by_watcher(1, &actions);
    let watcher = fx.addr_str("watcher");
    let now = fx.s.now();
    let in_name_of = |fx: &mut Fixture, who: &str| {
        let oracle = fx.addr_str(who);
        let unsigned = Unsigned {
            oracle: &oracle,
            nonce: 1,
            deadline: good.deadline,
            actions: &actions,
        };
        let chain_id = fx.s.block_info().chain_id;
        let registry = fx.s.registry.clone();
        OracleKey::from_seed(who).sign(&unsigned, &chain_id, &registry)
    };
    let not_active = |fx: &mut Fixture, who: &str| RegistryError::SignerNotActive {
        oracle: fx.addr_str(who),
    };
    let mut c = vec![
        case(
            "relay: a used nonce",
            "stranger",
            relay(good.clone()),
            RegistryError::NonceUsed { nonce: 1 },
        )
        .after(relayed_once(good.clone())),
        case(
            "relay: after the deadline, by a nanosecond",
            "stranger",
            relay(fx.signed_with(WATCHER_KEY, 1, now.minus_nanos(1), &actions)),
            RegistryError::StatementExpired {
                deadline: now.minus_nanos(1),
            },
        ),
        case(
            "relay: by a suspended oracle",
            "stranger",
            relay(good.clone()),
            not_active(fx, "watcher"),
        )
        .after(suspend_watcher),
        case(
            "relay: key removed",
            "stranger",
            relay(good.clone()),
            RegistryError::NoSigningKey {
                oracle: watcher.clone(),
            },
        )
        .after(|fx| send_ok(fx, "watcher", R::SetSigningKey { public_key: None })),
        case(
            "relay: signed with a key rotated away",
            "stranger",
            relay(good.clone()),
            RegistryError::InvalidSignature {},
        )
        .after(|fx| {
            let public_key = Some(OracleKey::from_seed("watcher's next key").public_key());
            send_ok(fx, "watcher", R::SetSigningKey { public_key })
        }),
        case(
            "relay: no key registered",
            "stranger",
            relay(in_name_of(fx, "filer")),
            RegistryError::NoSigningKey {
                oracle: fx.addr_str("filer"),
            },
        ),
    ];
    for who in ["suspended", "removed", "stranger", "issuer"] {
        c.push(case(
            format!("relay: in the name of {who}"),
            "stranger",
            relay(in_name_of(fx, who)),
            not_active(fx, who),
        ));
    }
    c
}

/// Statements that verify, refused for what they hold: no action, too many, a malformed oracle
/// address.
fn statement_cases(fx: &mut Fixture) -> Vec<Case> {
    let one = action(message(fx, "attest_eligibility"));
    let deadline = fx.s.now().plus_seconds(DAY);
    let mut c = vec![
        case(
            "relay: no action",
            "stranger",
            relay(fx.signed_by_watcher(1, &[])),
            RegistryError::EmptyBatch {},
        ),
        case(
            format!("relay: {} actions", MAX_BATCH + 1),
            "stranger",
            relay(fx.signed_by_watcher(1, &vec![one.clone(); MAX_BATCH + 1])),
            RegistryError::BatchTooLarge { max: MAX_BATCH },
        ),
    ];
    let good = fx.signed_by_watcher(1, &[one]);
    c.extend(address_cases(fx, "relay: oracle", "stranger", |oracle| {
        relay(SignedStatement {
            oracle,
            deadline,
            ..good.clone()
        })
    }));
    c
}

/// Each case of `watcher`'s that sends one oracle action, signed by `watcher` and relayed by a
/// stranger: the same refusal, at index 0.
fn relayed(fx: &mut Fixture, cases: Vec<Case>) -> Vec<Case> {
    cases
        .into_iter()
        .filter(|c| c.sender == "watcher")
        .filter_map(|c| {
            let Msg::Registry(msg) = &c.msg else {
                return None;
            };
            let action: OracleAction = oracle_action(msg.clone())?;
            let statement = fx.signed_by_watcher(1, &[action]);
            let expected = batch_refused(vec![(0, c.expected.clone())]).to_string();
            Some(Case {
                what: format!("relayed: {}", c.what),
                sender: "stranger",
                msg: relay(statement),
                expected,
                ..c
            })
        })
        .collect()
}

fn send_ok(fx: &mut Fixture, sender: &str, msg: R) {
    fx.send(sender, &msg.into(), &[]).expect("set-up message");
}

fn suspend_watcher(fx: &mut Fixture) {
    let address = fx.addr_str("watcher");
    send_ok(fx, "owner", R::SuspendOracle { address });
}

fn relayed_once(statement: SignedStatement) -> impl Fn(&mut Fixture) + 'static {
    move |fx| {
        send_ok(
            fx,
            "stranger",
            R::Relay {
                statement: statement.clone(),
            },
        )
    }
}
