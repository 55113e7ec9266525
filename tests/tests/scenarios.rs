//! The rule scenarios of `rwa_gate_tests::scenarios` on cw-multi-test. The same scenarios run
//! on the local chain in `tests/chain` (`chain_…`).

use rwa_gate_tests::backend::MultiTest;
use rwa_gate_tests::scenarios;

macro_rules! on_multi_test {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                scenarios::$name(MultiTest::new());
            }
        )*
    };
}

on_multi_test!(
    r1_mint_without_filing_is_refused,
    r1_filing_must_match_the_registered_plan_digest,
    r1_plan_change_voids_earlier_filings,
    r1_minting_beyond_the_filed_supply_is_refused,
    r2_significant_matter_suspends_issuance_until_a_newer_filing,
    r3_screening_is_required_and_must_cover_every_related_party,
    r4_entity_barred_from_financing_blocks_mint_until_cleared,
    r5_disputed_asset_blocks_mint_and_freezes_transfers,
    r6_new_negative_list_version_voids_older_screenings,
    r7_national_security_flag_on_a_related_party_blocks_mint,
    r8_block_lapses_by_itself_three_years_after_the_offence,
    r8_offence_more_than_three_years_ago_does_not_block,
    r9_investigation_blocks_until_cleared_with_a_conclusion,
    r10_expired_evidence_denies_issuance,
    r10_revoked_evidence_denies_issuance,
    r10_every_denial_is_listed_and_the_mint_agrees_with_check_issuance,
    lifecycle_from_registration_to_the_cap,
    send_delivers_the_receive_message_and_a_failing_receiver_rolls_it_back,
);
