//! `rwa-gate console`: the compliance console, a read-only web page on 127.0.0.1 over one
//! deployment (packages/rwa-gate-console, docs/CONSOLE.md). It uses no key.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use rwa_gate_client::ChainConfig;

use crate::context::Ctx;
use crate::error::{Fail, Res};
use crate::render::Output;

#[derive(Debug, Args)]
pub struct ConsoleArgs {
    /// The port on 127.0.0.1 (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8470)]
    pub port: u16,
    /// The registry to show (default: the deployment file's).
    #[arg(long)]
    pub registry: Option<String>,
    /// The index's SQLite file (default: rwa-gate-console-<end of the registry address>.sqlite
    /// in the current directory). Kept between runs: indexing resumes where it stopped.
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// The first block to index (default: the deployment file's height, else 1).
    #[arg(long)]
    pub from_height: Option<u64>,
    /// How often the chain is asked for new blocks, in milliseconds.
    #[arg(long, default_value_t = 500)]
    pub poll_ms: u64,
}

pub fn exec(ctx: &mut Ctx, a: &ConsoleArgs) -> Res<Output> {
    let registry = match &a.registry {
        Some(r) => ctx.check_address("--registry", r)?,
        None => ctx.registry_address()?,
    };
    let from_height = a
        .from_height
        .or_else(|| ctx.deployment.as_ref().map(|d| d.height))
        .unwrap_or(1)
        .max(1);
    let tail = &registry[registry.len().saturating_sub(8)..];
    let index = a
        .index
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("rwa-gate-console-{tail}.sqlite")));
    let options = rwa_gate_console::Options {
        chain: ChainConfig::new(ctx.global.node.clone(), ctx.chain_id()),
        registry,
        port: a.port,
        index: index.clone(),
        from_height,
        poll: Duration::from_millis(a.poll_ms.max(100)),
    };
    rwa_gate_console::serve(options, |address| {
        println!(
            "console: {address} (read-only; index {}; Ctrl-C stops it)",
            index.display()
        );
        let _ = std::io::stdout().flush();
    })
    .map_err(|e| Fail::error(format!("The console stopped: {e}.")))?;
    Ok((serde_json::json!({"ok": true}), "console stopped".into()))
}
