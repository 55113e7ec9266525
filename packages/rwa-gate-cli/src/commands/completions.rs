//! `rwa-gate completions SHELL`: the shell's completion script, on stdout.

use clap::Args;
use clap_complete::Shell;
use serde_json::json;

use crate::error::{Fail, Res};
use crate::render::Output;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell. Install e.g. with
    /// `rwa-gate completions bash > ~/.local/share/bash-completion/completions/rwa-gate`.
    pub shell: Shell,
}

pub fn exec(args: &CompletionsArgs) -> Res<Output> {
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut crate::cli::command(),
        "rwa-gate",
        &mut script,
    );
    let script = String::from_utf8(script)
        .map_err(|e| Fail::error(format!("The completion script is not UTF-8: {e}.")))?;
    let value = json!({"ok": true, "shell": args.shell.to_string(), "script": script});
    Ok((value, script.trim_end().to_string()))
}
