//! The command line parses what people write and refuses what would be ambiguous or unsafe.

use clap::Parser;
use rwa_gate_cli::cli::Cli;
use rwa_gate_cli::commands::issuer::{IssuerCommand as Issuer, Role};
use rwa_gate_cli::commands::oracle::{FlagCommand as Flag, OracleCommand as Oracle, Reason};
use rwa_gate_cli::commands::owner::{OwnerCommand as Owner, Scope};
use rwa_gate_cli::commands::Command;

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("rwa-gate").chain(args.iter().copied()))
}

#[test]
fn human_durations_and_dates_reach_the_commands_in_seconds() {
    let cli = parse(&[
        "oracle",
        "attest-filing",
        "bond",
        "--reference",
        "CSRC-1",
        "--materials",
        "m.pdf",
        "--valid-for",
        "365d",
    ])
    .unwrap();
    let Command::Oracle(Oracle::AttestFiling(a)) = cli.command else {
        panic!("not attest-filing")
    };
    assert_eq!(a.valid_for, 365 * 86_400);
    assert_eq!(a.approved_supply, None);

    let cli = parse(&[
        "oracle",
        "flag",
        "raise",
        "--entity",
        "founder",
        "--reason",
        "criminal-record",
        "--offence-date",
        "2024-03-01",
        "--evidence",
        "e.pdf",
    ])
    .unwrap();
    let Command::Oracle(Oracle::Flag(Flag::Raise(a))) = cli.command else {
        panic!("not flag raise")
    };
    assert_eq!(a.reason, Reason::CriminalRecord);
    assert_eq!(a.offence_date, Some(1_709_251_200));
    assert_eq!(a.entity.as_deref(), Some("founder"));

    let err = parse(&[
        "oracle",
        "attest-screening",
        "bond",
        "--evidence",
        "e",
        "--valid-for",
        "90 days",
    ])
    .unwrap_err();
    assert!(err.to_string().contains("not a duration"), "{err}");
    let err = parse(&[
        "oracle",
        "flag",
        "raise",
        "--asset",
        "bond",
        "--reason",
        "criminal-record",
        "--offence-date",
        "1/3/2024",
        "--evidence",
        "e",
    ])
    .unwrap_err();
    assert!(err.to_string().contains("not a date"), "{err}");
}

#[test]
fn global_flags_go_anywhere_and_the_key_is_never_an_argument() {
    let cli = parse(&[
        "issuer",
        "mint",
        "bond",
        "--amount",
        "1,000",
        "--dry-run",
        "--json",
        "--account-index",
        "906",
        "--node",
        "http://127.0.0.1:1",
    ])
    .unwrap();
    assert!(cli.global.dry_run && cli.global.json);
    assert_eq!(cli.global.account_index, 906);
    assert_eq!(cli.global.node, "http://127.0.0.1:1");
    let Command::Issuer(Issuer::Mint(m)) = cli.command else {
        panic!("not mint")
    };
    assert_eq!(m.amount, 1_000);
    // No flag takes a mnemonic: only a file or the environment.
    for flag in ["--mnemonic", "--key", "--private-key", "--seed"] {
        assert!(
            parse(&["address", flag, "words"]).is_err(),
            "{flag} accepted"
        );
    }
    assert!(parse(&["address", "--mnemonic-file", "/dev/null"]).is_ok());
}

#[test]
fn subjects_parties_and_scopes() {
    // A flag needs exactly one subject.
    assert!(parse(&[
        "oracle",
        "flag",
        "raise",
        "--reason",
        "negative-list",
        "--evidence",
        "e"
    ])
    .is_err());
    assert!(parse(&[
        "oracle",
        "flag",
        "raise",
        "--asset",
        "a",
        "--entity",
        "b",
        "--reason",
        "negative-list",
        "--evidence",
        "e",
    ])
    .is_err());

    let cli = parse(&[
        "issuer",
        "register-asset",
        "bond",
        "--filing-entity",
        "acme",
        "--party",
        "holdco:controlling-shareholder",
        "--party",
        "founder:ultimate-controller",
        "--max-supply",
        "1_000_000",
        "--materials",
        "m",
        "--name",
        "Bond Token",
        "--symbol",
        "BOND",
    ])
    .unwrap();
    let Command::Issuer(Issuer::RegisterAsset(a)) = cli.command else {
        panic!("not register-asset")
    };
    assert_eq!(a.max_supply, 1_000_000);
    assert_eq!(a.parties.len(), 2);
    assert_eq!(a.parties[1].role, Role::UltimateController);
    assert_eq!(a.decimals, 6);
    assert!(parse(&[
        "issuer",
        "register-asset",
        "bond",
        "--filing-entity",
        "acme",
        "--party",
        "holdco",
        "--max-supply",
        "1",
        "--materials",
        "m",
        "--name",
        "Bond",
        "--symbol",
        "BOND",
    ])
    .is_err());

    let cli = parse(&["owner", "add-oracle", "wasm1x", "--scopes", "filing,flags"]).unwrap();
    let Command::Owner(Owner::AddOracle(o)) = cli.command else {
        panic!("not add-oracle")
    };
    assert_eq!(o.scopes, vec![Scope::Filing, Scope::Flags]);
    assert!(parse(&["owner", "add-oracle", "wasm1x", "--scopes", "minting"]).is_err());
    // set-params and update-plan need something to change.
    assert!(parse(&["owner", "set-params"]).is_err());
    assert!(parse(&["owner", "set-params", "--filing-validity", "180d"]).is_ok());
    assert!(parse(&["issuer", "update-plan", "bond"]).is_err());
}

#[test]
fn the_command_definition_is_consistent() {
    use clap::CommandFactory;
    Cli::command().debug_assert();
}

#[test]
fn several_nodes_are_given_comma_separated_in_order_of_preference() {
    let cli = parse(&[
        "status",
        "bond",
        "--node",
        "http://127.0.0.1:26867,http://127.0.0.1:26877",
    ])
    .unwrap();
    let config = rwa_gate_client::ChainConfig::new(cli.global.node.clone(), "rwa-gate-localnet");
    assert_eq!(
        config.nodes,
        vec![
            "http://127.0.0.1:26867".to_string(),
            "http://127.0.0.1:26877".to_string()
        ]
    );
}
