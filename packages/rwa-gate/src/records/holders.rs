//! The holder side's records: the registry's oracles and eligibility statements (read by the
//! token with raw queries on every movement under terms), and the token's transfer rules and
//! per-holder counters. Binary: the token reads them on every transfer, at 3 gas per byte.

use cosmwasm_std::{Addr, QuerierWrapper, StdResult, Storage};

use crate::codec::{prefixed_key, uint128, CodecError, Reader, Writer};
use crate::distribution::{
    DistributionTerms, Eligibility, EligibilityRecord, EligibilityStatus, Holding, InvestorClass,
    OutflowLimit, MAX_EXCLUDED_JURISDICTIONS,
};
use crate::types::{Evidence, Oracle, OracleStatus, Scopes};

// Registry side.

/// Oracle records: prefix, then the oracle's address.
pub const ORACLE_PREFIX: u8 = 0x06;
/// Current eligibility statement of each account: prefix, then the account's address.
pub const ELIGIBILITY_PREFIX: u8 = 0x07;
/// Superseded eligibility statements: prefix, the address's length, the address, the id.
pub const ELIGIBILITY_HISTORY_PREFIX: u8 = 0x08;
/// The standing of each eligibility oracle's enrolment: prefix, then the enrolment (varint).
/// Present exactly while that enrolment is active and eligibility-scoped, so a token checks the
/// oracle behind a statement with one read of a three-byte key.
pub const ELIGIBILITY_STANDING_PREFIX: u8 = 0x09;

/// Layout versions: a reader refuses any other (fail closed). An oracle with a signing key is
/// written in layout 2 (the key appended); one without keeps layout 1, the bytes of v0.4.0.
const ORACLE_LAYOUT: u64 = 1;
const ORACLE_LAYOUT_WITH_KEY: u64 = 2;
const ELIGIBILITY_LAYOUT: u64 = 1;
const RULES_LAYOUT: u64 = 1;

pub fn oracle_key(address: &str) -> Vec<u8> {
    prefixed_key(ORACLE_PREFIX, address.as_bytes())
}

/// About 15 bytes instead of about 195 of JSON: read by every attestation, flag vote and, for
/// an eligibility oracle, every movement under terms.
pub fn encode_oracle(o: &Oracle) -> Vec<u8> {
    let layout = match o.signing_key {
        Some(_) => ORACLE_LAYOUT_WITH_KEY,
        None => ORACLE_LAYOUT,
    };
    let mut w = Writer::new();
    w.u64(layout)
        .u64(o.scopes.bits().into())
        .bool(o.status == OracleStatus::Suspended)
        .timestamp(o.added_at)
        .u64(o.trusted_after)
        .u64(o.enrolment);
    if let Some(key) = &o.signing_key {
        w.bytes(key);
    }
    w.finish()
}

pub fn decode_oracle(address: &str, bytes: &[u8]) -> Result<Oracle, CodecError> {
    let mut r = Reader::new(bytes);
    let layout = r.u64()?;
    if layout != ORACLE_LAYOUT && layout != ORACLE_LAYOUT_WITH_KEY {
        return Err(CodecError("unknown oracle layout"));
    }
    let scopes = u8::try_from(r.u64()?)
        .map(Scopes::from_bits)
        .map_err(|_| CodecError("unknown oracle scope"))?;
    let oracle = Oracle {
        address: Addr::unchecked(address),
        scopes,
        status: if r.bool()? {
            OracleStatus::Suspended
        } else {
            OracleStatus::Active
        },
        added_at: r.timestamp()?,
        trusted_after: r.u64()?,
        enrolment: r.u64()?,
        signing_key: None,
    };
    let oracle = Oracle {
        signing_key: if layout == ORACLE_LAYOUT_WITH_KEY {
            Some(cosmwasm_std::Binary::from(r.bytes()?))
        } else {
            None
        },
        ..oracle
    };
    r.end()?;
    Ok(oracle)
}

pub fn eligibility_standing_key(enrolment: u64) -> Vec<u8> {
    prefixed_key(
        ELIGIBILITY_STANDING_PREFIX,
        &Writer::new().u64(enrolment).finish(),
    )
}

/// Whether the oracle enrolment behind a statement may still vouch for eligibility at
/// `registry` (active, not removed, still eligibility-scoped), with one raw query.
pub fn query_eligibility_standing(
    querier: &QuerierWrapper,
    registry: &Addr,
    enrolment: u64,
) -> StdResult<bool> {
    Ok(querier
        .query_wasm_raw(registry, eligibility_standing_key(enrolment))?
        .is_some())
}

fn class_tag(class: InvestorClass) -> u64 {
    class.bit().into()
}

fn read_class(r: &mut Reader) -> Result<InvestorClass, CodecError> {
    u8::try_from(r.u64()?)
        .ok()
        .and_then(InvestorClass::from_bit)
        .ok_or(CodecError("unknown investor class"))
}

/// Evidence as every binary record keeps it: the digest raw, then the optional URI.
pub fn write_evidence(w: &mut Writer, e: &Evidence) {
    w.digest(&e.digest);
    match &e.uri {
        None => w.bool(false),
        Some(uri) => w.bool(true).str(uri),
    };
}

/// The inverse of [`write_evidence`].
pub fn read_evidence(r: &mut Reader) -> Result<Evidence, CodecError> {
    let digest = r.digest()?;
    let uri = if r.bool()? {
        Some(r.str()?.to_string())
    } else {
        None
    };
    Ok(Evidence { digest, uri })
}

pub fn encode_eligibility(rec: &EligibilityRecord) -> Vec<u8> {
    let e = &rec.statement;
    let status = match e.status {
        EligibilityStatus::Eligible => 0,
        EligibilityStatus::Revoked => 1,
        EligibilityStatus::Lost => 2,
    };
    let mut w = Writer::new();
    w.u64(ELIGIBILITY_LAYOUT)
        .u64(e.id)
        .u64(status)
        .str(e.oracle.as_str())
        .u64(e.enrolment)
        .u64(e.epoch)
        .digest(&e.holder)
        .u64(class_tag(e.class))
        .str(&e.jurisdiction)
        .timestamp(e.issued_at)
        .timestamp(e.expires_at);
    write_evidence(&mut w, &rec.evidence);
    w.opt_timestamp(rec.revoked_at);
    match &rec.revocation {
        None => w.bool(false),
        Some(e) => {
            w.bool(true);
            write_evidence(&mut w, e);
            &mut w
        }
    };
    w.finish()
}

pub fn decode_eligibility(account: &str, bytes: &[u8]) -> Result<EligibilityRecord, CodecError> {
    let mut r = Reader::new(bytes);
    if r.u64()? != ELIGIBILITY_LAYOUT {
        return Err(CodecError("unknown eligibility layout"));
    }
    let id = r.u64()?;
    let status = match r.u64()? {
        0 => EligibilityStatus::Eligible,
        1 => EligibilityStatus::Revoked,
        2 => EligibilityStatus::Lost,
        _ => return Err(CodecError("unknown eligibility status")),
    };
    let statement = Eligibility {
        account: Addr::unchecked(account),
        id,
        status,
        oracle: Addr::unchecked(r.str()?),
        enrolment: r.u64()?,
        epoch: r.u64()?,
        holder: r.digest()?,
        class: read_class(&mut r)?,
        jurisdiction: r.str()?.to_string(),
        issued_at: r.timestamp()?,
        expires_at: r.timestamp()?,
    };
    let evidence = read_evidence(&mut r)?;
    let revoked_at = r.opt_timestamp()?;
    let revocation = if r.bool()? {
        Some(read_evidence(&mut r)?)
    } else {
        None
    };
    r.end()?;
    Ok(EligibilityRecord {
        statement,
        evidence,
        revoked_at,
        revocation,
    })
}

pub fn eligibility_key(account: &str) -> Vec<u8> {
    prefixed_key(ELIGIBILITY_PREFIX, account.as_bytes())
}

/// The current eligibility statement of `account` at `registry`, with one raw query.
pub fn query_eligibility(
    querier: &QuerierWrapper,
    registry: &Addr,
    account: &Addr,
) -> StdResult<Option<EligibilityRecord>> {
    match querier.query_wasm_raw(registry, eligibility_key(account.as_str()))? {
        None => Ok(None),
        Some(bytes) => decode_eligibility(account.as_str(), &bytes)
            .map(Some)
            .map_err(CodecError::into_std),
    }
}

// Token side.

/// The token's transfer rules: the asset's active freezing flags (R5) and the distribution
/// terms in force, pushed by the registry. Absent while both are empty, so that a transfer of
/// an asset without terms pays for one absent key, as before there were terms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TransferRules {
    pub frozen: Vec<u64>,
    /// Boxed: the record is read and moved on every transfer, terms or not.
    pub terms: Option<Box<TermsInForce>>,
}

/// Terms in force on a token, with the registry that keeps the eligibility statements they
/// need: kept in the same record so that a transfer reads no other key of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermsInForce {
    pub registry: Addr,
    pub terms: DistributionTerms,
}

pub const TRANSFER_RULES_KEY: &[u8] = b"f";
/// Distinct holder ids with a counted balance (only while the terms have limits).
pub const HOLDER_COUNT_KEY: &[u8] = b"n";
/// Per-holder counters: this prefix, then the holder key ([`holder_key`]).
pub const HOLDING_PREFIX: u8 = b'h';

pub fn write_terms(w: &mut Writer, t: &DistributionTerms) {
    match &t.classes {
        None => w.bool(false),
        Some(c) => w.bool(true).u64(crate::distribution::class_mask(c).into()),
    };
    w.u64(t.excluded_jurisdictions.len() as u64);
    for code in &t.excluded_jurisdictions {
        w.str(code);
    }
    w.opt_timestamp(t.lockup_until)
        .opt_u64(t.max_holders.map(u64::from));
    match t.max_balance {
        None => w.bool(false),
        Some(v) => w.bool(true).u128(v.u128()),
    };
    match t.max_outflow {
        None => w.bool(false),
        Some(o) => w.bool(true).u128(o.amount.u128()).u64(o.period_seconds),
    };
}

pub fn read_terms(r: &mut Reader) -> Result<DistributionTerms, CodecError> {
    let classes = if r.bool()? {
        let mask = r.u64()?;
        Some(
            InvestorClass::ALL
                .into_iter()
                .filter(|c| mask & u64::from(c.bit()) != 0)
                .collect(),
        )
    } else {
        None
    };
    let count = r.u64()?;
    if count > MAX_EXCLUDED_JURISDICTIONS as u64 {
        return Err(CodecError("too many jurisdictions"));
    }
    let excluded_jurisdictions = (0..count)
        .map(|_| r.str().map(str::to_string))
        .collect::<Result<_, _>>()?;
    let lockup_until = r.opt_timestamp()?;
    let max_holders = r.opt_u64()?.map(u32::try_from).transpose();
    let max_holders = max_holders.map_err(|_| CodecError("max holders overflow"))?;
    let max_balance = if r.bool()? { Some(uint128(r)?) } else { None };
    let max_outflow = if r.bool()? {
        Some(OutflowLimit {
            amount: uint128(r)?,
            period_seconds: r.u64()?,
        })
    } else {
        None
    };
    Ok(DistributionTerms {
        classes,
        excluded_jurisdictions,
        lockup_until,
        max_holders,
        max_balance,
        max_outflow,
    })
}

impl TransferRules {
    pub fn is_empty(&self) -> bool {
        self.frozen.is_empty() && self.terms.is_none()
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.u64(RULES_LAYOUT).u64(self.frozen.len() as u64);
        for id in &self.frozen {
            w.u64(*id);
        }
        match &self.terms {
            None => w.bool(false),
            Some(t) => {
                w.bool(true).str(t.registry.as_str());
                write_terms(&mut w, &t.terms);
                &mut w
            }
        };
        w.finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let mut r = Reader::new(bytes);
        if r.u64()? != RULES_LAYOUT {
            return Err(CodecError("unknown transfer rules layout"));
        }
        let count = r.u64()?;
        if count > crate::MAX_ACTIVE_FLAGS_PER_SUBJECT as u64 {
            return Err(CodecError("too many freezing flags"));
        }
        let frozen = (0..count).map(|_| r.u64()).collect::<Result<_, _>>()?;
        let terms = if r.bool()? {
            let registry = Addr::unchecked(r.str()?);
            Some(Box::new(TermsInForce {
                registry,
                terms: read_terms(&mut r)?,
            }))
        } else {
            None
        };
        r.end()?;
        Ok(TransferRules { frozen, terms })
    }

    pub fn load(storage: &dyn Storage) -> StdResult<Self> {
        match storage.get(TRANSFER_RULES_KEY) {
            None => Ok(TransferRules::default()),
            Some(bytes) => Self::decode(&bytes).map_err(CodecError::into_std),
        }
    }

    /// The rules of another contract (a token), with a raw query. A token not yet migrated from
    /// v0.3.0 keeps its freeze as a JSON list under the same key: it has no terms.
    pub fn query(querier: &QuerierWrapper, token: &Addr) -> StdResult<Self> {
        let Some(bytes) = querier.query_wasm_raw(token, TRANSFER_RULES_KEY)? else {
            return Ok(TransferRules::default());
        };
        match Self::decode(&bytes) {
            Ok(rules) => Ok(rules),
            Err(e) => match cosmwasm_std::from_json::<Vec<u64>>(&bytes) {
                Ok(frozen) => Ok(TransferRules {
                    frozen,
                    terms: None,
                }),
                Err(_) => Err(e.into_std()),
            },
        }
    }

    pub fn save(&self, storage: &mut dyn Storage) {
        if self.is_empty() {
            storage.remove(TRANSFER_RULES_KEY);
        } else {
            storage.set(TRANSFER_RULES_KEY, &self.encode());
        }
    }
}

/// The key of a holder's counters: its holder id's 32 raw bytes, or, for an account without an
/// eligibility statement (a balance from before the terms), `@` and the address: never 32
/// bytes long, so the two can never meet.
pub fn holder_key(eligibility: Option<&Eligibility>, account: &Addr) -> Vec<u8> {
    let mut key = vec![HOLDING_PREFIX];
    let raw = eligibility.and_then(|e| {
        let mut w = Writer::new();
        w.digest(&e.holder);
        let bytes = w.finish();
        // A digest written raw is a marker byte and its 32 bytes.
        (bytes.len() == 33).then(|| bytes[1..].to_vec())
    });
    match raw {
        Some(raw) => key.extend_from_slice(&raw),
        None => {
            key.push(b'@');
            key.extend_from_slice(account.as_bytes());
        }
    }
    key
}

impl Holding {
    pub fn encode(&self) -> Vec<u8> {
        Writer::new()
            .u128(self.balance.u128())
            .timestamp(self.window_start)
            .u128(self.moved_out.u128())
            .finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let mut r = Reader::new(bytes);
        let holding = Holding {
            balance: uint128(&mut r)?,
            window_start: r.timestamp()?,
            moved_out: uint128(&mut r)?,
        };
        r.end()?;
        Ok(holding)
    }

    pub fn load(storage: &dyn Storage, key: &[u8]) -> StdResult<Self> {
        match storage.get(key) {
            None => Ok(Holding::default()),
            Some(bytes) => Self::decode(&bytes).map_err(CodecError::into_std),
        }
    }

    /// An empty holding (nothing held, no window open) takes no storage.
    pub fn save(&self, storage: &mut dyn Storage, key: &[u8]) {
        if *self == Holding::default() {
            storage.remove(key);
        } else {
            storage.set(key, &self.encode());
        }
    }
}

pub fn decode_holder_count(bytes: &[u8]) -> Result<u32, CodecError> {
    let mut r = Reader::new(bytes);
    let n = r.u32()?;
    r.end()?;
    Ok(n)
}

pub fn load_holder_count(storage: &dyn Storage) -> StdResult<u32> {
    match storage.get(HOLDER_COUNT_KEY) {
        None => Ok(0),
        Some(bytes) => decode_holder_count(&bytes).map_err(CodecError::into_std),
    }
}

pub fn save_holder_count(storage: &mut dyn Storage, n: u32) {
    storage.set(HOLDER_COUNT_KEY, &Writer::new().u64(n.into()).finish());
}
