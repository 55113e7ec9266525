//! A compact binary encoding for the records read or written on every mint: unsigned LEB128
//! varints, length-prefixed bytes. Storage gas is charged per byte (wasmd: 3 per byte read,
//! 30 per byte written), and JSON spends most of a small record's bytes on field names.

use cosmwasm_std::{StdError, Timestamp, Uint128};

/// A record that does not decode: its reader fails closed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed record: {0}")]
pub struct CodecError(pub &'static str);

impl CodecError {
    /// How storage accessors report a record that does not decode.
    pub fn into_std(self) -> StdError {
        StdError::msg(self.to_string())
    }
}

/// The key of a binary record: its one-byte prefix, then its name or id.
pub fn prefixed_key(prefix: u8, rest: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(rest.len() + 1);
    key.push(prefix);
    key.extend_from_slice(rest);
    key
}

#[derive(Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub fn new() -> Self {
        Writer::default()
    }

    pub fn u128(&mut self, mut v: u128) -> &mut Self {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(byte);
                return self;
            }
            self.buf.push(byte | 0x80);
        }
    }

    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.u128(u128::from(v))
    }

    pub fn bool(&mut self, v: bool) -> &mut Self {
        self.buf.push(u8::from(v));
        self
    }

    pub fn bytes(&mut self, v: &[u8]) -> &mut Self {
        self.u64(v.len() as u64);
        self.buf.extend_from_slice(v);
        self
    }

    pub fn str(&mut self, v: &str) -> &mut Self {
        self.bytes(v.as_bytes())
    }

    pub fn opt_u64(&mut self, v: Option<u64>) -> &mut Self {
        match v {
            None => self.bool(false),
            Some(v) => self.bool(true).u64(v),
        }
    }

    pub fn timestamp(&mut self, t: Timestamp) -> &mut Self {
        self.u64(t.nanos())
    }

    pub fn opt_timestamp(&mut self, t: Option<Timestamp>) -> &mut Self {
        self.opt_u64(t.map(|t| t.nanos()))
    }

    /// A SHA-256 digest in lowercase hex takes its 32 raw bytes (a marker byte, then the bytes),
    /// less than half its text; any other text is kept as it is, so every value round-trips.
    pub fn digest(&mut self, hex: &str) -> &mut Self {
        match hex_to_raw(hex) {
            Some(raw) => {
                self.buf.push(1);
                self.buf.extend_from_slice(&raw);
                self
            }
            None => self.bool(false).str(hex),
        }
    }

    pub fn finish(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }
}

pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }

    fn byte(&mut self) -> Result<u8, CodecError> {
        let (&b, rest) = self.bytes.split_first().ok_or(CodecError("truncated"))?;
        self.bytes = rest;
        Ok(b)
    }

    pub fn u128(&mut self) -> Result<u128, CodecError> {
        let mut v: u128 = 0;
        for shift in (0..128).step_by(7) {
            let b = self.byte()?;
            let part = u128::from(b & 0x7f);
            if shift == 126 && part > 0b11 {
                return Err(CodecError("varint overflow"));
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                // The writer never ends a number with a zero byte: one encoding per value.
                if b == 0 && shift > 0 {
                    return Err(CodecError("overlong varint"));
                }
                return Ok(v);
            }
        }
        Err(CodecError("varint too long"))
    }

    pub fn u64(&mut self) -> Result<u64, CodecError> {
        u64::try_from(self.u128()?).map_err(|_| CodecError("u64 overflow"))
    }

    pub fn u32(&mut self) -> Result<u32, CodecError> {
        u32::try_from(self.u128()?).map_err(|_| CodecError("u32 overflow"))
    }

    pub fn bool(&mut self) -> Result<bool, CodecError> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(CodecError("bad bool")),
        }
    }

    pub fn bytes(&mut self) -> Result<&'a [u8], CodecError> {
        let len = usize::try_from(self.u64()?).map_err(|_| CodecError("length"))?;
        if len > self.bytes.len() {
            return Err(CodecError("truncated bytes"));
        }
        let (v, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(v)
    }

    pub fn str(&mut self) -> Result<&'a str, CodecError> {
        std::str::from_utf8(self.bytes()?).map_err(|_| CodecError("not utf-8"))
    }

    pub fn opt_u64(&mut self) -> Result<Option<u64>, CodecError> {
        Ok(if self.bool()? {
            Some(self.u64()?)
        } else {
            None
        })
    }

    pub fn timestamp(&mut self) -> Result<Timestamp, CodecError> {
        self.u64().map(Timestamp::from_nanos)
    }

    pub fn opt_timestamp(&mut self) -> Result<Option<Timestamp>, CodecError> {
        Ok(self.opt_u64()?.map(Timestamp::from_nanos))
    }

    /// The inverse of [`Writer::digest`].
    pub fn digest(&mut self) -> Result<String, CodecError> {
        if self.bool()? {
            if self.bytes.len() < DIGEST_LEN {
                return Err(CodecError("truncated digest"));
            }
            let (raw, rest) = self.bytes.split_at(DIGEST_LEN);
            self.bytes = rest;
            Ok(raw_to_hex(raw))
        } else {
            let text = self.str()?;
            // A hex digest is always written raw: one encoding per value.
            if hex_to_raw(text).is_some() {
                return Err(CodecError("digest not in its raw form"));
            }
            Ok(text.to_string())
        }
    }

    /// Every byte must have been read: trailing bytes mean a layout this code does not know.
    pub fn end(&self) -> Result<(), CodecError> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(CodecError("trailing bytes"))
        }
    }
}

const DIGEST_LEN: usize = 32;
const HEX: &[u8; 16] = b"0123456789abcdef";

fn hex_to_raw(hex: &str) -> Option<[u8; DIGEST_LEN]> {
    let digit = |c: u8| HEX.iter().position(|&h| h == c).map(|v| v as u8);
    let text = hex.as_bytes();
    if text.len() != 2 * DIGEST_LEN {
        return None;
    }
    let mut raw = [0u8; DIGEST_LEN];
    for (byte, pair) in raw.iter_mut().zip(text.chunks_exact(2)) {
        *byte = (digit(pair[0])? << 4) | digit(pair[1])?;
    }
    Some(raw)
}

fn raw_to_hex(raw: &[u8]) -> String {
    let mut hex = String::with_capacity(raw.len() * 2);
    for b in raw {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    hex
}

pub fn uint128(r: &mut Reader) -> Result<Uint128, CodecError> {
    r.u128().map(Uint128::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_small_numbers_take_one_byte() {
        let mut w = Writer::new();
        w.u128(0).u128(127).u128(128).u128(u128::MAX).u64(u64::MAX);
        w.bool(true).str("bond").opt_u64(None).opt_u64(Some(300));
        let bytes = w.finish();
        assert_eq!(&bytes[..2], &[0, 127]);
        let mut r = Reader::new(&bytes);
        assert_eq!(r.u128(), Ok(0));
        assert_eq!(r.u128(), Ok(127));
        assert_eq!(r.u128(), Ok(128));
        assert_eq!(r.u128(), Ok(u128::MAX));
        assert_eq!(r.u64(), Ok(u64::MAX));
        assert_eq!(r.bool(), Ok(true));
        assert_eq!(r.str(), Ok("bond"));
        assert_eq!(r.opt_u64(), Ok(None));
        assert_eq!(r.opt_u64(), Ok(Some(300)));
        assert_eq!(r.end(), Ok(()));
    }

    #[test]
    fn digests_take_their_raw_bytes_and_any_other_text_round_trips() {
        let sha = "0123456789abcdef".repeat(4);
        let mut w = Writer::new();
        w.digest(&sha);
        assert_eq!(w.finish().len(), 33);
        for text in [
            sha.as_str(),
            "ABCDEF",
            &"0123456789ABCDEF".repeat(4),
            "",
            "zz",
        ] {
            let bytes = Writer::new().digest(text).finish();
            let mut r = Reader::new(&bytes);
            assert_eq!(r.digest().as_deref(), Ok(text));
            assert_eq!(r.end(), Ok(()));
        }
        assert_eq!(
            Reader::new(&[1, 0xab]).digest(),
            Err(CodecError("truncated digest"))
        );
        let t = Timestamp::from_nanos(1_770_771_600_123_456_789);
        let bytes = Writer::new().timestamp(t).opt_timestamp(None).finish();
        let mut r = Reader::new(&bytes);
        assert_eq!(r.timestamp(), Ok(t));
        assert_eq!(r.opt_timestamp(), Ok(None));
    }

    #[test]
    fn malformed_input_is_an_error_never_a_panic() {
        assert_eq!(Reader::new(&[]).u64(), Err(CodecError("truncated")));
        assert_eq!(
            Reader::new(&[0xff; 19]).u128(),
            Err(CodecError("varint overflow"))
        );
        assert_eq!(
            Reader::new(&[0x80; 20]).u128(),
            Err(CodecError("varint too long"))
        );
        assert_eq!(Reader::new(&[2]).bool(), Err(CodecError("bad bool")));
        assert_eq!(
            Reader::new(&[5, b'a']).str(),
            Err(CodecError("truncated bytes"))
        );
        assert_eq!(
            Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x0f]).u32(),
            Ok(u32::MAX)
        );
        assert_eq!(
            Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x10]).u32(),
            Err(CodecError("u32 overflow"))
        );
        let r = Reader::new(&[1]);
        assert_eq!(r.end(), Err(CodecError("trailing bytes")));
        assert_eq!(
            Reader::new(&[0xde, 0x00]).u64(),
            Err(CodecError("overlong varint"))
        );
        let sha = "ab".repeat(32);
        let as_text = Writer::new().bool(false).str(&sha).finish();
        assert_eq!(
            Reader::new(&as_text).digest(),
            Err(CodecError("digest not in its raw form"))
        );
    }
}
