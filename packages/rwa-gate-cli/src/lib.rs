//! `rwa-gate`, the command line of the gate (see `rwa-gate --help`), on the chain client
//! `rwa-gate-client`. The library part holds the parsers so that tests can reach them.

pub mod app;
pub mod cli;
pub mod commands;
pub mod human;
pub mod status;

use clap::Parser;
use serde_json::Value;

use crate::app::{Ctx, Fail};
use crate::cli::{Cli, Command};

/// Runs one command line; the process exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    let json = cli.global.json;
    match execute(cli) {
        Ok((value, text)) => {
            if json {
                println!("{value}");
            } else {
                println!("{text}");
            }
            0
        }
        Err(fail) => {
            eprintln!("error: {}", fail.message);
            if json {
                let mut object = fail.json;
                object.insert("ok".into(), Value::Bool(false));
                object.insert("error".into(), Value::String(fail.message));
                object.insert("exit_code".into(), fail.code.into());
                println!("{}", Value::Object(object));
            }
            fail.code
        }
    }
}

/// Runs a parsed command: its `--json` object and its text.
pub fn execute(cli: Cli) -> Result<(Value, String), Fail> {
    let mut ctx = Ctx::new(cli.global)?;
    match &cli.command {
        Command::Deploy(args) => commands::deploy(&mut ctx, args),
        Command::Oracle(cmd) => commands::oracle(&mut ctx, cmd),
        Command::Issuer(cmd) => commands::issuer(&mut ctx, cmd),
        Command::Owner(cmd) => commands::owner(&mut ctx, cmd),
        Command::Status(a) => status::status(&mut ctx, &a.asset),
        Command::History(a) => status::history(&mut ctx, a),
        Command::Refresh(a) => commands::refresh(&mut ctx, &a.asset),
        Command::Address => commands::address(&mut ctx),
        Command::Dev(cmd) => commands::dev(&mut ctx, cmd),
    }
}
