use super::*;
use crate::fixtures::{attest, block, fill, mint, register, wasm};

const REG: &str = "wasm1registry";

fn index() -> Index {
    Index::in_memory("localnet", REG).unwrap()
}

#[test]
fn attestations_revocations_and_supersessions_are_indexed() {
    let mut ix = index();
    ix.apply_block(&block(1, 0, register(REG, "bond", "wasm1tok")))
        .unwrap();
    ix.apply_block(&block(2, 0, vec![attest(REG, "bond", 1, "filing", 999)]))
        .unwrap();
    ix.apply_block(&block(3, 0, vec![attest(REG, "bond", 3, "filing", 999)]))
        .unwrap();
    let revoke = wasm(
        REG,
        &[
            ("action", "revoke".into()),
            ("asset", "bond".into()),
            ("id", "3".into()),
            ("oracle", "wasm1o".into()),
        ],
    );
    ix.apply_block(&block(4, 0, vec![revoke])).unwrap();
    let rows = ix.attestations("bond").unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].superseded_by, Some(3));
    assert_eq!(rows[1].revoked, Some((4, 20)));
    assert_eq!(rows[0].time, 10);
    assert_eq!(ix.activity("wasm1o").unwrap().unwrap().action, "revoke");
    assert_eq!(ix.events("bond").unwrap()[0].action, "register_asset");
}

#[test]
fn flags_on_the_asset_and_its_parties_are_read_together_with_their_end() {
    let mut ix = index();
    let raise = |id: u64, key: &str, subject: &str, lapsed: &str| {
        wasm(
            REG,
            &[
                ("action", "raise_flag".into()),
                ("flag", id.to_string()),
                (key, subject.to_string()),
                ("rule", "R5".into()),
                ("reason", "ownership_dispute".into()),
                ("oracle", "wasm1f".into()),
                ("lapsed", lapsed.into()),
            ],
        )
    };
    ix.apply_block(&block(
        1,
        0,
        vec![
            raise(1, "asset", "bond", ""),
            raise(2, "entity", "acme", ""),
        ],
    ))
    .unwrap();
    ix.apply_block(&block(2, 0, vec![raise(3, "entity", "other", "2")]))
        .unwrap();
    let clear = wasm(
        REG,
        &[
            ("action", "clear_flag".into()),
            ("flag", "1".into()),
            ("asset", "bond".into()),
            ("cleared_by", "wasm1owner".into()),
        ],
    );
    ix.apply_block(&block(3, 0, vec![clear])).unwrap();
    let flags = ix.flags(&[("asset", "bond"), ("entity", "acme")]).unwrap();
    assert_eq!(flags.iter().map(|f| f.id).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(flags[0].ended, Some((3, 15, "cleared".to_string())));
    assert_eq!(flags[1].ended, Some((2, 10, "lapsed".to_string())));
}

#[test]
fn mints_of_known_tokens_only_are_indexed_and_paged_newest_first() {
    let mut ix = index();
    ix.apply_block(&block(1, 0, register(REG, "bond", "wasm1tok")))
        .unwrap();
    let mints = (1..=5)
        .map(|n| mint("wasm1tok", "bond", 10, n * 10, (1, 2)))
        .collect();
    ix.apply_block(&block(2, 0, mints)).unwrap();
    ix.apply_block(&block(
        3,
        0,
        vec![mint("wasm1stranger", "bond", 10, 10, (1, 2))],
    ))
    .unwrap();
    let (page, total) = ix.mints("bond", None, 2).unwrap();
    assert_eq!(total, 5);
    assert_eq!(
        page.iter().map(|m| m.minted.as_str()).collect::<Vec<_>>(),
        vec!["50", "40"]
    );
    let (older, _) = ix.mints("bond", Some(page[1].seq), 10).unwrap();
    assert_eq!(older.len(), 3);
    assert_eq!(ix.supply_series("bond").unwrap().last(), Some(&(2, 10, 50)));
}

#[test]
fn the_index_resumes_after_a_stop_and_skips_blocks_it_has() {
    let dir = std::env::temp_dir().join(format!("rwa-gate-console-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("index.sqlite");
    let _ = std::fs::remove_file(&path);
    {
        let mut ix = Index::open(&path, "localnet", REG).unwrap();
        ix.apply_block(&block(1, 0, register(REG, "bond", "wasm1tok")))
            .unwrap();
        ix.apply_block(&block(2, 0, vec![mint("wasm1tok", "bond", 10, 10, (1, 2))]))
            .unwrap();
        ix.mark_indexed(7).unwrap();
    }
    let mut ix = Index::open(&path, "localnet", REG).unwrap();
    assert_eq!(ix.indexed_height().unwrap(), 7);
    // A block already in (a restart that reads it again) is not written twice.
    assert_eq!(
        ix.apply_block(&block(2, 0, vec![mint("wasm1tok", "bond", 10, 10, (1, 2))]))
            .unwrap(),
        0
    );
    assert_eq!(ix.mints("bond", None, 10).unwrap().1, 1);
    // The token learnt before the stop is still known.
    assert_eq!(
        ix.apply_block(&block(8, 0, vec![mint("wasm1tok", "bond", 10, 20, (1, 2))]))
            .unwrap(),
        1
    );
    drop(ix);
    let other = Index::open(&path, "localnet", "wasm1another")
        .err()
        .unwrap();
    assert!(matches!(other, ConsoleError::WrongIndex { .. }), "{other}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_benchmark_fixture_fills_an_asset() {
    let mut ix = index();
    let last = fill(&mut ix, REG, "bond", 20, 35).unwrap();
    assert_eq!(ix.indexed_height().unwrap(), last);
    assert_eq!(ix.attestations("bond").unwrap().len(), 20);
    assert_eq!(ix.mints("bond", None, 1).unwrap().1, 35);
}
