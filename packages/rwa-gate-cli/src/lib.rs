//! `rwa-gate`, the command line of the gate (see `rwa-gate --help`), on the chain client
//! `rwa-gate-client`. Layers, top down: `cli` (the parsed line) and `commands` (one module per
//! command: read the chain, decide, send), `render` (text and `--json`), then `context`,
//! `deployment`, `error` and `human` beneath them all.

pub mod agent;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod deployment;
pub mod error;
pub mod fees;
pub mod global;
pub mod human;
pub mod input;
pub mod render;

use serde_json::Value;

use crate::cli::Cli;
use crate::context::Ctx;
use crate::error::Fail;
use crate::render::Output;

/// Runs one command line; the process exit code.
pub fn run() -> i32 {
    let args: Vec<String> = std::env::args().collect();
    // Before the configuration file is read, `--json`/`-o json` on the line decides.
    let json_asked = args.windows(2).any(|w| {
        w[1] == "--json" || (matches!(w[0].as_str(), "-o" | "--output") && w[1] == "json")
    }) || args.iter().any(|a| a == "--output=json" || a == "-ojson");
    let (json, result) = match cli::parse(args) {
        Ok(cli) => (cli.global.json(), execute(cli)),
        Err(fail) => (json_asked, Err(fail)),
    };
    match result {
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
pub fn execute(cli: Cli) -> Result<Output, Fail> {
    let mut ctx = Ctx::new(cli.global)?;
    commands::exec(&mut ctx, &cli.command)
}
