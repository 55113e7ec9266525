//! The SDK messages the client builds, ready to sign alone or batched, and the encodings
//! they share.

use std::io::Write;

use cosmrs::tx::Msg;
use cosmrs::{AccountId, Any, Coin, Denom};
use flate2::write::GzEncoder;
use flate2::Compression;
use serde::Serialize;

use crate::{Error, Result, Wallet};

/// The first two bytes of every gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// A bank `MsgSend` of `amount` `denom` from `wallet` to `to`, as `Any`.
pub fn bank_send_msg(wallet: &Wallet, to: &AccountId, denom: &str, amount: u128) -> Result<Any> {
    let denom: Denom = denom
        .parse()
        .map_err(|e| Error::Config(format!("bad denom {denom}: {e}")))?;
    to_any(cosmrs::bank::MsgSend {
        from_address: wallet.address().clone(),
        to_address: to.clone(),
        amount: vec![Coin { denom, amount }],
    })
}

/// A `MsgStoreCode` of `wasm` as `Any` (to simulate or to batch). The code is sent
/// gzip-compressed, as wasmd's own CLI sends it: x/wasm inflates it before storing, records the
/// checksum of the uncompressed code, and the transaction is about a third of the size (it fits
/// a node's default 1 MiB transaction and 1,000,000-byte request limits, and pays less gas per
/// byte). Bytes that are gzip already are sent as they are.
pub fn store_code_msg(wallet: &Wallet, wasm: &[u8]) -> Result<Any> {
    to_any(cosmrs::cosmwasm::MsgStoreCode {
        sender: wallet.address().clone(),
        wasm_byte_code: gzip(wasm)?,
        instantiate_permission: None,
    })
}

/// `bytes` gzip-compressed (at the best ratio: a code is compressed once, stored for good);
/// unchanged when they are gzip already.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    if bytes.starts_with(&GZIP_MAGIC) {
        return Ok(bytes.to_vec());
    }
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 2), Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|e| Error::Encode(format!("cannot gzip {} bytes: {e}", bytes.len())))
}
/// A message of the SDK as `Any`, ready to sign.
pub(crate) fn to_any<M: Msg>(msg: M) -> Result<Any> {
    msg.into_any().map_err(|e| Error::Encode(e.to_string()))
}

pub(crate) fn to_json<M: Serialize>(msg: &M) -> Result<Vec<u8>> {
    serde_json::to_vec(msg).map_err(|e| Error::Encode(e.to_string()))
}

/// A bech32 account or contract address, checked before anything is sent.
pub(crate) fn parse_address(address: &str) -> Result<AccountId> {
    // cosmrs' reason only repeats the text ("invalid bech32: '…'").
    address.parse().map_err(|_| Error::Invalid {
        what: "address".into(),
        input: address.to_string(),
        reason: "not a bech32 address (wasm1…)".into(),
    })
}

/// sha256 of `bytes`: the checksum x/wasm gives a stored code.
pub fn sha256(bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec()
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use cosmrs::proto::prost::Message;

    use super::*;

    #[test]
    fn codes_are_sent_gzip_compressed_and_inflate_to_the_same_bytes() {
        // A wasm header followed by a repetitive body, as code sections are.
        let wasm: Vec<u8> = b"\0asm\x01\0\0\0"
            .iter()
            .copied()
            .chain((0..100_000u32).map(|i| (i % 251) as u8))
            .collect();
        let compressed = gzip(&wasm).unwrap();
        assert!(compressed.starts_with(&GZIP_MAGIC));
        assert!(compressed.len() < wasm.len() / 10, "{}", compressed.len());
        let mut inflated = Vec::new();
        flate2::read::GzDecoder::new(compressed.as_slice())
            .read_to_end(&mut inflated)
            .unwrap();
        assert_eq!(inflated, wasm);
        // Compressed once only: gzip bytes go as they are.
        assert_eq!(gzip(&compressed).unwrap(), compressed);
    }

    #[test]
    fn a_malformed_address_is_refused_in_plain_words() {
        assert_eq!(
            parse_address("wasm1notanaddress").unwrap_err().to_string(),
            "bad address `wasm1notanaddress`: not a bech32 address (wasm1…)"
        );
    }

    #[test]
    fn a_store_code_message_carries_the_compressed_code() {
        let wallet = Wallet::from_mnemonic(
            "melody candy tennis desert bar dog love caution crop shield hood trouble hockey \
             nominee surface hazard bid novel mixed garbage ordinary mobile toss mechanic",
            0,
            "wasm",
        )
        .unwrap();
        let wasm = vec![7u8; 50_000];
        let any = store_code_msg(&wallet, &wasm).unwrap();
        let msg =
            cosmrs::proto::cosmwasm::wasm::v1::MsgStoreCode::decode(any.value.as_slice()).unwrap();
        assert_eq!(any.type_url, "/cosmwasm.wasm.v1.MsgStoreCode");
        assert_eq!(msg.wasm_byte_code, gzip(&wasm).unwrap());
        assert_eq!(msg.sender, wallet.address().to_string());
    }
}
