//! The rule scenarios of `rwa_gate_tests::scenarios` on cw-multi-test. The same scenarios run
//! on the local chain in `tests/chain` (`chain_…`).

use rwa_gate_tests::backend::MultiTest;
use rwa_gate_tests::{holders, scenarios};

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
    r1_a_filing_in_flight_for_a_plan_changed_under_it_is_refused,
    r1_plan_change_voids_earlier_filings,
    r1_a_plan_changed_and_changed_back_does_not_revive_its_filings,
    r1_raising_the_maximum_supply_voids_the_filing_of_the_smaller_plan,
    r1_an_identical_plan_is_refused_and_changes_nothing,
    r1_minting_beyond_the_filed_supply_is_refused,
    r2_significant_matter_suspends_issuance_until_a_newer_filing,
    r2_a_filing_oracle_may_report_but_a_stranger_may_not,
    r3_screening_is_required_and_must_cover_every_related_party,
    r3_screening_look_back_must_span_three_years,
    r3_only_digests_go_on_chain,
    r4_entity_barred_from_financing_blocks_mint_until_cleared,
    r4_asset_barred_from_financing_blocks_mint,
    r5_disputed_asset_blocks_mint_and_freezes_transfers,
    r5_transfer_prohibited_by_law_blocks_mint_and_transfers,
    r6_negative_list_flag_blocks_mint_until_cleared,
    r6_new_negative_list_version_voids_older_screenings,
    r7_national_security_flag_on_a_related_party_blocks_mint,
    r8_block_lapses_by_itself_three_years_after_the_offence,
    r8_offence_more_than_three_years_ago_does_not_block,
    r8_is_raised_on_entities_not_assets,
    r9_investigation_blocks_until_cleared_with_a_conclusion,
    r10_expired_evidence_denies_issuance,
    r10_revoked_evidence_denies_issuance,
    r10_every_denial_is_listed_and_the_mint_agrees_with_check_issuance,
    lifecycle_from_registration_to_the_cap,
    send_delivers_the_receive_message_and_a_failing_receiver_rolls_it_back,
    a_former_owner_cannot_migrate_a_token_and_the_new_owner_can_through_the_registry,
    another_issuer_cannot_use_up_an_entitys_slots,
    a_screening_that_misses_a_new_party_stops_counting_at_once,
    a_flag_on_a_new_party_blocks_at_once,
    a_flag_on_a_removed_party_stops_blocking_that_asset,
    updated_parties_keep_every_bound,
);

macro_rules! holders_on_multi_test {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                holders::$name(MultiTest::new());
            }
        )*
    };
}

holders_on_multi_test!(
    r1_terms_a_transfer_to_an_ineligible_account_is_refused_with_every_reason,
    r1_terms_eligibility_stops_counting_when_revoked_expired_or_its_oracle_is_suspended,
    r1_terms_allowances_and_contracts_do_not_route_around_the_receiver_check,
    r1_terms_limits_count_per_holder_id_not_per_account,
    r1_terms_a_narrowing_takes_effect_at_once_and_a_widening_waits_for_a_filing,
    r1_terms_lockup_holds_transfers_between_holders_until_its_instant,
    orders_move_exactly_the_attested_amount_once_even_from_a_frozen_account,
    recovery_moves_the_whole_balance_to_the_same_holder_and_the_lost_account_never_receives,
);

macro_rules! oracles_on_multi_test {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                rwa_gate_tests::oracles::$name(MultiTest::new());
            }
        )*
    };
}

oracles_on_multi_test!(
    a_batch_records_every_action_or_none,
    a_signed_statement_counts_once_here_until_its_deadline,
);
