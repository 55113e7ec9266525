//! The command line parses what people write and refuses what would be ambiguous or unsafe.

use clap::{CommandFactory, FromArgMatches};
use rwa_gate_cli::cli::Cli;
use rwa_gate_cli::commands::issuer::{IssuerCommand as Issuer, Role};
use rwa_gate_cli::commands::oracle::{FlagCommand as Flag, OracleCommand as Oracle, Reason};
use rwa_gate_cli::commands::owner::{OwnerCommand as Owner, Scope};
use rwa_gate_cli::commands::Command;

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    let matches = rwa_gate_cli::cli::command()
        .try_get_matches_from(std::iter::once("rwa-gate").chain(args.iter().copied()))?;
    Cli::from_arg_matches(&matches)
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
        "--max-supply",
        "1000000",
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
    assert_eq!(m.amount.base_units(0), Ok(1_000));
    assert_eq!(m.amount.base_units(6), Ok(1_000_000_000));
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
    assert_eq!(a.max_supply.base_units(6), Ok(1_000_000_000_000));
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
    Cli::command().debug_assert();
    rwa_gate_cli::cli::command().debug_assert();
}

/// Every argument of every command, with the path of commands to it.
fn every_argument(cmd: &clap::Command, path: &str, out: &mut Vec<(String, clap::Arg)>) {
    for arg in cmd.get_arguments() {
        out.push((path.to_string(), arg.clone()));
    }
    for sub in cmd.get_subcommands() {
        every_argument(sub, &format!("{path} {}", sub.get_name()), out);
    }
}

#[test]
fn every_argument_has_help_and_global_options_are_listed_once() {
    let mut args = Vec::new();
    every_argument(&rwa_gate_cli::cli::command(), "rwa-gate", &mut args);
    for (path, arg) in &args {
        let id = arg.get_id().as_str();
        if matches!(id, "help" | "version") {
            continue;
        }
        assert!(arg.get_help().is_some(), "{path}: {id} has no help text");
        // A global option shows only in the top-level help.
        if arg.is_global_set() && path != "rwa-gate" {
            assert!(arg.is_hide_set(), "{path}: global {id} is shown again");
        }
    }
    let mut cmd = rwa_gate_cli::cli::command();
    let pause = cmd
        .find_subcommand_mut("owner")
        .and_then(|o| o.find_subcommand_mut("pause"))
        .unwrap();
    let help = pause.render_long_help().to_string();
    assert!(
        help.contains("--asset <ASSET>") && !help.contains("--node <NODE>"),
        "{help}"
    );
    // ...and is accepted there all the same.
    let cli = parse(&["owner", "pause", "--node", "http://10.0.0.1:26657", "--yes"]).unwrap();
    assert_eq!(cli.global.node, "http://10.0.0.1:26657");
    assert!(cli.global.yes);
}

#[test]
fn output_json_fees_gas_and_names_in_the_forms_wasmd_users_type() {
    assert!(parse(&["status", "bond", "-o", "json"])
        .unwrap()
        .global
        .json());
    assert!(parse(&["status", "bond", "--output", "json"])
        .unwrap()
        .global
        .json());
    assert!(!parse(&["status", "bond", "-o", "text"])
        .unwrap()
        .global
        .json());
    assert!(parse(&["status", "bond", "-o", "yaml"]).is_err());
    let cli = parse(&[
        "refresh",
        "bond",
        "--gas",
        "300000",
        "--gas-prices",
        "0.025ustake",
        "--gas-adjustment",
        "1.5",
    ])
    .unwrap();
    assert_eq!(cli.global.gas, rwa_gate_cli::fees::GasLimit::Fixed(300_000));
    assert_eq!(cli.global.gas_prices.denom.as_deref(), Some("ustake"));
    assert_eq!(cli.global.gas_adjustment, 1.5);
    let cli = parse(&["refresh", "bond", "--gas", "200000", "--fees", "5000ustake"]).unwrap();
    assert_eq!(cli.global.fees.unwrap().amount, 5_000);
    // A fee and a price at once are ambiguous.
    assert!(parse(&[
        "refresh",
        "bond",
        "--fees",
        "5ustake",
        "--gas-prices",
        "1stake"
    ])
    .is_err());
    // Ids are refused in the contract's terms before anything is sent.
    let err = parse(&["status", "Bond Token"]).unwrap_err().to_string();
    assert!(err.contains("invalid asset id"), "{err}");
    let err = parse(&["issuer", "register-entity", "ACME"])
        .unwrap_err()
        .to_string();
    assert!(err.contains("invalid entity id"), "{err}");
    let err = parse(&["issuer", "mint", "bond", "--amount", "1.2.3"])
        .unwrap_err()
        .to_string();
    assert!(err.contains("not an amount"), "{err}");
    assert!(parse(&["completions", "bash"]).is_ok());
    assert!(parse(&["completions", "tcsh"]).is_err());
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

#[test]
fn the_holder_side_parses_ids_classes_jurisdictions_and_terms() {
    let holder = "AB".repeat(32);
    // Without an expiry: one of --valid-for (--expires-in) and --expires-at is needed.
    let base = [
        "oracle",
        "attest-eligibility",
        "wasm1xf8aejkd6md4ndp2wdlaeql6ev6fjrypnnfmfl",
        "--holder",
        &holder,
        "--class",
        "professional",
        "--jurisdiction",
        "hk",
        "--evidence",
        "kyc.pdf",
    ];
    let with = |extra: &[&'static str]| [&base[..], extra].concat();
    let cli = parse(&with(&["--expires-in", "180d"])).unwrap();
    let Command::Oracle(Oracle::AttestEligibility(a)) = cli.command else {
        panic!("not attest-eligibility")
    };
    assert_eq!(a.holder, "ab".repeat(32));
    assert_eq!(a.jurisdiction, "HK");
    assert_eq!(a.valid_for, Some(180 * 86_400));
    assert!(parse(&base).is_err(), "an expiry is required");
    let both = with(&["--valid-for", "1d", "--expires-at", "2027-01-01"]);
    assert!(parse(&both).is_err(), "one expiry only");
    for (flag, value, says) in [
        ("--holder", "abc", "not a sha256"),
        ("--jurisdiction", "HKG", "ISO 3166-1 alpha-2"),
    ] {
        let mut args = with(&["--valid-for", "1d"]);
        let at = args.iter().position(|a| *a == flag).unwrap();
        args[at + 1] = value;
        let err = parse(&args).unwrap_err().to_string();
        assert!(err.contains(says), "{err}");
    }
    let revoke = [
        "oracle",
        "revoke-eligibility",
        "wasm1xf8aejkd6md4ndp2wdlaeql6ev6fjrypnnfmfl",
    ];
    assert!(parse(&revoke).is_err(), "--evidence is required");

    // Terms: a plan change may be only a change of terms; --no-terms goes alone.
    let cli = parse(&["issuer", "update-plan", "fund", "--max-outflow", "1000/30d"]).unwrap();
    let Command::Issuer(Issuer::UpdatePlan(a)) = cli.command else {
        panic!("not update-plan")
    };
    assert!(a.terms.max_outflow.is_some() && a.max_supply.is_none());
    assert!(parse(&["issuer", "update-plan", "fund"]).is_err());
    let err = parse(&[
        "issuer",
        "update-plan",
        "fund",
        "--no-terms",
        "--max-holders",
        "5",
    ])
    .unwrap_err()
    .to_string();
    assert!(err.contains("cannot be used with"), "{err}");
    let err = parse(&["issuer", "update-plan", "fund", "--classes", "retail,vip"])
        .unwrap_err()
        .to_string();
    assert!(err.contains("`vip` is not a class"), "{err}");
    let cli = parse(&[
        "check-transfer",
        "fund",
        "--to",
        "wasm1xf8aejkd6md4ndp2wdlaeql6ev6fjrypnnfmfl",
        "--amount",
        "1.5",
    ])
    .unwrap();
    assert!(matches!(cli.command, Command::CheckTransfer(ref a) if a.from.is_none()));
}
