//! `rwa-gate oracle set-signing-key`: the key whose offline signatures count as the oracle's
//! own statements (it may be kept apart from the oracle's online account), and reading such a
//! key.

use std::path::PathBuf;

use clap::Args;
use cosmwasm_std::Binary;
use rwa_gate::registry::ExecuteMsg;
use rwa_gate_client::Wallet;

use crate::context::{read_mnemonic, shown, Ctx};
use crate::error::{Fail, Res};
use crate::input;
use crate::render::delegation::signing_key_set;
use crate::render::Output;

/// Where the statement key comes from.
#[derive(Debug, Args)]
pub struct KeyArgs {
    /// The statement key: a file holding a BIP-39 mnemonic (key m/44'/118'/0'/0/N, N from
    /// --signing-key-index) or a secp256k1 secret key as 64 hex digits [default: the account's
    /// own key, --mnemonic-file or RWA_GATE_MNEMONIC].
    #[arg(long)]
    pub signing_key_file: Option<PathBuf>,
    /// HD index N of the statement key in its mnemonic.
    #[arg(long, default_value_t = 0)]
    pub signing_key_index: u32,
}

impl KeyArgs {
    /// The statement key. Neither the file's words nor the key are ever printed.
    pub fn key(&self, ctx: &mut Ctx) -> Res<Wallet> {
        let Some(path) = &self.signing_key_file else {
            let mnemonic = read_mnemonic(ctx.global.mnemonic_file.as_deref())?;
            return Wallet::from_mnemonic(
                &mnemonic,
                ctx.global.account_index,
                input::ADDRESS_PREFIX,
            )
            .map_err(|_| Fail::usage("The account's mnemonic is not a valid BIP-39 mnemonic."));
        };
        let text = read_mnemonic(Some(path))?;
        let hex_secret = text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit());
        let key = if hex_secret {
            let secret = hex::decode(&text).map_err(|_| Fail::usage("Bad hex secret."))?;
            Wallet::from_secret(&secret, input::ADDRESS_PREFIX)
        } else {
            Wallet::from_mnemonic(&text, self.signing_key_index, input::ADDRESS_PREFIX)
        };
        key.map_err(|_| {
            Fail::usage(format!(
                "The signing key file {} holds neither a BIP-39 mnemonic nor a secp256k1 secret \
                 key (64 hex digits).",
                shown(path)
            ))
        })
    }
}

#[derive(Debug, Args)]
pub struct SetSigningKey {
    #[command(flatten)]
    pub key: KeyArgs,
    /// Remove the registered key: no signed statement counts any more.
    #[arg(long, conflicts_with_all = ["signing_key_file"])]
    pub remove: bool,
}

pub fn exec(ctx: &mut Ctx, a: &SetSigningKey) -> Res<Output> {
    let public_key = if a.remove {
        None
    } else {
        Some(a.key.key(ctx)?.public_key_bytes())
    };
    let oracle = ctx.address()?;
    let msg = ExecuteMsg::SetSigningKey {
        public_key: public_key.clone().map(Binary::from),
    };
    let doing = match &public_key {
        Some(key) => format!(
            "register signing key {} of oracle {oracle}",
            hex::encode(key)
        ),
        None => format!("remove the signing key of oracle {oracle}"),
    };
    let sent = ctx.send_registry(&doing, &msg, &[])?;
    Ok(signing_key_set(&sent, &oracle, public_key.as_deref()))
}
