//! The command line: the global options and the commands (clap), and the configuration file's
//! defaults merged in. Each command's own arguments live beside it in `commands/`.

use clap::{CommandFactory, FromArgMatches, Parser};

use crate::commands::Command;
use crate::config;
use crate::error::{Fail, Res};
use crate::global::Global;

/// The command line of rwa-gate: compliance oracles, issuers, the owner and auditors drive the
/// gate on chain with it.
///
/// The signing key comes from a mnemonic file (--mnemonic-file) or the RWA_GATE_MNEMONIC
/// environment variable, never from the command line, and is never printed. Queries (status,
/// history, list, balance) need no key. Defaults of the global options may come from a
/// configuration file (./rwa-gate.toml, else $XDG_CONFIG_HOME/rwa-gate/config.toml).
///
/// Exit codes: 0 done; 1 error (configuration, files, node, stale deployment, cancelled);
/// 2 bad usage (arguments, addresses, ids, amounts, periods: refused before anything is sent);
/// 3 the contract refused; 4 the gate denies the mint, or the token the transfer (nothing was
/// sent).
#[derive(Debug, Parser)]
#[command(name = "rwa-gate", version)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// The command definition, with the global options listed once, in the top-level help: every
/// subcommand gets them hidden beforehand, so clap's propagation finds them there and does not
/// add visible copies (they are accepted there all the same).
pub fn command() -> clap::Command {
    let cmd = Cli::command();
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.clone().hide(true))
        .collect();
    with_hidden(cmd, &globals, true)
}

fn with_hidden(mut cmd: clap::Command, globals: &[clap::Arg], top: bool) -> clap::Command {
    if !top {
        cmd = cmd
            .args(globals.iter().cloned())
            .after_help("Global options (--node, --json, --yes, ...): see `rwa-gate --help`.");
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| with_hidden(sub, globals, false));
    }
    cmd
}

/// Parses `args` (the program name first) and merges the configuration file's settings in. A
/// bad command line ends the process as clap does (exit code 2, or 0 for --help).
pub fn parse(args: Vec<String>) -> Res<Cli> {
    let matches = command().get_matches_from(&args);
    let cli = Cli::from_arg_matches(&matches).map_err(|e| Fail::usage(e.to_string()))?;
    let Some(path) = config::locate(cli.global.config.as_deref()) else {
        if cli.global.profile.is_some() {
            return Err(Fail::usage(
                "--profile needs a configuration file (./rwa-gate.toml or \
                 $XDG_CONFIG_HOME/rwa-gate/config.toml, or --config FILE).",
            ));
        }
        return Ok(cli);
    };
    let settings = config::settings(&path, cli.global.profile.as_deref())?;
    if settings.is_empty() {
        return Ok(cli);
    }
    let merged = config::merged_args(&args, &matches, &settings);
    let matches = command().try_get_matches_from(&merged).map_err(|e| {
        Fail::usage(format!(
            "The configuration file {} sets a bad value: {}",
            path.display(),
            e.render()
        ))
    })?;
    Cli::from_arg_matches(&matches).map_err(|e| Fail::usage(e.to_string()))
}
