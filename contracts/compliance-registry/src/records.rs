//! The binary records of the attestation path. An attestation is written once per post and read
//! by every recomputation of its asset; wasmd charges 30 gas per byte written and 3 per byte
//! read, and in JSON most of an attestation's bytes were field names and hex. Keys are declared
//! in `state.rs`; the layouts live here.

use std::marker::PhantomData;

use cosmwasm_std::{Addr, CanonicalAddr, Order, StdError, StdResult, Storage};
use rwa_gate::codec::{prefixed_key, uint128, CodecError, Reader, Writer};
use rwa_gate::distribution::EligibilityRecord;
use rwa_gate::records::{
    decode_eligibility, eligibility_key, eligibility_standing_key, encode_eligibility,
    read_evidence, read_terms, write_evidence, write_terms, ELIGIBILITY_HISTORY_PREFIX,
};
use rwa_gate::{
    Approval, Asset, AssetStatus, Attestation, AttestationKind, IssuancePlan, Oracle, PartyRole,
    RelatedParty, Statement,
};

/// Layout version of an attestation record: a reader refuses any other (fail closed).
const ATTESTATION_LAYOUT: u8 = 1;

/// Every attestation ever posted, by id (the id is the key, not repeated in the value).
pub struct AttestationRecords {
    pub prefix: u8,
}

impl AttestationRecords {
    pub fn key(&self, id: u64) -> Vec<u8> {
        prefixed_key(self.prefix, &id.to_be_bytes())
    }

    pub fn may_load(&self, storage: &dyn Storage, id: u64) -> StdResult<Option<Attestation>> {
        match storage.get(&self.key(id)) {
            None => Ok(None),
            Some(bytes) => decode_attestation(id, &bytes)
                .map(Some)
                .map_err(CodecError::into_std),
        }
    }

    /// The highest id posted, 0 before the first. Records are never deleted, so the ids are
    /// their keys and no separate counter has to be read and rewritten by every post.
    pub fn last_id(&self, storage: &dyn Storage) -> StdResult<u64> {
        let (start, end) = ([self.prefix], [self.prefix.saturating_add(1)]);
        match storage
            .range(Some(&start), Some(&end), Order::Descending)
            .next()
        {
            None => Ok(0),
            Some((key, _)) => key
                .get(1..)
                .and_then(|id| <[u8; 8]>::try_from(id).ok())
                .map(u64::from_be_bytes)
                .ok_or_else(|| StdError::msg("malformed attestation key")),
        }
    }

    pub fn save(&self, storage: &mut dyn Storage, attestation: &Attestation) -> StdResult<()> {
        storage.set(&self.key(attestation.id), &encode_attestation(attestation));
        Ok(())
    }
}

pub fn encode_attestation(a: &Attestation) -> Vec<u8> {
    let mut w = Writer::new();
    w.u64(ATTESTATION_LAYOUT.into())
        .str(&a.asset)
        .str(a.oracle.as_str());
    match &a.statement {
        Statement::Filing {
            filing_reference,
            plan_digest,
            approved_supply,
        } => {
            w.u64(AttestationKind::Filing.tag().into())
                .str(filing_reference)
                .digest(plan_digest)
                .u128(approved_supply.u128());
        }
        Statement::Screening {
            negative_list_version,
            subjects,
            lookback_from,
        } => {
            w.u64(AttestationKind::Screening.tag().into())
                .u64(*negative_list_version)
                .u64(subjects.len() as u64);
            for subject in subjects {
                w.str(subject);
            }
            w.timestamp(*lookback_from);
        }
        Statement::Approval {
            approval,
            reference,
        } => {
            w.u64(approval.kind().tag().into()).str(reference);
        }
    }
    w.timestamp(a.issued_at).timestamp(a.expires_at);
    write_evidence(&mut w, &a.evidence);
    w.u64(a.plan_version)
        .u64(a.parties_version)
        .opt_timestamp(a.revoked_at);
    match &a.revocation {
        None => w.bool(false),
        Some(e) => {
            w.bool(true);
            write_evidence(&mut w, e);
            &mut w
        }
    };
    w.finish()
}

pub fn decode_attestation(id: u64, bytes: &[u8]) -> Result<Attestation, CodecError> {
    let mut r = Reader::new(bytes);
    if r.u64()? != u64::from(ATTESTATION_LAYOUT) {
        return Err(CodecError("unknown attestation layout"));
    }
    let asset = r.str()?.to_string();
    let oracle = Addr::unchecked(r.str()?);
    let statement = match r.u64()? {
        0 => Statement::Filing {
            filing_reference: r.str()?.to_string(),
            plan_digest: r.digest()?,
            approved_supply: uint128(&mut r)?,
        },
        1 => {
            let negative_list_version = r.u64()?;
            let count = r.u64()?;
            // Never trust a stored count for an allocation: each subject takes at least a byte.
            let mut subjects = Vec::new();
            for _ in 0..count {
                subjects.push(r.str()?.to_string());
            }
            Statement::Screening {
                negative_list_version,
                subjects,
                lookback_from: r.timestamp()?,
            }
        }
        tag => match u8::try_from(tag).ok().and_then(AttestationKind::from_tag) {
            Some(kind) => Statement::Approval {
                approval: kind
                    .approval()
                    .ok_or(CodecError("unknown attestation kind"))?,
                reference: r.str()?.to_string(),
            },
            None => return Err(CodecError("unknown attestation kind")),
        },
    };
    let attestation = Attestation {
        id,
        asset,
        oracle,
        statement,
        issued_at: r.timestamp()?,
        expires_at: r.timestamp()?,
        evidence: read_evidence(&mut r)?,
        plan_version: r.u64()?,
        parties_version: r.u64()?,
        revoked_at: r.opt_timestamp()?,
        revocation: if r.bool()? {
            Some(read_evidence(&mut r)?)
        } else {
            None
        },
    };
    r.end()?;
    Ok(attestation)
}

/// Layout version of an asset record, refused when unknown (fail closed): 3 since v0.5.0 (the
/// plan's R3 approvals, one bit each, at the end); 2 (v0.4.0: the plan's distribution terms and
/// whether they wait for a filing) reads as a plan naming no approval; 1 also as one without
/// terms.
const ASSET_LAYOUT: u8 = 3;
const ASSET_LAYOUT_V2: u8 = 2;
const ASSET_LAYOUT_V1: u8 = 1;

/// A record stored under its name (an asset id, an oracle address), which is not repeated in
/// the value.
pub trait NamedRecord: Sized {
    fn name(&self) -> &str;
    fn encode(&self) -> Vec<u8>;
    fn decode(name: &str, bytes: &[u8]) -> Result<Self, CodecError>;
}

/// Binary records under a one-byte prefix and their name, in name order.
pub struct ByName<T> {
    prefix: u8,
    record: PhantomData<T>,
}

impl<T: NamedRecord> ByName<T> {
    pub const fn new(prefix: u8) -> Self {
        ByName {
            prefix,
            record: PhantomData,
        }
    }

    pub fn key(&self, name: &str) -> Vec<u8> {
        prefixed_key(self.prefix, name.as_bytes())
    }

    pub fn has(&self, storage: &dyn Storage, name: &str) -> bool {
        storage.get(&self.key(name)).is_some()
    }

    pub fn may_load(&self, storage: &dyn Storage, name: &str) -> StdResult<Option<T>> {
        match storage.get(&self.key(name)) {
            None => Ok(None),
            Some(bytes) => T::decode(name, &bytes)
                .map(Some)
                .map_err(CodecError::into_std),
        }
    }

    pub fn save(&self, storage: &mut dyn Storage, record: &T) -> StdResult<()> {
        storage.set(&self.key(record.name()), &record.encode());
        Ok(())
    }

    pub fn remove(&self, storage: &mut dyn Storage, name: &str) {
        storage.remove(&self.key(name));
    }

    /// At most `limit` records in name order, after `start_after`.
    pub fn page(
        &self,
        storage: &dyn Storage,
        start_after: Option<&str>,
        limit: usize,
    ) -> StdResult<Vec<T>> {
        // The first key after `start_after`'s is `start_after`'s with a zero byte appended.
        let start = match start_after {
            Some(after) => {
                let mut key = self.key(after);
                key.push(0);
                key
            }
            None => vec![self.prefix],
        };
        let end = [self.prefix.saturating_add(1)];
        storage
            .range(Some(&start), Some(&end), Order::Ascending)
            .take(limit)
            .map(|(key, bytes)| {
                let name = key
                    .get(1..)
                    .and_then(|name| std::str::from_utf8(name).ok())
                    .ok_or_else(|| StdError::msg("malformed record key"))?;
                T::decode(name, &bytes).map_err(CodecError::into_std)
            })
            .collect()
    }
}

impl NamedRecord for Asset {
    fn name(&self) -> &str {
        &self.id
    }

    fn encode(&self) -> Vec<u8> {
        encode_asset(self)
    }

    fn decode(name: &str, bytes: &[u8]) -> Result<Self, CodecError> {
        decode_asset(name, bytes)
    }
}

impl ByName<Oracle> {
    /// Saves an oracle and keeps its eligibility standing (read by tokens under terms) in step:
    /// present exactly while the enrolment is active and eligibility-scoped. Every write of an
    /// oracle goes through here.
    pub fn store(&self, storage: &mut dyn Storage, oracle: &Oracle) -> StdResult<()> {
        self.save(storage, oracle)?;
        let key = eligibility_standing_key(oracle.enrolment);
        if oracle.is_active() && oracle.scopes.eligibility {
            storage.set(&key, &[1]);
        } else {
            storage.remove(&key);
        }
        Ok(())
    }

    /// Removes an oracle, and with it its enrolment's standing for good.
    pub fn delete(&self, storage: &mut dyn Storage, oracle: &Oracle) {
        self.remove(storage, oracle.address.as_str());
        storage.remove(&eligibility_standing_key(oracle.enrolment));
    }
}

/// Read by every attestation and flag vote of the oracle: the codec is shared
/// (`rwa_gate::records`).
impl NamedRecord for Oracle {
    fn name(&self) -> &str {
        self.address.as_str()
    }

    fn encode(&self) -> Vec<u8> {
        rwa_gate::records::encode_oracle(self)
    }

    fn decode(name: &str, bytes: &[u8]) -> Result<Self, CodecError> {
        rwa_gate::records::decode_oracle(name, bytes)
    }
}

fn role_tag(role: PartyRole) -> u64 {
    match role {
        PartyRole::ControllingShareholder => 0,
        PartyRole::UltimateController => 1,
        PartyRole::Other => 2,
    }
}

fn opt_str(w: &mut Writer, v: Option<&str>) {
    match v {
        None => w.bool(false),
        Some(v) => w.bool(true).str(v),
    };
}

pub fn encode_asset(a: &Asset) -> Vec<u8> {
    let mut w = Writer::new();
    w.u64(ASSET_LAYOUT.into())
        .str(a.issuer.as_str())
        .str(&a.filing_entity)
        .u64(a.related_parties.len() as u64);
    for p in &a.related_parties {
        w.str(&p.entity).u64(role_tag(p.role));
    }
    w.u128(a.plan.max_supply.u128())
        .digest(&a.plan.materials_digest)
        .u64(a.plan_version)
        .u64(a.parties_version);
    opt_str(&mut w, a.token.as_ref().map(Addr::as_str));
    w.bool(a.status == AssetStatus::Retired)
        .bool(a.paused)
        .u64(a.minters.len() as u64);
    for m in &a.minters {
        w.str(m.as_str());
    }
    w.opt_u64(a.last_report).timestamp(a.registered_at);
    match &a.plan.terms {
        None => w.bool(false),
        Some(t) => {
            w.bool(true);
            write_terms(&mut w, t);
            &mut w
        }
    };
    w.bool(a.terms_pending);
    let approvals = a.plan.approvals.iter().fold(0u8, |bits, x| bits | x.bit());
    w.u64(approvals.into());
    w.finish()
}

/// What later layouts appended to the asset record: the plan's terms and whether they wait
/// for a filing (layout 2), the plan's R3 approvals (layout 3). Returns `terms_pending`.
fn read_later_layouts(
    r: &mut Reader,
    layout: u64,
    plan: &mut IssuancePlan,
) -> Result<bool, CodecError> {
    let mut terms_pending = false;
    if layout >= u64::from(ASSET_LAYOUT_V2) {
        plan.terms = if r.bool()? {
            Some(Box::new(read_terms(r)?))
        } else {
            None
        };
        terms_pending = r.bool()?;
    }
    if layout == u64::from(ASSET_LAYOUT) {
        let bits = r.u64()?;
        if bits >> Approval::ALL.len() != 0 {
            return Err(CodecError("unknown approval"));
        }
        plan.approvals = Approval::ALL
            .into_iter()
            .filter(|a| bits & u64::from(a.bit()) != 0)
            .collect();
    }
    Ok(terms_pending)
}

pub fn decode_asset(id: &str, bytes: &[u8]) -> Result<Asset, CodecError> {
    let mut r = Reader::new(bytes);
    let layout = r.u64()?;
    if !(u64::from(ASSET_LAYOUT_V1)..=u64::from(ASSET_LAYOUT)).contains(&layout) {
        return Err(CodecError("unknown asset layout"));
    }
    let issuer = Addr::unchecked(r.str()?);
    let filing_entity = r.str()?.to_string();
    let mut related_parties = Vec::new();
    for _ in 0..r.u64()? {
        let entity = r.str()?.to_string();
        let role = match r.u64()? {
            0 => PartyRole::ControllingShareholder,
            1 => PartyRole::UltimateController,
            2 => PartyRole::Other,
            _ => return Err(CodecError("unknown party role")),
        };
        related_parties.push(RelatedParty { entity, role });
    }
    let mut plan = IssuancePlan {
        approvals: vec![],
        max_supply: uint128(&mut r)?,
        materials_digest: r.digest()?,
        terms: None,
    };
    let plan_version = r.u64()?;
    let parties_version = r.u64()?;
    let token = if r.bool()? {
        Some(Addr::unchecked(r.str()?))
    } else {
        None
    };
    let status = if r.bool()? {
        AssetStatus::Retired
    } else {
        AssetStatus::Active
    };
    let paused = r.bool()?;
    let mut minters = Vec::new();
    for _ in 0..r.u64()? {
        minters.push(Addr::unchecked(r.str()?));
    }
    let last_report = r.opt_u64()?;
    let registered_at = r.timestamp()?;
    let terms_pending = read_later_layouts(&mut r, layout, &mut plan)?;
    let asset = Asset {
        id: id.to_string(),
        issuer,
        filing_entity,
        related_parties,
        plan,
        plan_version,
        parties_version,
        token,
        status,
        paused,
        minters,
        last_report,
        registered_at,
        terms_pending,
    };
    r.end()?;
    Ok(asset)
}

/// One oracle's latest unrevoked statement of one kind on an asset. The oracle is named by its
/// enrolment (`Oracle::enrolment`): an entry whose oracle was removed or re-added since no longer
/// matches its record and is dropped at the next recomputation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CurrentStatement {
    pub kind: AttestationKind,
    pub enrolment: u64,
    pub id: u64,
}

/// The current statements on one asset: at most one per oracle enrolment and kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatementSet(pub Vec<CurrentStatement>);

impl StatementSet {
    /// Makes `posted` the current statement of its oracle and kind; returns the id it superseded.
    pub fn post(&mut self, posted: CurrentStatement) -> Option<u64> {
        match self
            .0
            .iter_mut()
            .find(|s| s.kind == posted.kind && s.enrolment == posted.enrolment)
        {
            Some(entry) => {
                let superseded = entry.id;
                *entry = posted;
                Some(superseded)
            }
            None => {
                self.0.push(posted);
                None
            }
        }
    }

    /// Drops the entry of attestation `id`; true when it was current. An older statement of the
    /// same oracle does not revive.
    pub fn revoke(&mut self, id: u64) -> bool {
        let before = self.0.len();
        self.0.retain(|s| s.id != id);
        self.0.len() != before
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.u64(self.0.len() as u64);
        for s in &self.0 {
            w.u64(s.kind.tag().into()).u64(s.enrolment).u64(s.id);
        }
        w.finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let mut r = Reader::new(bytes);
        let count = r.u64()?;
        let mut entries = Vec::new();
        for _ in 0..count {
            let kind = u8::try_from(r.u64()?)
                .ok()
                .and_then(AttestationKind::from_tag)
                .ok_or(CodecError("unknown attestation kind"))?;
            entries.push(CurrentStatement {
                kind,
                enrolment: r.u64()?,
                id: r.u64()?,
            });
        }
        r.end()?;
        Ok(StatementSet(entries))
    }
}

/// Where each asset's [`StatementSet`] lives; absent reads as empty.
pub struct StatementSets {
    pub prefix: u8,
}

impl StatementSets {
    pub fn key(&self, asset: &str) -> Vec<u8> {
        prefixed_key(self.prefix, asset.as_bytes())
    }

    pub fn load(&self, storage: &dyn Storage, asset: &str) -> StdResult<StatementSet> {
        match storage.get(&self.key(asset)) {
            None => Ok(StatementSet::default()),
            Some(bytes) => StatementSet::decode(&bytes).map_err(CodecError::into_std),
        }
    }

    pub fn save(&self, storage: &mut dyn Storage, asset: &str, set: &StatementSet) {
        if set.0.is_empty() {
            storage.remove(&self.key(asset));
        } else {
            storage.set(&self.key(asset), &set.encode());
        }
    }
}

#[cfg(test)]
mod tests;

/// Eligibility statements: the current one of each account (read by tokens with a raw query,
/// under the shared key) and the superseded ones, kept for auditors.
pub struct EligibilityStatements;

impl EligibilityStatements {
    pub fn current(
        &self,
        storage: &dyn Storage,
        account: &str,
    ) -> StdResult<Option<EligibilityRecord>> {
        match storage.get(&eligibility_key(account)) {
            None => Ok(None),
            Some(bytes) => decode_eligibility(account, &bytes)
                .map(Some)
                .map_err(CodecError::into_std),
        }
    }

    pub fn save_current(&self, storage: &mut dyn Storage, record: &EligibilityRecord) {
        let key = eligibility_key(record.statement.account.as_str());
        storage.set(&key, &encode_eligibility(record));
    }

    /// The history of `account`: the prefix, the address's length (so that no address is a
    /// prefix of another's range), the address.
    fn history_prefix(account: &str) -> Vec<u8> {
        let mut key = vec![ELIGIBILITY_HISTORY_PREFIX];
        // Addresses are at most 255 bytes (validated bech32 is far shorter).
        key.push(u8::try_from(account.len()).unwrap_or(u8::MAX));
        key.extend_from_slice(account.as_bytes());
        key
    }

    pub fn archive(&self, storage: &mut dyn Storage, record: &EligibilityRecord) {
        let account = record.statement.account.as_str();
        let mut key = Self::history_prefix(account);
        key.extend_from_slice(&record.statement.id.to_be_bytes());
        storage.set(&key, &encode_eligibility(record));
    }

    /// At most `limit` superseded statements of `account`, oldest first, after `start_after`.
    pub fn history(
        &self,
        storage: &dyn Storage,
        account: &str,
        start_after: Option<u64>,
        limit: usize,
    ) -> StdResult<Vec<EligibilityRecord>> {
        let prefix = Self::history_prefix(account);
        let mut start = prefix.clone();
        match start_after {
            Some(id) => start.extend_from_slice(&id.saturating_add(1).to_be_bytes()),
            None => start.extend_from_slice(&[0; 8]),
        }
        let mut end = prefix;
        end.extend_from_slice(&[0xff; 9]);
        storage
            .range(Some(&start), Some(&end), Order::Ascending)
            .take(limit)
            .map(|(_, bytes)| decode_eligibility(account, &bytes).map_err(CodecError::into_std))
            .collect()
    }
}

/// The nonces of every oracle's relayed statements: one key each, never removed. The key is the
/// prefix, the oracle's canonical address (20 bytes rather than the 43 of its text: each key
/// byte written costs 30 gas) and the nonce, big-endian; the value is one byte.
pub struct Nonces {
    pub prefix: u8,
}

impl Nonces {
    fn key(&self, oracle: &CanonicalAddr, nonce: u64) -> Vec<u8> {
        let mut key = prefixed_key(self.prefix, oracle.as_slice());
        key.extend_from_slice(&nonce.to_be_bytes());
        key
    }

    pub fn used(&self, storage: &dyn Storage, oracle: &CanonicalAddr, nonce: u64) -> bool {
        storage.get(&self.key(oracle, nonce)).is_some()
    }

    pub fn mark(&self, storage: &mut dyn Storage, oracle: &CanonicalAddr, nonce: u64) {
        storage.set(&self.key(oracle, nonce), &[1]);
    }
}
