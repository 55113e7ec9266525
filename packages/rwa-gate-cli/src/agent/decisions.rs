//! The oracle's decisions as its compliance system exports them: JSON lines or CSV, one
//! decision a line, each with its own `id`. Pure: text in, decisions (and the lines that are
//! not decisions, with why) out.
//!
//! Fields (JSON keys or CSV header names; CSV lists are separated by `;`):
//!
//! | kind | fields |
//! |---|---|
//! | `eligibility` | `account`, `holder`, `class`, `jurisdiction` |
//! | `screening` | `asset`, `negative_list_version` (a number or `current`), `subjects` (ids or `all current`), `lookback` (a span, default 1096d) or `lookback_from` (a date) |
//! | `cross_border_investment`, `foreign_exchange`, `data_security` | `asset`, `reference` |
//!
//! Every kind: `id`, `kind`, `expires_at` (a date) or `validity` (a span from when it is
//! posted, renewed before it lapses), `evidence` (the sha256 of the evidence), optionally
//! `evidence_uri`, `withdrawn` (true: revoke it) and `withdrawal_evidence` (the sha256 the
//! revocation cites; default the evidence).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use rwa_gate::distribution::InvestorClass;
use rwa_gate::{Approval, Evidence, LOOKBACK_SECONDS};
use serde::Serialize;
use serde_json::Value;

use crate::human::{parse_date, parse_duration};
use crate::input;

/// One decision of the oracle.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decision {
    pub id: String,
    /// Line of the file it came from (1-based), for messages.
    #[serde(skip)]
    pub line: usize,
    pub body: Body,
    pub expiry: Expiry,
    pub evidence: Evidence,
    /// Withdrawn by the compliance system: what was posted for it is revoked.
    #[serde(skip)]
    pub withdrawn: bool,
    #[serde(skip)]
    pub withdrawal_evidence: Option<String>,
}

/// What the decision states.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    Eligibility {
        account: String,
        holder: String,
        class: InvestorClass,
        jurisdiction: String,
    },
    Screening {
        asset: String,
        list: ListVersion,
        subjects: Subjects,
        lookback: Lookback,
    },
    Approval {
        asset: String,
        approval: Approval,
        reference: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListVersion {
    /// Whatever version the registry has in force when it is posted (and again after it moves).
    Current,
    Version(u64),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subjects {
    /// The asset's filing entity and every related party, as the registry has them.
    AllCurrent,
    Listed(Vec<String>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lookback {
    /// A span back from when it is posted.
    Span(u64),
    /// From this instant (seconds since the epoch).
    From(u64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expiry {
    /// Expires at this instant, whenever posted; never renewed.
    At(u64),
    /// Holds this long from when it is posted; renewed before it lapses.
    Validity(u64),
}

impl Decision {
    /// The kind as the file and the reports name it.
    pub fn kind(&self) -> &'static str {
        match &self.body {
            Body::Eligibility { .. } => "eligibility",
            Body::Screening { .. } => "screening",
            Body::Approval { approval, .. } => approval.as_str(),
        }
    }

    /// What the decision is about on chain: the account of an eligibility statement, the asset
    /// (and kind) of an attestation. Two decisions about one target would replace each other.
    pub fn target(&self) -> String {
        match &self.body {
            Body::Eligibility { account, .. } => format!("account {account}"),
            Body::Screening { asset, .. } | Body::Approval { asset, .. } => {
                format!("{} of asset {asset}", self.kind())
            }
        }
    }

    /// The sha256 of what the decision states (its withdrawal aside): a decision whose
    /// fingerprint changed since it was posted is posted again.
    pub fn fingerprint(&self) -> String {
        let text = serde_json::to_vec(self).unwrap_or_default();
        hex::encode(rwa_gate_client::sha256(&text))
    }
}

/// A line that is not a decision, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub line: usize,
    pub id: Option<String>,
    pub reason: String,
}

/// Everything read from one file.
#[derive(Debug, Default)]
pub struct Decisions {
    pub decisions: Vec<Decision>,
    pub invalid: Vec<Invalid>,
}

/// The character a JSON object opens with (escaped, so that brace-counting tools stay even).
const OBJECT_OPENS: char = '\u{7b}';

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    JsonLines,
    Csv,
}

/// By extension (`.jsonl`, `.ndjson`, `.json`; `.csv`), else by content: a first line that
/// opens a JSON object is JSON lines.
pub fn detect(path: &Path, text: &str) -> Format {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("jsonl" | "ndjson" | "json") => Format::JsonLines,
        Some("csv") => Format::Csv,
        _ if text.trim_start().starts_with(OBJECT_OPENS) => Format::JsonLines,
        _ => Format::Csv,
    }
}

/// The decisions of `text` in `format`. A second decision with an id already seen is invalid
/// (ids name decisions for good), as is a second about the same target.
pub fn parse(text: &str, format: Format) -> Decisions {
    let records = match format {
        Format::JsonLines => json_records(text),
        Format::Csv => csv_records(text),
    };
    let mut out = Decisions::default();
    let mut ids = HashSet::new();
    let mut targets = BTreeMap::new();
    for (line, record) in records {
        let decision = record.and_then(|fields| decision(line, &fields));
        match decision {
            Ok(d) if !ids.insert(d.id.clone()) => out.invalid.push(Invalid {
                line,
                id: Some(d.id.clone()),
                reason: format!("decision id {} appears twice", d.id),
            }),
            Ok(d) => match targets.insert(d.target(), d.id.clone()) {
                Some(first) => out.invalid.push(Invalid {
                    line,
                    id: Some(d.id.clone()),
                    reason: format!(
                        "decision {first} already speaks of {}: one decision per target",
                        d.target()
                    ),
                }),
                None => out.decisions.push(d),
            },
            Err((id, reason)) => out.invalid.push(Invalid { line, id, reason }),
        }
    }
    out
}

type Fields = BTreeMap<String, String>;
type Failed = (Option<String>, String);

/// Each non-blank line as its fields (or why it is not an object).
fn json_records(text: &str) -> Vec<(usize, Result<Fields, Failed>)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fields = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => Ok(map
                .into_iter()
                .filter_map(|(k, v)| json_text(v).map(|v| (k, v)))
                .collect()),
            Ok(_) => Err((None, "not a JSON object".to_string())),
            Err(e) => Err((None, format!("not JSON: {e}"))),
        };
        out.push((i + 1, fields));
    }
    out
}

/// A JSON value as the text a CSV cell would hold (lists joined by `;`); `null` is absent.
fn json_text(v: Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s),
        Value::Array(items) => Some(
            items
                .into_iter()
                .filter_map(json_text)
                .collect::<Vec<_>>()
                .join(";"),
        ),
        other => Some(other.to_string()),
    }
}

/// Rows of a CSV file with a header line, as fields named by the header.
fn csv_records(text: &str) -> Vec<(usize, Result<Fields, Failed>)> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return Vec::new();
    };
    let names: Vec<String> = csv_cells(header)
        .unwrap_or_default()
        .into_iter()
        .map(|n| n.trim().to_ascii_lowercase())
        .collect();
    lines
        .map(|(i, line)| {
            let fields = csv_cells(line).and_then(|cells| {
                if cells.len() > names.len() {
                    return Err(format!(
                        "{} cells, the header names {}",
                        cells.len(),
                        names.len()
                    ));
                }
                Ok(names
                    .iter()
                    .cloned()
                    .zip(cells)
                    .filter(|(_, v)| !v.trim().is_empty())
                    .collect())
            });
            (i + 1, fields.map_err(|e| (None, e)))
        })
        .collect()
}

/// The cells of one CSV line: separated by commas, a cell in double quotes may hold commas and
/// `""` for a quote.
fn csv_cells(line: &str) -> Result<Vec<String>, String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') if cell.trim().is_empty() => quoted = true,
            (false, ',') => cells.push(std::mem::take(&mut cell)),
            (_, c) => cell.push(c),
        }
    }
    if quoted {
        return Err("a quoted cell is not closed".into());
    }
    cells.push(cell);
    Ok(cells.into_iter().map(|c| c.trim().to_string()).collect())
}

/// One decision from its fields; on failure, its id when it had one and why.
fn decision(line: usize, f: &Fields) -> Result<Decision, Failed> {
    let id = f.get("id").cloned();
    let fail = |reason: String| (id.clone(), reason);
    let id_text = id.clone().ok_or_else(|| fail("no `id`".into()))?;
    if id_text.len() > 128 || id_text.chars().any(char::is_whitespace) {
        return Err(fail(format!(
            "the id `{id_text}` has spaces or is over 128 characters"
        )));
    }
    let kind = field(f, "kind").map_err(&fail)?;
    let body = body(kind, f).map_err(&fail)?;
    let expiry = expiry(f).map_err(&fail)?;
    let evidence = Evidence {
        digest: input::digest(field(f, "evidence").map_err(&fail)?)
            .map_err(|e| fail(format!("evidence: {e}")))?,
        uri: f.get("evidence_uri").cloned(),
    };
    let withdrawn = match f
        .get("withdrawn")
        .map(|w| w.to_ascii_lowercase())
        .as_deref()
    {
        None | Some("false" | "0" | "no") => false,
        Some("true" | "1" | "yes") => true,
        Some(other) => return Err(fail(format!("withdrawn: `{other}` is not true or false"))),
    };
    let withdrawal_evidence = match f.get("withdrawal_evidence") {
        Some(d) => Some(input::digest(d).map_err(|e| fail(format!("withdrawal_evidence: {e}")))?),
        None => None,
    };
    Ok(Decision {
        id: id_text,
        line,
        body,
        expiry,
        evidence,
        withdrawn,
        withdrawal_evidence,
    })
}

fn field<'a>(f: &'a Fields, name: &str) -> Result<&'a str, String> {
    f.get(name)
        .map(String::as_str)
        .ok_or_else(|| format!("no `{name}`"))
}

fn body(kind: &str, f: &Fields) -> Result<Body, String> {
    match kind {
        "eligibility" => Ok(Body::Eligibility {
            account: input::address("the account", field(f, "account")?)?,
            holder: input::digest(field(f, "holder")?).map_err(|e| format!("holder: {e}"))?,
            class: class(field(f, "class")?)?,
            jurisdiction: input::jurisdiction(field(f, "jurisdiction")?)?,
        }),
        "screening" => screening(f),
        _ => match Approval::ALL.into_iter().find(|a| a.as_str() == kind) {
            Some(approval) => Ok(Body::Approval {
                asset: input::asset_id(field(f, "asset")?)?,
                approval,
                reference: field(f, "reference")?.to_string(),
            }),
            None => Err(format!(
                "kind `{kind}` is not eligibility, screening, cross_border_investment, \
                 foreign_exchange or data_security"
            )),
        },
    }
}

fn class(text: &str) -> Result<InvestorClass, String> {
    InvestorClass::ALL
        .into_iter()
        .find(|c| c.as_str().eq_ignore_ascii_case(text))
        .ok_or_else(|| format!("class `{text}` is not retail, professional or institutional"))
}

fn screening(f: &Fields) -> Result<Body, String> {
    let list = match f.get("negative_list_version").map(String::as_str) {
        None | Some("current") => ListVersion::Current,
        Some(v) => ListVersion::Version(
            v.parse()
                .map_err(|_| format!("negative_list_version `{v}` is not a number or current"))?,
        ),
    };
    let subjects = match f.get("subjects").map(String::as_str) {
        None | Some("all current" | "all_current") => Subjects::AllCurrent,
        Some(list) => Subjects::Listed(
            list.split([';', ' '])
                .filter(|s| !s.is_empty())
                .map(input::entity_id)
                .collect::<Result<_, _>>()?,
        ),
    };
    let lookback = match (f.get("lookback"), f.get("lookback_from")) {
        (Some(_), Some(_)) => return Err("give lookback or lookback_from, not both".into()),
        (None, Some(from)) => Lookback::From(parse_date(from)?),
        (Some(span), None) => Lookback::Span(parse_duration(span)?),
        (None, None) => Lookback::Span(LOOKBACK_SECONDS),
    };
    if let Lookback::Span(span) = lookback {
        if span < LOOKBACK_SECONDS {
            return Err(format!(
                "lookback must be at least {} days (R3-R9)",
                LOOKBACK_SECONDS / 86_400
            ));
        }
    }
    Ok(Body::Screening {
        asset: input::asset_id(field(f, "asset")?)?,
        list,
        subjects,
        lookback,
    })
}

fn expiry(f: &Fields) -> Result<Expiry, String> {
    match (f.get("expires_at"), f.get("validity")) {
        (Some(at), None) => Ok(Expiry::At(parse_date(at)?)),
        (None, Some(span)) => match parse_duration(span)? {
            0 => Err("validity must not be zero".into()),
            span => Ok(Expiry::Validity(span)),
        },
        (Some(_), Some(_)) => Err("give expires_at or validity, not both".into()),
        (None, None) => Err("no `expires_at` or `validity`".into()),
    }
}

#[cfg(test)]
mod tests;
