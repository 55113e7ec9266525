//! Migration: storage written by every released version of both contracts, loaded into freshly
//! stored contracts and migrated by the current code, answers every query as the live lifecycle
//! that wrote it does, and keeps working; `migrate` refuses downgrades and foreign contracts.
//!
//! Each release is a git tag (`v<version>`) and has a fixture,
//! `tests/fixtures/storage-v<version>.json`: a dump of the raw storage of the registry and of both
//! gated tokens after `lifecycle()` run by that release's code (hex keys, base64 values, and the
//! cw2 version they were written under). While the code still carries a released version it must
//! write exactly that release's fixture, so a layout changed without a new version fails here
//! (`a_released_version_writes_exactly_its_fixture`). Releasing a version: bump it, then write its
//! fixture with the code of the release and add it to `RELEASES`:
//!
//! ```text
//! RWA_GATE_WRITE_FIXTURES=1 cargo test -p rwa-gate-tests --test migration write_migration_fixture
//! ```

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    from_json, to_json_string, to_json_vec, Addr, Binary, BlockInfo, ContractResult, Empty,
    HexBinary, Order, QueryRequest, SystemResult, Timestamp, Uint128, WasmQuery,
};
use cw_multi_test::{App, AppResponse, Executor};
use cw_storage_plus::Item;
use rwa_gate::cw20::Expiration;
use rwa_gate::registry::RevokeMsg;
use rwa_gate::registry::{
    ExecuteMsg as RegistryMsg, InstantiateMsg, MigrateMsg, NegativeListInit, QueryMsg,
};
use rwa_gate::token::{
    ExecuteMsg as TokenMsg, InstantiateMsg as TokenInit, QueryMsg as TokenQuery,
};
use rwa_gate::{FlagReason, FlagStatus, PartyRole, Subject};
use rwa_gate_tests::*;

/// Every released version, oldest first; each has its fixture and its git tag.
const RELEASES: [&str; 4] = ["0.1.0", "0.2.0", "0.3.0", "0.4.0"];
/// The releases the current code migrates from; older ones migrate with the code of v0.4.0
/// first (`compliance_registry::upgrade`).
const MIGRATES_FROM: [&str; 2] = ["0.3.0", "0.4.0"];
const WRITE_ENV: &str = "RWA_GATE_WRITE_FIXTURES";
const NOTE: &str = "note";
const BANK: &str = "bank";

fn fixture_path(version: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(format!("storage-v{version}.json"))
}

/// cw2's record, read and written raw (the tests crate does not depend on cw2).
#[cw_serde]
struct ContractVersion {
    contract: String,
    version: String,
}
const CW2: Item<ContractVersion> = Item::new("contract_info");

/// The cw2 record a contract's storage holds.
fn cw2(app: &App, contract: &str) -> ContractVersion {
    CW2.load(&*app.contract_storage(&Addr::unchecked(contract)))
        .expect("a cw2 record")
}

#[cw_serde]
struct Fixture {
    /// The cw2 version every contract of the dump was written under.
    cw2_version: String,
    block_height: u64,
    block_time: Timestamp,
    contracts: Vec<ContractDump>,
}

#[cw_serde]
struct ContractDump {
    /// "compliance-registry", or "gated-token <asset>".
    label: String,
    address: Addr,
    admin: Addr,
    entries: Vec<Entry>,
}

#[cw_serde]
struct Entry {
    key: HexBinary,
    value: Binary,
}

/// A representative lifecycle: three assets' worth of records — oracles of every scope, an
/// approved issuer, five entities, two assets (one paused, frozen and flagged), attestations of
/// both kinds including a revoked and a superseded one, a significant-matter report answered
/// by a newer filing, flags active, voted, lapsed and cleared, a second negative-list version, an
/// extra minter, a pending ownership transfer; on the bond token: mints to two holders, a
/// transfer, a transfer_from, a burn, and allowances with and without expiry.
fn lifecycle() -> Suite {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("filer2", FILING)
        .with_oracle("watcher2", FLAGS)
        .build();
    s.clear_for_issuance(BOND); // attestations 1 (filing), 2 (screening)
    s.advance(DAY);
    s.attest_filing("filer2", BOND).unwrap(); // 3
    s.exec(
        "filer2",
        &RegistryMsg::Revoke(RevokeMsg {
            id: 3,
            evidence: evidence("filer2 withdraws"),
        }),
    )
    .unwrap();
    let desk = s.addr("desk").to_string();
    s.exec(
        "issuer",
        &RegistryMsg::AddMinter {
            asset: BOND.into(),
            minter: desk,
        },
    )
    .unwrap();
    s.mint("issuer", BOND, "alice", 10_000).unwrap();
    s.mint("desk", BOND, "bob", 5_000).unwrap();
    s.transfer("alice", BOND, "bob", 1_000).unwrap();
    let carol = s.addr("carol").to_string();
    let height = s.block_info().height;
    s.exec_token(
        "alice",
        BOND,
        &TokenMsg::IncreaseAllowance {
            spender: carol.clone(),
            amount: Uint128::new(2_000),
            expires: Some(Expiration::AtHeight(height + 1_000_000)),
        },
    )
    .unwrap();
    let alice = s.addr("alice").to_string();
    s.exec_token(
        "carol",
        BOND,
        &TokenMsg::TransferFrom {
            owner: alice.clone(),
            recipient: carol,
            amount: Uint128::new(500),
        },
    )
    .unwrap();
    s.exec_token(
        "bob",
        BOND,
        &TokenMsg::IncreaseAllowance {
            spender: alice,
            amount: Uint128::new(300),
            expires: None,
        },
    )
    .unwrap();
    s.exec_token(
        "bob",
        BOND,
        &TokenMsg::Burn {
            amount: Uint128::new(100),
        },
    )
    .unwrap();

    // Flags: cleared by the owner, voted once and still active, lapsed by itself (R8).
    s.advance(DAY);
    let investigation = s
        .raise_flag(
            "watcher",
            Subject::Entity(FOUNDER.into()),
            FlagReason::UnderInvestigation,
        )
        .unwrap(); // 1
    s.clear_flag("owner", investigation).unwrap();
    let security = s
        .raise_flag(
            "watcher",
            Subject::Asset(BOND.into()),
            FlagReason::NationalSecurity,
        )
        .unwrap(); // 2
    s.clear_flag("watcher2", security).unwrap(); // one vote of two
    let four_years_ago = s.now().minus_seconds(4 * YEAR);
    s.raise_flag(
        "watcher",
        Subject::Entity(HOLDCO.into()),
        FlagReason::CriminalRecord {
            offence_date: four_years_ago,
        },
    )
    .unwrap(); // 3, lapsed

    // R2: a report, answered by a newer filing.
    s.advance(DAY);
    s.exec(
        "issuer",
        &RegistryMsg::ReportSignificantMatter {
            asset: BOND.into(),
            evidence: evidence("merger"),
        },
    )
    .unwrap();
    s.attest_filing("filer", BOND).unwrap(); // 4, supersedes 1

    // A second asset: paused, and frozen by an R5 flag.
    s.register_entity(BANK).unwrap();
    s.register_entity("trustee").unwrap();
    s.register_asset(
        NOTE,
        BANK,
        &[(HOLDCO, PartyRole::Other), ("trustee", PartyRole::Other)],
    )
    .unwrap();
    s.raise_flag(
        "watcher2",
        Subject::Asset(NOTE.into()),
        FlagReason::OwnershipDispute,
    )
    .unwrap(); // 4
    s.exec(
        "pauser",
        &RegistryMsg::Pause {
            asset: Some(NOTE.into()),
        },
    )
    .unwrap();

    // R6: a new negative list; the bond is screened again against it.
    s.advance(DAY);
    s.exec_owner(&RegistryMsg::PublishNegativeList {
        version: 2,
        digest: digest("negative-list-v2"),
    })
    .unwrap();
    s.attest_screening("screener", BOND).unwrap(); // 5
    s.refresh(NOTE).unwrap();

    // Governance: a pending ownership transfer, an issuer approved and revoked.
    let next = s.addr("next-owner").to_string();
    s.exec_owner(&RegistryMsg::ProposeOwner { new_owner: next })
        .unwrap();
    let issuer2 = s.addr("issuer2").to_string();
    s.exec_owner(&RegistryMsg::ApproveIssuer {
        address: issuer2.clone(),
    })
    .unwrap();
    s.exec_owner(&RegistryMsg::RevokeIssuer { address: issuer2 })
        .unwrap();
    s.advance(3_600);
    s
}

fn dump(s: &Suite, label: &str, address: &str) -> ContractDump {
    let entries = s
        .storage(address)
        .into_iter()
        .map(|(k, v)| Entry {
            key: HexBinary::from(k),
            value: Binary::from(v),
        })
        .collect();
    ContractDump {
        label: label.into(),
        address: Addr::unchecked(address),
        admin: s.admin_of(address).expect("contract has an admin"),
        entries,
    }
}

fn snapshot(s: &mut Suite) -> Fixture {
    let block = s.block_info();
    let mut contracts = vec![dump(s, "compliance-registry", &s.registry)];
    for asset in [BOND, NOTE] {
        let token = s.token(asset);
        contracts.push(dump(s, &format!("gated-token {asset}"), &token));
    }
    Fixture {
        cw2_version: compliance_registry::CONTRACT_VERSION.into(),
        block_height: block.height,
        block_time: block.time,
        contracts,
    }
}

/// One entry per line, so that a change of layout shows as a readable diff.
fn render(f: &Fixture) -> String {
    let mut out = String::from("{\n");
    out += &format!(
        "  \"cw2_version\": {},\n",
        to_json_string(&f.cw2_version).unwrap()
    );
    out += &format!("  \"block_height\": {},\n", f.block_height);
    out += &format!(
        "  \"block_time\": {},\n",
        to_json_string(&f.block_time).unwrap()
    );
    out += "  \"contracts\": [\n";
    for (i, c) in f.contracts.iter().enumerate() {
        out += "    {\n";
        out += &format!("      \"label\": {},\n", to_json_string(&c.label).unwrap());
        out += &format!(
            "      \"address\": {},\n",
            to_json_string(&c.address).unwrap()
        );
        out += &format!("      \"admin\": {},\n", to_json_string(&c.admin).unwrap());
        out += "      \"entries\": [\n";
        for (j, e) in c.entries.iter().enumerate() {
            let sep = if j + 1 < c.entries.len() { "," } else { "" };
            out += &format!("        {}{sep}\n", to_json_string(e).unwrap());
        }
        out += "      ]\n";
        out += if i + 1 < f.contracts.len() {
            "    },\n"
        } else {
            "    }\n"
        };
    }
    out += "  ]\n}\n";
    out
}

fn load_fixture(version: &str) -> Fixture {
    let text = std::fs::read(fixture_path(version)).expect("fixture file exists (see module docs)");
    let fixture: Fixture = from_json(text).expect("fixture parses");
    assert_eq!(fixture.cw2_version, version);
    fixture
}

/// Writes the fixture of the current version when `RWA_GATE_WRITE_FIXTURES=1` (at a release);
/// does nothing otherwise.
#[test]
fn write_migration_fixture() {
    if std::env::var(WRITE_ENV).as_deref() != Ok("1") {
        return;
    }
    let version = compliance_registry::CONTRACT_VERSION;
    let text = render(&snapshot(&mut lifecycle()));
    std::fs::create_dir_all(fixture_path(version).parent().unwrap()).unwrap();
    std::fs::write(fixture_path(version), text).unwrap();
}

/// While the code carries a released version, it writes exactly that release's fixture: a
/// layout changed without a new version (and its migration step) fails here.
#[test]
fn a_released_version_writes_exactly_its_fixture() {
    let version = compliance_registry::CONTRACT_VERSION;
    if !RELEASES.contains(&version) {
        return;
    }
    let live = render(&snapshot(&mut lifecycle()));
    let committed = std::fs::read_to_string(fixture_path(version)).expect("fixture file exists");
    assert!(
        live == committed,
        "v{version} is released, but this code writes another layout than its fixture \
         (tests/fixtures/storage-v{version}.json): bump the registry's version and add the \
         migration step (contracts/compliance-registry/src/upgrade/)"
    );
}

/// The releases are ordered, each has its fixture and no fixture is left out, and the code is at
/// the newest release or past it: a version is never reused nor does it go back.
#[test]
fn every_release_has_its_fixture_and_the_code_is_not_behind_them() {
    let versions: Vec<semver::Version> = RELEASES.iter().map(|v| v.parse().unwrap()).collect();
    assert!(
        versions.windows(2).all(|w| w[0] < w[1]),
        "RELEASES in order"
    );
    for version in RELEASES {
        assert!(fixture_path(version).is_file(), "v{version} has no fixture");
    }
    let dir = fixture_path("x").parent().unwrap().to_path_buf();
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|n| {
            Some(
                n.strip_prefix("storage-v")?
                    .strip_suffix(".json")?
                    .to_string(),
            )
        })
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, RELEASES.map(String::from).to_vec());
    let current: semver::Version = compliance_registry::CONTRACT_VERSION.parse().unwrap();
    assert!(&current >= versions.last().unwrap());
}

/// A fresh app holding the fixture's contracts at their recorded addresses, with the recorded
/// storage, not yet migrated. Returns (app, registry, bond token, note token, admin, code ids).
struct Loaded {
    app: App,
    registry: Addr,
    bond: Addr,
    note: Addr,
    admin: Addr,
    /// The wasm admin of each token (the owner of the time under v0.1.0, the registry since).
    token_admins: [Addr; 2],
    registry_code: u64,
    token_code: u64,
}

impl Loaded {
    /// Migrates the registry, then both tokens, with the current code, as their admins.
    fn migrate_all(&mut self) -> (AppResponse, Vec<AppResponse>) {
        let registry = self
            .app
            .migrate_contract(
                self.admin.clone(),
                self.registry.clone(),
                &MigrateMsg {},
                self.registry_code,
            )
            .unwrap();
        let tokens = [self.bond.clone(), self.note.clone()];
        let responses = tokens
            .iter()
            .zip(self.token_admins.clone())
            .map(|(token, admin)| {
                self.app
                    .migrate_contract(
                        admin,
                        token.clone(),
                        &rwa_gate::token::MigrateMsg {},
                        self.token_code,
                    )
                    .unwrap()
            })
            .collect();
        (registry, responses)
    }
}

fn load(f: &Fixture) -> Loaded {
    let mut app = App::default();
    app.set_block(BlockInfo {
        height: f.block_height,
        time: f.block_time,
        chain_id: app.block_info().chain_id,
    });
    let registry_code = app.store_code(registry_contract());
    let token_code = app.store_code(token_contract());
    let by_label = |label: &str| {
        f.contracts
            .iter()
            .find(|c| c.label == label)
            .unwrap_or_else(|| panic!("fixture has no {label}"))
    };
    let (reg, bond, note) = (
        by_label("compliance-registry"),
        by_label("gated-token bond"),
        by_label("gated-token note"),
    );
    let admin = reg.admin.clone();
    // Same instantiation order as the lifecycle, so the same addresses.
    let registry = app
        .instantiate_contract(
            registry_code,
            admin.clone(),
            &InstantiateMsg {
                owner: None,
                pauser: None,
                token_code_id: token_code,
                params: None,
                negative_list: NegativeListInit {
                    version: 1,
                    digest: digest("x"),
                },
            },
            &[],
            "compliance-registry",
            Some(admin.to_string()),
        )
        .unwrap();
    assert_eq!(registry, reg.address, "fresh registry lands elsewhere");
    let mut tokens = vec![];
    for (dump, asset) in [(bond, BOND), (note, NOTE)] {
        let token = app
            .instantiate_contract(
                token_code,
                registry.clone(),
                &TokenInit {
                    name: "placeholder".into(),
                    symbol: "PLH".into(),
                    decimals: 0,
                    asset: asset.into(),
                    issuer: admin.to_string(),
                    terms: None,
                },
                &[],
                format!("rwa-gate token {asset}"),
                Some(dump.admin.to_string()),
            )
            .unwrap();
        assert_eq!(
            token, dump.address,
            "fresh token of {asset} lands elsewhere"
        );
        tokens.push(token);
    }
    for dump in [reg, bond, note] {
        let mut storage = app.contract_storage_mut(&dump.address);
        let keys: Vec<Vec<u8>> = storage
            .range(None, None, Order::Ascending)
            .map(|(k, _)| k)
            .collect();
        for k in keys {
            storage.remove(&k);
        }
        for e in &dump.entries {
            storage.set(e.key.as_slice(), e.value.as_slice());
        }
    }
    Loaded {
        app,
        registry,
        bond: tokens[0].clone(),
        note: tokens[1].clone(),
        admin,
        token_admins: [bond.admin.clone(), note.admin.clone()],
        registry_code,
        token_code,
    }
}

/// The raw answer of a smart query, or its error text.
fn raw(app: &App, contract: &Addr, msg: &impl serde::Serialize) -> Result<Binary, String> {
    let request: QueryRequest<Empty> = QueryRequest::Wasm(WasmQuery::Smart {
        contract_addr: contract.to_string(),
        msg: to_json_vec(msg).unwrap().into(),
    });
    match app.wrap().raw_query(&to_json_vec(&request).unwrap()) {
        SystemResult::Ok(ContractResult::Ok(b)) => Ok(b),
        SystemResult::Ok(ContractResult::Err(e)) => Err(e),
        SystemResult::Err(e) => Err(e.to_string()),
    }
}

/// Every query of both contracts over every record the lifecycle wrote.
fn all_queries(
    app: &App,
    registry: &Addr,
    tokens: &[Addr],
    people: &[Addr],
) -> Vec<(String, Result<Binary, String>)> {
    let mut out = vec![];
    let mut ask = |contract: &Addr, q: String, r: Result<Binary, String>| {
        out.push((format!("{contract} {q}"), r));
    };
    let reg = |q: QueryMsg| {
        let r = raw(app, registry, &q);
        (format!("{q:?}"), r)
    };
    let mut qs = vec![
        QueryMsg::Config {},
        QueryMsg::Ownership {},
        QueryMsg::Gate {},
        QueryMsg::NegativeList {},
        QueryMsg::Oracles {
            start_after: None,
            limit: Some(30),
        },
        QueryMsg::Assets {
            start_after: None,
            limit: Some(30),
        },
    ];
    for p in people {
        qs.push(QueryMsg::Issuer {
            address: p.to_string(),
        });
        qs.push(QueryMsg::Oracle {
            address: p.to_string(),
        });
    }
    for e in [ACME, HOLDCO, FOUNDER, BANK, "trustee"] {
        qs.push(QueryMsg::Entity { id: e.into() });
        for active_only in [false, true] {
            qs.push(QueryMsg::Flags {
                subject: Subject::Entity(e.into()),
                active_only: Some(active_only),
                start_after: None,
                limit: Some(30),
            });
        }
    }
    for id in 1..=6 {
        qs.push(QueryMsg::Attestation { id });
        qs.push(QueryMsg::Flag { id });
        qs.push(QueryMsg::Report { id });
    }
    for a in [BOND, NOTE] {
        qs.push(QueryMsg::Asset { id: a.into() });
        qs.push(QueryMsg::Clearance { asset: a.into() });
        qs.push(QueryMsg::Minted { asset: a.into() });
        for kind in [None, Some(rwa_gate::AttestationKind::Filing)] {
            qs.push(QueryMsg::Attestations {
                asset: a.into(),
                kind,
                start_after: None,
                limit: Some(30),
            });
        }
        for active_only in [false, true] {
            qs.push(QueryMsg::Flags {
                subject: Subject::Asset(a.into()),
                active_only: Some(active_only),
                start_after: None,
                limit: Some(30),
            });
        }
        for p in people.iter().take(4) {
            qs.push(QueryMsg::CheckIssuance {
                asset: a.into(),
                amount: Uint128::new(1_000),
                minter: Some(p.to_string()),
                recipient: None,
            });
        }
    }
    for q in qs {
        let (name, r) = reg(q);
        ask(registry, name, r);
    }
    for t in tokens {
        let mut tq = vec![
            TokenQuery::TokenInfo {},
            TokenQuery::Minter {},
            TokenQuery::AssetInfo {},
            TokenQuery::AllAccounts {
                start_after: None,
                limit: Some(30),
            },
        ];
        for p in people {
            tq.push(TokenQuery::Balance {
                address: p.to_string(),
            });
            tq.push(TokenQuery::AllAllowances {
                owner: p.to_string(),
                start_after: None,
                limit: Some(30),
            });
            tq.push(TokenQuery::AllSpenderAllowances {
                spender: p.to_string(),
                start_after: None,
                limit: Some(30),
            });
            for s in people {
                tq.push(TokenQuery::Allowance {
                    owner: p.to_string(),
                    spender: s.to_string(),
                });
            }
        }
        for q in tq {
            let r = raw(app, t, &q);
            ask(t, format!("{q:?}"), r);
        }
    }
    out
}

fn people(s: &mut Suite) -> Vec<Addr> {
    [
        "issuer",
        "desk",
        "alice",
        "bob",
        "carol",
        "owner",
        "pauser",
        "filer",
        "filer2",
        "screener",
        "watcher",
        "watcher2",
        "next-owner",
        "issuer2",
    ]
    .iter()
    .map(|n| s.address(n))
    .collect()
}

/// The live lifecycle's registry, typed as the loaded one is.
fn live_registry(live: &Suite) -> Addr {
    Addr::unchecked(&live.registry)
}

fn assert_same_answers(
    live: &[(String, Result<Binary, String>)],
    migrated: &[(String, Result<Binary, String>)],
) {
    assert_eq!(live.len(), migrated.len());
    for ((q, a), (q2, b)) in live.iter().zip(migrated) {
        assert_eq!(q, q2);
        assert_eq!(
            a.as_ref().map(|b| String::from_utf8_lossy(b).into_owned()),
            b.as_ref().map(|b| String::from_utf8_lossy(b).into_owned()),
            "query {q} answers differently after migration"
        );
    }
}

#[test]
fn migration_from_every_supported_release_keeps_every_record() {
    for version in MIGRATES_FROM {
        migration_keeps_every_record(version);
    }
}

fn migration_keeps_every_record(version: &str) {
    let fixture = load_fixture(version);
    let mut l = load(&fixture);

    // The dump was written under its version by the two contracts it claims.
    for (addr, name) in [
        (&l.registry, "crates.io:compliance-registry"),
        (&l.bond, "crates.io:gated-token"),
        (&l.note, "crates.io:gated-token"),
    ] {
        assert_eq!(
            cw2(&l.app, addr.as_str()),
            ContractVersion {
                contract: name.into(),
                version: version.into()
            }
        );
    }

    // Migrate each contract with the current code.
    let (res, token_responses) = l.migrate_all();
    assert_eq!(attr(&res, "from_version").as_deref(), Some(version));
    assert_eq!(
        attr(&res, "to_version").as_deref(),
        Some(compliance_registry::CONTRACT_VERSION)
    );
    for (res, token) in token_responses.iter().zip([&l.bond, &l.note]) {
        assert_eq!(attr(res, "from_version").as_deref(), Some(version));
        assert_eq!(
            cw2(&l.app, token.as_str()).version,
            gated_token::CONTRACT_VERSION
        );
    }

    // Every record answers exactly as in the live lifecycle that wrote it.
    let mut live = lifecycle();
    let people = people(&mut live);
    let tokens = [l.bond.clone(), l.note.clone()];
    let expected = all_queries(live.app(), &live_registry(&live), &tokens, &people);
    let got = all_queries(&l.app, &l.registry, &tokens, &people);
    assert_same_answers(&expected, &got);

    // And the records are what the lifecycle made, read through typed queries.
    let q = |msg: &QueryMsg| -> Binary { raw(&l.app, &l.registry, msg).unwrap() };
    let revoked: rwa_gate::Attestation = from_json(q(&QueryMsg::Attestation { id: 3 })).unwrap();
    assert!(revoked.revoked_at.is_some() && revoked.revocation.is_some());
    let current: rwa_gate::Attestation = from_json(q(&QueryMsg::Attestation { id: 4 })).unwrap();
    assert!(current.revoked_at.is_none());
    let cleared: rwa_gate::Flag = from_json(q(&QueryMsg::Flag { id: 1 })).unwrap();
    assert_eq!(cleared.status, FlagStatus::Cleared);
    assert_eq!(cleared.cleared_by, Some(live.address("owner")));
    let voted: rwa_gate::Flag = from_json(q(&QueryMsg::Flag { id: 2 })).unwrap();
    assert_eq!(voted.status, FlagStatus::Active);
    assert_eq!(voted.clear_votes.len(), 1);
    let history: rwa_gate::registry::FlagsResponse = from_json(q(&QueryMsg::Flags {
        subject: Subject::Entity(FOUNDER.into()),
        active_only: None,
        start_after: None,
        limit: None,
    }))
    .unwrap();
    assert_eq!(history.flags.len(), 1, "cleared flags stay in the history");
    let report: rwa_gate::Report = from_json(q(&QueryMsg::Report { id: 1 })).unwrap();
    assert_eq!(report.asset, BOND);
    let note_clearance: rwa_gate::Clearance =
        from_json(q(&QueryMsg::Clearance { asset: NOTE.into() })).unwrap();
    assert!(note_clearance.paused);
    assert_eq!(note_clearance.blockers.len(), 1);
    let bond: rwa_gate::Asset = from_json(q(&QueryMsg::Asset { id: BOND.into() })).unwrap();
    assert_eq!(
        bond.minters,
        vec![live.address("issuer"), live.address("desk")]
    );
    let minted: rwa_gate::registry::MintedResponse =
        from_json(q(&QueryMsg::Minted { asset: BOND.into() })).unwrap();
    assert_eq!(minted.minted, Uint128::new(15_000));
    assert_eq!(minted.total_supply, Uint128::new(14_900));
    let balance = |who: &Addr| -> u128 {
        let b: rwa_gate::cw20::BalanceResponse = from_json(
            raw(
                &l.app,
                &l.bond,
                &TokenQuery::Balance {
                    address: who.to_string(),
                },
            )
            .unwrap(),
        )
        .unwrap();
        b.balance.u128()
    };
    let (alice, bob, carol) = (
        live.address("alice"),
        live.address("bob"),
        live.address("carol"),
    );
    assert_eq!(
        (balance(&alice), balance(&bob), balance(&carol)),
        (8_500, 5_900, 500)
    );
    let allowance: rwa_gate::cw20::AllowanceResponse = from_json(
        raw(
            &l.app,
            &l.bond,
            &TokenQuery::Allowance {
                owner: alice.to_string(),
                spender: carol.to_string(),
            },
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(allowance.allowance, Uint128::new(1_500));
    assert!(matches!(allowance.expires, Expiration::AtHeight(_)));
}

/// The migrated contracts keep working: the same transactions on the live lifecycle and on the
/// migrated one succeed or fail alike and leave the same answers.
#[test]
fn migrated_contracts_keep_working_as_the_live_ones() {
    for version in MIGRATES_FROM {
        migrated_contracts_keep_working(version);
    }
}

fn migrated_contracts_keep_working(version: &str) {
    let fixture = load_fixture(version);
    let mut l = load(&fixture);
    l.migrate_all();
    let mut live = lifecycle();
    let people = people(&mut live);
    let (owner, issuer, alice, bob, carol, watcher) = (
        live.address("owner"),
        live.address("issuer"),
        live.address("alice"),
        live.address("bob"),
        live.address("carol"),
        live.address("watcher"),
    );
    let registry = live_registry(&live);
    let (bond, note) = (l.bond.clone(), l.note.clone());
    type Tx = (Addr, Addr, Binary);
    let txs: Vec<Tx> = vec![
        // Blocked by flag 2 (one vote of two): denied in both.
        (
            issuer.clone(),
            bond.clone(),
            to_json_vec(&TokenMsg::Mint {
                recipient: alice.to_string(),
                amount: Uint128::new(1_000),
            })
            .unwrap()
            .into(),
        ),
        (
            owner.clone(),
            registry.clone(),
            to_json_vec(&RegistryMsg::ClearFlag {
                id: 2,
                conclusion: evidence("no threat"),
            })
            .unwrap()
            .into(),
        ),
        (
            issuer.clone(),
            bond.clone(),
            to_json_vec(&TokenMsg::Mint {
                recipient: alice.to_string(),
                amount: Uint128::new(1_000),
            })
            .unwrap()
            .into(),
        ),
        (
            alice.clone(),
            bond.clone(),
            to_json_vec(&TokenMsg::Transfer {
                recipient: bob.to_string(),
                amount: Uint128::new(10),
            })
            .unwrap()
            .into(),
        ),
        (
            carol.clone(),
            bond.clone(),
            to_json_vec(&TokenMsg::TransferFrom {
                owner: alice.to_string(),
                recipient: carol.to_string(),
                amount: Uint128::new(1_500),
            })
            .unwrap()
            .into(),
        ),
        (
            carol.clone(),
            bond.clone(),
            to_json_vec(&TokenMsg::TransferFrom {
                owner: alice.to_string(),
                recipient: carol.to_string(),
                amount: Uint128::new(1),
            })
            .unwrap()
            .into(),
        ),
        // The note stays frozen and paused.
        (
            issuer.clone(),
            note.clone(),
            to_json_vec(&TokenMsg::Transfer {
                recipient: bob.to_string(),
                amount: Uint128::new(1),
            })
            .unwrap()
            .into(),
        ),
        (
            issuer.clone(),
            note.clone(),
            to_json_vec(&TokenMsg::Mint {
                recipient: bob.to_string(),
                amount: Uint128::new(1),
            })
            .unwrap()
            .into(),
        ),
        (
            watcher.clone(),
            registry.clone(),
            to_json_vec(&RegistryMsg::RaiseFlag {
                subject: Subject::Entity(BANK.into()),
                reason: FlagReason::BarredFromFinancing,
                evidence: evidence("barred"),
            })
            .unwrap()
            .into(),
        ),
        (
            live.address("next-owner"),
            registry.clone(),
            to_json_vec(&RegistryMsg::AcceptOwnership {})
                .unwrap()
                .into(),
        ),
    ];
    for (sender, contract, msg) in txs {
        let run = |app: &mut App| {
            app.execute(
                sender.clone(),
                cosmwasm_std::WasmMsg::Execute {
                    contract_addr: contract.to_string(),
                    msg: msg.clone(),
                    funds: vec![],
                }
                .into(),
            )
            .map(|_| ())
            .map_err(|e| last_line(&e))
        };
        let a = run(live.app_mut());
        let b = run(&mut l.app);
        assert_eq!(
            a,
            b,
            "{} differs after migration",
            String::from_utf8_lossy(&msg)
        );
    }
    let tokens = [l.bond.clone(), l.note.clone()];
    let expected = all_queries(live.app(), &live_registry(&live), &tokens, &people);
    let got = all_queries(&l.app, &l.registry, &tokens, &people);
    assert_same_answers(&expected, &got);
    // The second mint went through after the flag was cleared.
    assert_eq!(live.minted(BOND).minted.u128(), 16_000);
}

// ---- refusals ------------------------------------------------------------------------------

fn set_cw2(s: &mut Suite, contract: &str, name: &str, version: &str) {
    CW2.save(
        &mut *s.app_mut().contract_storage_mut(&Addr::unchecked(contract)),
        &ContractVersion {
            contract: name.into(),
            version: version.into(),
        },
    )
    .unwrap();
}

#[test]
fn registry_migrate_refuses_a_downgrade() {
    let mut s = Suite::new().build();
    let registry = s.registry.clone();
    set_cw2(&mut s, &registry, "crates.io:compliance-registry", "9.9.9");
    let code = s.code_id(&registry);
    assert_fails(
        s.migrate_registry("owner", code),
        compliance_registry::ContractError::CannotMigrateDowngrade {
            stored: "9.9.9".into(),
            current: compliance_registry::CONTRACT_VERSION.into(),
        },
    );
    // Nothing changed: the stored version stays.
    assert_eq!(cw2(s.app(), &registry).version, "9.9.9");
}

#[test]
fn registry_migrate_refuses_a_foreign_contract() {
    let mut s = Suite::new().build();
    let registry = s.registry.clone();
    set_cw2(&mut s, &registry, "crates.io:cw20-base", "0.1.0");
    let code = s.code_id(&registry);
    assert_fails(
        s.migrate_registry("owner", code),
        compliance_registry::ContractError::WrongContract {
            expected: "crates.io:compliance-registry".into(),
            found: "crates.io:cw20-base".into(),
        },
    );
}

#[test]
fn token_migrate_refuses_a_downgrade() {
    let mut s = Suite::new().build();
    let token = s.token(BOND);
    set_cw2(&mut s, &token, "crates.io:gated-token", "9.9.9");
    let code = s.code_id(&token);
    let before = s.storage(&s.registry);
    assert_fails(
        s.migrate_tokens("owner", code),
        gated_token::ContractError::CannotMigrateDowngrade {
            stored: "9.9.9".into(),
            current: gated_token::CONTRACT_VERSION.into(),
        },
    );
    assert_eq!(cw2(s.app(), &token).version, "9.9.9");
    assert_eq!(s.storage(&s.registry), before);
}

#[test]
fn token_migrate_refuses_a_foreign_contract() {
    let mut s = Suite::new().build();
    let token = s.token(BOND);
    set_cw2(&mut s, &token, "crates.io:cw20-base", "0.1.0");
    let code = s.code_id(&token);
    assert_fails(
        s.migrate_tokens("owner", code),
        gated_token::ContractError::WrongContract {
            expected: "crates.io:gated-token".into(),
            found: "crates.io:cw20-base".into(),
        },
    );
}

/// Only the contract admin (the registry for a token, its deployer for the registry) may migrate.
#[test]
fn migrate_is_refused_to_anyone_but_the_admin() {
    let mut s = Suite::new().build();
    let registry = s.registry.clone();
    let token = s.token(BOND);
    let code = s.code_id(&registry);
    assert!(s.migrate_registry("stranger", code).is_err());
    let code = s.code_id(&token);
    assert!(s.migrate_token_directly("stranger", BOND, code).is_err());
}

/// The attack of issue 10 (item 2): a former owner, after handing ownership over, migrates a
/// token to code that credits itself and back, outside the gate. The registry is every token's
/// wasm admin, so the former owner has no power over any token, and the new owner migrates them
/// through the registry.
#[test]
fn a_former_owner_cannot_migrate_a_token_and_the_new_owner_can_through_the_registry() {
    let mut s = Suite::new().build();
    let token = s.token(BOND);
    let registry = s.registry.clone();
    assert_eq!(s.admin_of(&token), Some(Addr::unchecked(&registry)));
    let next = s.addr("next-owner");
    s.exec_owner(&RegistryMsg::ProposeOwner { new_owner: next })
        .unwrap();
    s.exec("next-owner", &RegistryMsg::AcceptOwnership {})
        .unwrap();
    // A second copy of the token code: the "new" code of a migration.
    let new_code = s.store_token_code();
    let old_code = s.code_id(&token);
    let before = s.storage(&token);
    // The former owner ("owner") is refused by the chain itself: the registry is the admin.
    assert_fails(
        s.migrate_token_directly("owner", BOND, new_code),
        not_admin("multi-test", &registry),
    );
    assert_fails(
        s.migrate_tokens("owner", new_code),
        compliance_registry::ContractError::Unauthorized {},
    );
    // Nor may the new owner bypass the registry.
    assert_fails(
        s.migrate_token_directly("next-owner", BOND, new_code),
        not_admin("multi-test", &registry),
    );
    assert_eq!(s.code_id(&token), old_code);
    assert_eq!(s.storage(&token), before);

    let res = s.migrate_tokens("next-owner", new_code).unwrap();
    assert_eq!(res.attr("migrated"), Some("1"));
    assert_eq!(s.code_id(&token), new_code);
    assert_eq!(s.admin_of(&token), Some(Addr::unchecked(&registry)));
    // Once ownership is renounced, nobody can migrate a token again.
    s.exec("next-owner", &RegistryMsg::RenounceOwnership {})
        .unwrap();
    assert_fails(
        s.migrate_tokens("next-owner", old_code),
        compliance_registry::ContractError::Unauthorized {},
    );
}

/// `MigrateTokens` pages through the assets in id order, at most 30 at a time.
#[test]
fn migrate_tokens_pages_through_the_assets() {
    let mut s = Suite::new().build();
    for id in ["a-1", "a-2", "a-3"] {
        s.register_asset(id, ACME, &[]).unwrap();
    }
    let new_code = s.store_token_code();
    let res = s
        .exec_owner(&RegistryMsg::MigrateTokens {
            code_id: new_code,
            start_after: None,
            limit: Some(2),
        })
        .unwrap();
    assert_eq!(res.attr("last"), Some("a-2"));
    let res = s
        .exec_owner(&RegistryMsg::MigrateTokens {
            code_id: new_code,
            start_after: Some("a-2".into()),
            limit: Some(100),
        })
        .unwrap();
    assert_eq!(res.attr("migrated"), Some("2"));
    for id in ["a-1", "a-2", "a-3", BOND] {
        let token = s.token(id);
        assert_eq!(s.code_id(&token), new_code, "{id}");
    }
    assert_fails(
        s.exec_owner(&RegistryMsg::MigrateTokens {
            code_id: 0,
            start_after: None,
            limit: None,
        }),
        compliance_registry::ContractError::InvalidCodeId {},
    );
}

/// A registry of a release older than v0.3.0 is refused, typed, and left exactly as it was: it
/// migrates with the code of v0.4.0 first, which carries the steps from v0.1.0 and v0.2.0.
#[test]
fn a_registry_older_than_v0_3_0_is_refused_and_left_as_it_was() {
    for version in RELEASES.iter().filter(|v| !MIGRATES_FROM.contains(v)) {
        let fixture = load_fixture(version);
        let mut l = load(&fixture);
        let before = l.app.dump_wasm_raw(&l.registry);
        let err = l
            .app
            .migrate_contract(
                l.admin.clone(),
                l.registry.clone(),
                &MigrateMsg {},
                l.registry_code,
            )
            .unwrap_err();
        assert_eq!(
            last_line(&err),
            compliance_registry::ContractError::MigrateThroughRelease {
                stored: version.to_string(),
                release: "0.4.0".into(),
            }
            .to_string()
        );
        assert_eq!(l.app.dump_wasm_raw(&l.registry), before);
        assert_eq!(cw2(&l.app, l.registry.as_str()).version, *version);
    }
}
