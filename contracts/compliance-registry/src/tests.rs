//! Cheap in-crate checks of the recompute path, guards and migrate refusals. The full
//! multi-contract suite lives in the workspace `tests/` crate.

use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{
    coins, from_json, Addr, ContractResult, Env, Event, OwnedDeps, Reply, SubMsgResponse,
    SubMsgResult, SystemResult, Timestamp, Uint128, WasmQuery,
};
use rwa_gate::records::{Supply, TOKEN_SUPPLY_KEY};
use rwa_gate::registry::{
    ExecuteMsg, InstantiateMsg, MigrateMsg, NegativeListInit, ParamsUpdate, QueryMsg, TokenSpec,
};
use rwa_gate::{
    Clearance, Decision, Denial, Evidence, FlagReason, IssuancePlan, PartyRole, RelatedParty,
    Scopes, StatementMsg, Subject, LOOKBACK_SECONDS,
};

use crate::contract::{execute, instantiate, migrate, query, reply};
use crate::state::{CLEARANCES, FREEZES, GATE};
use crate::{ContractError, CONTRACT_NAME, REPLY_TOKEN_INSTANTIATED};
use rwa_gate::registry::{AttestMsg, RevokeMsg};

type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

const ASSET: &str = "bond-2026";
const PLAN: &str = "1111111111111111111111111111111111111111111111111111111111111111";
const DAY: u64 = 86_400;

fn digest(c: char) -> String {
    c.to_string().repeat(64)
}

fn evidence() -> Evidence {
    Evidence {
        digest: digest('e'),
        uri: None,
    }
}

struct Actors {
    owner: Addr,
    issuer: Addr,
    oracle1: Addr,
    oracle2: Addr,
    oracle3: Addr,
    token: Addr,
}

fn actors(deps: &Deps) -> Actors {
    Actors {
        owner: deps.api.addr_make("owner"),
        issuer: deps.api.addr_make("issuer"),
        oracle1: deps.api.addr_make("oracle1"),
        oracle2: deps.api.addr_make("oracle2"),
        oracle3: deps.api.addr_make("oracle3"),
        token: deps.api.addr_make("token"),
    }
}

fn exec(deps: &mut Deps, env: &Env, sender: &Addr, msg: ExecuteMsg) -> Result<(), ContractError> {
    execute(deps.as_mut(), env.clone(), message_info(sender, &[]), msg).map(|_| ())
}

fn clearance(deps: &Deps) -> Clearance {
    CLEARANCES.load(&deps.storage, ASSET).unwrap()
}

/// A registry with three oracles (all scopes), an approved issuer, entities "corp" and "holder",
/// and the asset registered with its token recorded by the reply.
fn setup() -> (Deps, Env, Actors) {
    let mut deps = mock_dependencies();
    let env = mock_env();
    let a = actors(&deps);
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&a.owner, &[]),
        InstantiateMsg {
            owner: None,
            pauser: None,
            token_code_id: 7,
            params: None,
            negative_list: NegativeListInit {
                version: 1,
                digest: digest('a'),
            },
        },
    )
    .unwrap();
    let all = Scopes {
        cross_border_investment: false,
        data_security: false,
        foreign_exchange: false,
        filing: true,
        screening: true,
        flags: true,
        eligibility: false,
        orders: false,
    };
    for o in [&a.oracle1, &a.oracle2, &a.oracle3] {
        let msg = ExecuteMsg::AddOracle {
            address: o.to_string(),
            scopes: all,
        };
        exec(&mut deps, &env, &a.owner.clone(), msg).unwrap();
    }
    let (owner, issuer) = (a.owner.clone(), a.issuer.clone());
    exec(
        &mut deps,
        &env,
        &owner,
        ExecuteMsg::ApproveIssuer {
            address: issuer.to_string(),
        },
    )
    .unwrap();
    for id in ["corp", "holder"] {
        exec(
            &mut deps,
            &env,
            &issuer,
            ExecuteMsg::RegisterEntity { id: id.into() },
        )
        .unwrap();
    }
    let res = execute(
        deps.as_mut(),
        env.clone(),
        message_info(&issuer, &[]),
        ExecuteMsg::RegisterAsset {
            id: ASSET.into(),
            filing_entity: "corp".into(),
            related_parties: vec![RelatedParty {
                entity: "holder".into(),
                role: PartyRole::ControllingShareholder,
            }],
            plan: IssuancePlan {
                approvals: vec![],
                max_supply: Uint128::new(1_000),
                materials_digest: PLAN.into(),
                terms: None,
            },
            token: TokenSpec {
                name: "Bond 2026".into(),
                symbol: "BOND".into(),
                decimals: 6,
            },
        },
    )
    .unwrap();
    assert_eq!(res.messages.len(), 1);
    assert_eq!(res.messages[0].payload.as_slice(), ASSET.as_bytes());
    #[allow(deprecated)]
    let result = SubMsgResult::Ok(SubMsgResponse {
        events: vec![Event::new("instantiate").add_attribute("_contract_address", a.token.as_str())],
        data: None,
        msg_responses: vec![],
    });
    reply(
        deps.as_mut(),
        env.clone(),
        Reply {
            id: REPLY_TOKEN_INSTANTIATED,
            payload: ASSET.as_bytes().into(),
            gas_used: 0,
            result,
        },
    )
    .unwrap();
    (deps, env, a)
}

fn filing(supply: u128) -> StatementMsg {
    StatementMsg::Filing {
        filing_reference: "CSRC-2026-001".into(),
        plan: IssuancePlan {
            approvals: vec![],
            max_supply: Uint128::new(1_000),
            materials_digest: PLAN.into(),
            terms: None,
        },
        approved_supply: Uint128::new(supply),
    }
}

fn screening(env: &Env, version: u64) -> StatementMsg {
    StatementMsg::Screening {
        negative_list_version: version,
        subjects: vec!["corp".into(), "holder".into()],
        lookback_from: Timestamp::from_seconds(env.block.time.seconds() - LOOKBACK_SECONDS),
    }
}

fn attest(deps: &mut Deps, env: &Env, oracle: &Addr, statement: StatementMsg) {
    let msg = ExecuteMsg::Attest(AttestMsg {
        asset: ASSET.into(),
        statement,
        expires_at: env.block.time.plus_seconds(30 * DAY),
        evidence: evidence(),
    });
    exec(deps, env, oracle, msg).unwrap();
}

fn clean(deps: &mut Deps, env: &Env, a: &Actors) {
    attest(deps, env, &a.oracle1, filing(800));
    attest(deps, env, &a.oracle1, screening(env, 1));
}

#[test]
fn reply_records_token_and_first_clearance() {
    let (deps, _, a) = setup();
    let c = clearance(&deps);
    assert_eq!(c.token, a.token);
    assert_eq!(c.minters, vec![a.issuer]);
    assert!(!c.filing.quorum_met());
    assert_eq!(c.filing.need, 1);
}

#[test]
fn r1_r3_clean_attestations_meet_quorum_with_min_supply() {
    let (mut deps, env, a) = setup();
    clean(&mut deps, &env, &a);
    let c = clearance(&deps);
    assert_eq!(c.filing.attestations, vec![1]);
    assert_eq!(c.filing.approved_supply, Some(Uint128::new(800)));
    assert_eq!(c.screening.attestations, vec![2]);
    assert!(c.blockers.is_empty());
}

#[test]
fn r1_filing_with_other_plan_digest_is_refused() {
    let (mut deps, env, a) = setup();
    let err = exec(
        &mut deps,
        &env,
        &a.oracle1,
        ExecuteMsg::Attest(AttestMsg {
            asset: ASSET.into(),
            statement: StatementMsg::Filing {
                filing_reference: "x".into(),
                plan: IssuancePlan {
                    approvals: vec![],
                    max_supply: Uint128::new(1_000),
                    materials_digest: digest('2'),
                    terms: None,
                },
                approved_supply: Uint128::new(1),
            },
            expires_at: env.block.time.plus_seconds(DAY),
            evidence: evidence(),
        }),
    )
    .unwrap_err();
    assert!(matches!(
        err,
        ContractError::PlanMismatch { current_version: 0 }
    ));
}

#[test]
fn r2_report_suspends_until_newer_filing() {
    let (mut deps, env, a) = setup();
    clean(&mut deps, &env, &a);
    let issuer = a.issuer.clone();
    exec(
        &mut deps,
        &env,
        &issuer,
        ExecuteMsg::ReportSignificantMatter {
            asset: ASSET.into(),
            evidence: evidence(),
        },
    )
    .unwrap();
    let c = clearance(&deps);
    assert!(!c.filing.quorum_met());
    assert_eq!(c.pending_report, Some(1));
    attest(&mut deps, &env, &a.oracle2, filing(900));
    let c = clearance(&deps);
    assert_eq!(c.filing.attestations, vec![3]);
    assert_eq!(c.pending_report, None);
}

#[test]
fn revocation_removes_support_and_older_statement_does_not_revive() {
    let (mut deps, env, a) = setup();
    attest(&mut deps, &env, &a.oracle1, filing(500));
    attest(&mut deps, &env, &a.oracle1, filing(600));
    assert_eq!(clearance(&deps).filing.attestations, vec![2]);
    let oracle1 = a.oracle1.clone();
    let other = a.oracle2.clone();
    let err = exec(
        &mut deps,
        &env,
        &other,
        ExecuteMsg::Revoke(RevokeMsg {
            id: 2,
            evidence: evidence(),
        }),
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Unauthorized {}));
    exec(
        &mut deps,
        &env,
        &oracle1,
        ExecuteMsg::Revoke(RevokeMsg {
            id: 2,
            evidence: evidence(),
        }),
    )
    .unwrap();
    assert!(clearance(&deps).filing.attestations.is_empty());
    let err = exec(
        &mut deps,
        &env,
        &oracle1,
        ExecuteMsg::Revoke(RevokeMsg {
            id: 2,
            evidence: evidence(),
        }),
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::AlreadyRevoked { id: 2 }));
}

/// `oracle` raises an R8 flag on the related party `holder` for an offence at `offence_date`.
fn raise_criminal_record(deps: &mut Deps, env: &Env, oracle: &Addr, offence_date: Timestamp) {
    exec(
        deps,
        env,
        oracle,
        ExecuteMsg::RaiseFlag {
            subject: Subject::Entity("holder".into()),
            reason: FlagReason::CriminalRecord { offence_date },
            evidence: evidence(),
        },
    )
    .unwrap();
}

#[test]
fn r8_entity_flag_blocks_linked_asset_and_lapses() {
    let (mut deps, env, a) = setup();
    clean(&mut deps, &env, &a);
    let offence = Timestamp::from_seconds(env.block.time.seconds() - 100 * DAY);
    let oracle1 = a.oracle1.clone();
    raise_criminal_record(&mut deps, &env, &oracle1, offence);
    let c = clearance(&deps);
    assert_eq!(c.blockers.len(), 1);
    assert_eq!(
        c.blockers[0].lapses_at,
        Some(offence.plus_seconds(LOOKBACK_SECONDS))
    );
    // Entity-only reasons cannot be raised on an asset.
    let err = exec(
        &mut deps,
        &env,
        &oracle1,
        ExecuteMsg::RaiseFlag {
            subject: Subject::Asset(ASSET.into()),
            reason: FlagReason::UnderInvestigation,
            evidence: evidence(),
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::FlagReasonNotForAssets {}));
}

#[test]
fn r5_asset_flag_freezes_and_quorum_of_others_clears() {
    let (mut deps, env, a) = setup();
    let (o1, o2, o3) = (a.oracle1.clone(), a.oracle2.clone(), a.oracle3.clone());
    // A token of the current layout (it has a route key) is told of every freeze change.
    let token = a.token.clone();
    deps.querier.update_wasm(move |q| match q {
        WasmQuery::Raw { contract_addr, key } if *contract_addr == token.as_str() => {
            let route = (key.as_slice() == b"r").then(|| b"{}".to_vec());
            SystemResult::Ok(ContractResult::Ok(route.unwrap_or_default().into()))
        }
        _ => panic!("unexpected query"),
    });
    let raise = execute(
        deps.as_mut(),
        env.clone(),
        message_info(&o1, &[]),
        ExecuteMsg::RaiseFlag {
            subject: Subject::Asset(ASSET.into()),
            reason: FlagReason::OwnershipDispute,
            evidence: evidence(),
        },
    )
    .unwrap();
    assert_eq!(
        raise
            .messages
            .iter()
            .map(|m| m.msg.clone())
            .collect::<Vec<_>>(),
        vec![cosmwasm_std::CosmosMsg::Wasm(
            cosmwasm_std::WasmMsg::Execute {
                contract_addr: a.token.to_string(),
                msg: cosmwasm_std::to_json_binary(&rwa_gate::token::ExecuteMsg::UpdateFreeze {
                    flags: vec![1]
                })
                .unwrap(),
                funds: vec![],
            }
        )]
    );
    assert_eq!(FREEZES.load(&deps.storage, ASSET).unwrap(), vec![1]);
    let clear = || ExecuteMsg::ClearFlag {
        id: 1,
        conclusion: evidence(),
    };
    let err = exec(&mut deps, &env, &o1, clear()).unwrap_err();
    assert!(matches!(err, ContractError::RaiserCannotClear {}));
    exec(&mut deps, &env, &o2, clear()).unwrap();
    let err = exec(&mut deps, &env, &o2, clear()).unwrap_err();
    assert!(matches!(err, ContractError::AlreadyVoted {}));
    assert_eq!(clearance(&deps).blockers.len(), 1);
    exec(&mut deps, &env, &o3, clear()).unwrap();
    assert!(clearance(&deps).blockers.is_empty());
    assert!(!FREEZES.has(&deps.storage, ASSET));
    let err = exec(&mut deps, &env, &o3, clear()).unwrap_err();
    assert!(matches!(err, ContractError::FlagNotActive { id: 1 }));
}

#[test]
fn suspension_and_negative_list_bump_epoch_until_refresh() {
    let (mut deps, env, a) = setup();
    clean(&mut deps, &env, &a);
    let owner = a.owner.clone();
    exec(
        &mut deps,
        &env,
        &owner,
        ExecuteMsg::SuspendOracle {
            address: a.oracle1.to_string(),
        },
    )
    .unwrap();
    assert_eq!(GATE.load(&deps.storage).unwrap().epoch, 1);
    assert_eq!(clearance(&deps).epoch, 0);
    exec(
        &mut deps,
        &env,
        &owner,
        ExecuteMsg::RefreshClearance {
            asset: ASSET.into(),
        },
    )
    .unwrap();
    let c = clearance(&deps);
    assert_eq!(c.epoch, 1);
    assert!(c.filing.attestations.is_empty());

    exec(
        &mut deps,
        &env,
        &owner,
        ExecuteMsg::ReactivateOracle {
            address: a.oracle1.to_string(),
        },
    )
    .unwrap();
    exec(
        &mut deps,
        &env,
        &owner,
        ExecuteMsg::PublishNegativeList {
            version: 2,
            digest: digest('b'),
        },
    )
    .unwrap();
    exec(
        &mut deps,
        &env,
        &owner,
        ExecuteMsg::RefreshClearances {
            start_after: None,
            limit: None,
        },
    )
    .unwrap();
    let c = clearance(&deps);
    assert_eq!(c.epoch, 2);
    assert_eq!(c.filing.attestations, vec![1]);
    assert!(c.screening.attestations.is_empty());
}

#[test]
fn check_issuance_runs_evaluate_with_token_minted() {
    let (mut deps, env, a) = setup();
    clean(&mut deps, &env, &a);
    let token = a.token.clone();
    deps.querier.update_wasm(move |q| match q {
        WasmQuery::Raw { contract_addr, key } if *contract_addr == token.as_str() => {
            // The token's supply record, read raw; any other key is absent.
            let value = (key.as_slice() == TOKEN_SUPPLY_KEY).then(|| {
                Supply {
                    total: Uint128::new(700),
                    minted: Uint128::new(750),
                }
                .encode()
            });
            SystemResult::Ok(ContractResult::Ok(value.unwrap_or_default().into()))
        }
        _ => panic!("unexpected query"),
    });
    let ask = |deps: &Deps, amount: u128| -> Decision {
        from_json(
            query(
                deps.as_ref(),
                env.clone(),
                QueryMsg::CheckIssuance {
                    asset: ASSET.into(),
                    amount: Uint128::new(amount),
                    minter: Some(a.issuer.to_string()),
                    recipient: None,
                },
            )
            .unwrap(),
        )
        .unwrap()
    };
    assert!(ask(&deps, 50).allowed);
    assert_eq!(
        ask(&deps, 51).reasons,
        vec![Denial::CapExceeded {
            cap: Uint128::new(800),
            minted: Uint128::new(750),
            requested: Uint128::new(51)
        }]
    );
}

#[test]
fn wrong_roles_funds_and_bad_params_are_refused() {
    let (mut deps, env, a) = setup();
    let issuer = a.issuer.clone();
    let err = exec(
        &mut deps,
        &env,
        &issuer,
        ExecuteMsg::AddOracle {
            address: issuer.to_string(),
            scopes: Scopes::default(),
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Unauthorized {}));
    let err = execute(
        deps.as_mut(),
        env.clone(),
        message_info(&a.owner, &coins(1, "uosmo")),
        ExecuteMsg::AcceptOwnership {},
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Payment(_)));
    let owner = a.owner.clone();
    let err = exec(
        &mut deps,
        &env,
        &owner,
        ExecuteMsg::UpdateParams(ParamsUpdate {
            approval_quorum: Default::default(),
            attestation_quorum: Some(0),
            flag_quorum: None,
            max_validity: None,
            token_code_id: None,
        }),
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::InvalidQuorum { .. }));
    // A raised quorum takes support away everywhere: epoch bump.
    exec(
        &mut deps,
        &env,
        &owner,
        ExecuteMsg::UpdateParams(ParamsUpdate {
            approval_quorum: Default::default(),
            attestation_quorum: Some(2),
            flag_quorum: None,
            max_validity: None,
            token_code_id: None,
        }),
    )
    .unwrap();
    assert_eq!(GATE.load(&deps.storage).unwrap().epoch, 1);
}

#[test]
fn migrate_refuses_other_contract_and_downgrade() {
    let mut deps = mock_dependencies();
    cw2::set_contract_version(&mut deps.storage, "crates.io:other", "0.1.0").unwrap();
    let err = migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap_err();
    assert!(matches!(err, ContractError::WrongContract { .. }));

    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "99.0.0").unwrap();
    let err = migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap_err();
    assert!(matches!(err, ContractError::CannotMigrateDowngrade { .. }));

    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "0.2.0").unwrap();
    let err = migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a registry at 0.2.0 migrates with the code of release 0.4.0 first, then with this one"
    );

    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "0.3.0").unwrap();
    migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap();
    assert_eq!(
        cw2::get_contract_version(&deps.storage).unwrap().version,
        crate::CONTRACT_VERSION
    );
}

/// Counts storage reads: every `get`, and every entry a range yields.
struct CountingStorage<'a> {
    inner: &'a MockStorage,
    reads: std::cell::Cell<usize>,
}

impl CountingStorage<'_> {
    fn bump(&self) {
        self.reads.set(self.reads.get() + 1);
    }
}

impl cosmwasm_std::Storage for CountingStorage<'_> {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.bump();
        self.inner.get(key)
    }

    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: cosmwasm_std::Order,
    ) -> Box<dyn Iterator<Item = cosmwasm_std::Record> + 'a> {
        Box::new(self.inner.range(start, end, order).inspect(|_| self.bump()))
    }

    fn set(&mut self, _: &[u8], _: &[u8]) {
        unreachable!("queries do not write")
    }

    fn remove(&mut self, _: &[u8]) {
        unreachable!("queries do not write")
    }
}

/// Runs a query over `deps` and returns its answer with the number of storage reads it made.
fn counted<T: serde::de::DeserializeOwned>(deps: &Deps, msg: QueryMsg) -> (T, usize) {
    let storage = CountingStorage {
        inner: &deps.storage,
        reads: std::cell::Cell::new(0),
    };
    let counted_deps = cosmwasm_std::Deps {
        storage: &storage,
        api: &deps.api,
        querier: cosmwasm_std::QuerierWrapper::new(&deps.querier),
    };
    let answer = crate::query::dispatch(counted_deps, mock_env(), msg).unwrap();
    (from_json(answer).unwrap(), storage.reads.get())
}

const HISTORY: usize = 3_000;

/// Issue 10 (item 5): a listing filtered by kind reads about a page of entries, whatever the
/// history. Before the index per kind, a page of filings read every screening posted after the
/// first filing: thousands of reads here.
#[test]
fn attestation_listings_read_a_page_whatever_the_history() {
    use rwa_gate::registry::AttestationsResponse;
    use rwa_gate::AttestationKind;

    let (mut deps, env, a) = setup();
    // Two filings (ids 1 and 2), then thousands of screenings, then a third filing.
    attest(&mut deps, &env, &a.oracle1, filing(800));
    attest(&mut deps, &env, &a.oracle2, filing(800));
    for _ in 0..HISTORY {
        attest(&mut deps, &env, &a.oracle1, screening(&env, 1));
    }
    attest(&mut deps, &env, &a.oracle3, filing(800));
    let last = HISTORY as u64 + 3;
    let page = |kind, start_after, limit| QueryMsg::Attestations {
        asset: ASSET.into(),
        kind,
        start_after,
        limit,
    };
    let ids = |r: &AttestationsResponse| r.attestations.iter().map(|a| a.id).collect::<Vec<_>>();
    // A page of at most `limit` attestations: `limit` records, `limit` (+1) index entries.
    let bound = |limit: usize| 2 * limit + 2;

    let (r, reads): (AttestationsResponse, _) =
        counted(&deps, page(Some(AttestationKind::Filing), None, Some(30)));
    assert_eq!(ids(&r), vec![1, 2, last]);
    assert!(reads <= bound(3), "{reads} reads for 3 filings");

    let (r, reads): (AttestationsResponse, _) =
        counted(&deps, page(Some(AttestationKind::Filing), Some(2), Some(1)));
    assert_eq!(ids(&r), vec![last]);
    assert!(reads <= bound(1), "{reads} reads for 1 filing");

    let (r, reads): (AttestationsResponse, _) =
        counted(&deps, page(Some(AttestationKind::Filing), Some(last), None));
    assert_eq!(ids(&r), Vec::<u64>::new());
    assert!(reads <= bound(0), "{reads} reads for no filing");

    let (r, reads): (AttestationsResponse, _) = counted(
        &deps,
        page(Some(AttestationKind::Screening), Some(1_000), Some(30)),
    );
    assert_eq!(ids(&r), (1_001..=1_030).collect::<Vec<_>>());
    assert!(reads <= bound(30), "{reads} reads for 30 screenings");

    let (r, reads): (AttestationsResponse, _) = counted(&deps, page(None, Some(2_500), None));
    assert_eq!(ids(&r), (2_501..=2_510).collect::<Vec<_>>());
    assert!(reads <= bound(10), "{reads} reads for 10 attestations");
}

/// The flag listings are bounded the same way: the history of a subject by its own index, the
/// active flags by their bounded list, however many flags were raised and cleared before.
#[test]
fn flag_listings_read_a_page_whatever_the_history() {
    use rwa_gate::registry::FlagsResponse;

    let (mut deps, env, a) = setup();
    let subject = Subject::Entity("holder".into());
    let owner = a.owner.clone();
    for id in 1..=HISTORY as u64 {
        let raise = ExecuteMsg::RaiseFlag {
            subject: subject.clone(),
            reason: FlagReason::NegativeList,
            evidence: evidence(),
        };
        exec(&mut deps, &env, &a.oracle1, raise).unwrap();
        if id < HISTORY as u64 {
            let clear = ExecuteMsg::ClearFlag {
                id,
                conclusion: evidence(),
            };
            exec(&mut deps, &env, &owner, clear).unwrap();
        }
    }
    let flags = |active_only, start_after| QueryMsg::Flags {
        subject: subject.clone(),
        active_only: Some(active_only),
        start_after,
        limit: Some(30),
    };
    let (r, reads): (FlagsResponse, _) = counted(&deps, flags(true, None));
    assert_eq!(
        r.flags.iter().map(|f| f.id).collect::<Vec<_>>(),
        vec![HISTORY as u64]
    );
    assert!(reads <= 2, "{reads} reads for the active flag");
    let (r, reads): (FlagsResponse, _) = counted(&deps, flags(false, Some(1_000)));
    assert_eq!(r.flags.len(), 30);
    assert!(reads <= 2 * 30 + 2, "{reads} reads for 30 flags");
}

/// The statement set names oracles by enrolment: once an oracle is removed, its entries leave
/// the set at the next recomputation, and after it is re-added only its new statements count.
#[test]
fn statements_of_a_removed_oracle_leave_the_set_at_the_next_recompute() {
    use crate::records::CurrentStatement;
    use crate::state::{ORACLES, STATEMENTS};
    use rwa_gate::AttestationKind;

    let (mut deps, env, a) = setup();
    clean(&mut deps, &env, &a);
    let first = ORACLES
        .may_load(&deps.storage, a.oracle1.as_str())
        .unwrap()
        .unwrap()
        .enrolment;
    assert_eq!(STATEMENTS.load(&deps.storage, ASSET).unwrap().0.len(), 2);
    let owner = a.owner.clone();
    let oracle = a.oracle1.to_string();
    exec(
        &mut deps,
        &env,
        &owner,
        ExecuteMsg::RemoveOracle {
            address: oracle.clone(),
        },
    )
    .unwrap();
    let all = Scopes {
        cross_border_investment: false,
        data_security: false,
        foreign_exchange: false,
        filing: true,
        screening: true,
        flags: true,
        eligibility: false,
        orders: false,
    };
    let re_add = ExecuteMsg::AddOracle {
        address: oracle,
        scopes: all,
    };
    exec(&mut deps, &env, &owner, re_add).unwrap();
    let second = ORACLES
        .may_load(&deps.storage, a.oracle1.as_str())
        .unwrap()
        .unwrap()
        .enrolment;
    assert_ne!(first, second);
    let refresh = ExecuteMsg::RefreshClearance {
        asset: ASSET.into(),
    };
    exec(&mut deps, &env, &a.issuer.clone(), refresh).unwrap();
    assert!(STATEMENTS.load(&deps.storage, ASSET).unwrap().0.is_empty());
    assert!(clearance(&deps).filing.attestations.is_empty());

    attest(&mut deps, &env, &a.oracle1, filing(800));
    assert_eq!(
        STATEMENTS.load(&deps.storage, ASSET).unwrap().0,
        vec![CurrentStatement {
            kind: AttestationKind::Filing,
            enrolment: second,
            id: 3
        }]
    );
    assert_eq!(clearance(&deps).filing.attestations, vec![3]);
}

/// Nothing the registry stores is write-only: the negative-list history and the time of an
/// issuer's approval are both answered by a query.
#[test]
fn negative_list_history_and_issuer_approval_are_queryable() {
    use rwa_gate::registry::{IssuerResponse, NegativeListsResponse};

    let (mut deps, env, a) = setup();
    let owner = a.owner.clone();
    let later = {
        let mut e = env.clone();
        e.block.time = e.block.time.plus_seconds(DAY);
        e
    };
    exec(
        &mut deps,
        &later,
        &owner,
        ExecuteMsg::PublishNegativeList {
            version: 2,
            digest: digest('b'),
        },
    )
    .unwrap();
    let ask = |deps: &Deps, start_after: Option<u64>, limit: Option<u32>| {
        let msg = QueryMsg::NegativeLists { start_after, limit };
        from_json::<NegativeListsResponse>(query(deps.as_ref(), env.clone(), msg).unwrap())
            .unwrap()
            .lists
    };
    let lists = ask(&deps, None, None);
    assert_eq!(
        lists
            .iter()
            .map(|l| (l.version, l.digest.clone(), l.published_at))
            .collect::<Vec<_>>(),
        vec![
            (1, digest('a'), env.block.time),
            (2, digest('b'), later.block.time)
        ]
    );
    assert_eq!(ask(&deps, Some(1), None), lists[1..].to_vec());
    assert_eq!(ask(&deps, None, Some(1)), lists[..1].to_vec());

    let issuer = |deps: &Deps, address: &Addr| {
        let msg = QueryMsg::Issuer {
            address: address.to_string(),
        };
        from_json::<IssuerResponse>(query(deps.as_ref(), env.clone(), msg).unwrap()).unwrap()
    };
    let approved = issuer(&deps, &a.issuer);
    assert!(approved.approved);
    assert_eq!(approved.approved_at, Some(env.block.time));
    let stranger = issuer(&deps, &a.token);
    assert!(!stranger.approved);
    assert_eq!(stranger.approved_at, None);
}
