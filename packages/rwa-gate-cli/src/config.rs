//! The configuration file: defaults for the global options, with named profiles.
//!
//! Looked up as `--config FILE`, else `./rwa-gate.toml`, else
//! `$XDG_CONFIG_HOME/rwa-gate/config.toml` (`~/.config/rwa-gate/config.toml`). Its top-level
//! keys are global option names (`node = "..."`, `chain-id = "..."`); a `[profile.NAME]` table
//! overrides them when `--profile NAME` is given. The command line and the environment win
//! over the file.

use std::path::{Path, PathBuf};

use clap::parser::ValueSource;
use clap::ArgMatches;
use toml::{Table, Value};

use crate::error::{Fail, Res};

/// The options a configuration file may set, by their long names.
pub const KEYS: &[&str] = &[
    "node",
    "chain-id",
    "deployment",
    "mnemonic-file",
    "account-index",
    "denom",
    "gas-prices",
    "gas-adjustment",
    "output",
];

/// Where the configuration file is: the one given, else the first that exists.
pub fn locate(given: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = given {
        return Some(path.to_path_buf());
    }
    let local = PathBuf::from("rwa-gate.toml");
    if local.is_file() {
        return Some(local);
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    let user = base.join("rwa-gate").join("config.toml");
    user.is_file().then_some(user)
}

/// The settings of `path` for `profile`: option name and value as it would be written on the
/// command line.
pub fn settings(path: &Path, profile: Option<&str>) -> Res<Vec<(String, String)>> {
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Fail::usage(format!("Cannot read the configuration file {shown}: {e}.")))?;
    let table: Table = text
        .parse()
        .map_err(|e| Fail::usage(format!("{shown} is not valid TOML: {e}")))?;
    let mut found = Vec::new();
    for (key, value) in &table {
        if key != "profile" {
            found.push(setting(path, key, value)?);
        }
    }
    if let Some(name) = profile {
        let chosen = table
            .get("profile")
            .and_then(|p| p.get(name))
            .and_then(Value::as_table)
            .ok_or_else(|| Fail::usage(format!("{shown} has no [profile.{name}] table.")))?;
        for (key, value) in chosen {
            let (key, value) = setting(path, key, value)?;
            found.retain(|(k, _)| *k != key);
            found.push((key, value));
        }
    }
    Ok(found)
}

fn setting(path: &Path, key: &str, value: &Value) -> Res<(String, String)> {
    if !KEYS.contains(&key) {
        return Err(Fail::usage(format!(
            "{}: `{key}` is not an option a configuration file sets (it may set {}).",
            path.display(),
            KEYS.join(", ")
        )));
    }
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Integer(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Boolean(b) => b.to_string(),
        _ => {
            return Err(Fail::usage(format!(
                "{}: `{key}` must be a string or a number.",
                path.display()
            )))
        }
    };
    Ok((key.to_string(), text))
}

/// The arguments to parse again: the file's settings placed before the command line's, for
/// the options the command line and the environment leave at their defaults.
pub fn merged_args(
    args: &[String],
    matches: &ArgMatches,
    settings: &[(String, String)],
) -> Vec<String> {
    let mut merged = vec![args.first().cloned().unwrap_or_default()];
    for (key, value) in settings {
        let id = key.replace('-', "_");
        let from_user = matches!(
            matches.value_source(&id),
            Some(ValueSource::CommandLine | ValueSource::EnvVariable)
        );
        if !from_user {
            merged.push(format!("--{key}={value}"));
        }
    }
    merged.extend(args.iter().skip(1).cloned());
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rwa-gate-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_profile_overrides_the_top_level_and_unknown_keys_are_named() {
        let path = write(
            "profiles.toml",
            "node = \"http://127.0.0.1:26757\"\naccount-index = 3\n\
             [profile.testnet]\nnode = \"https://rpc.example:443\"\ngas-prices = \"0.025ustake\"\n",
        );
        let plain = settings(&path, None).unwrap();
        assert_eq!(
            plain,
            vec![
                ("account-index".to_string(), "3".to_string()),
                ("node".to_string(), "http://127.0.0.1:26757".to_string()),
            ]
        );
        let testnet = settings(&path, Some("testnet")).unwrap();
        assert!(testnet.contains(&("node".into(), "https://rpc.example:443".into())));
        assert!(testnet.contains(&("gas-prices".into(), "0.025ustake".into())));
        assert!(!testnet.contains(&("node".into(), "http://127.0.0.1:26757".into())));
        let missing = settings(&path, Some("mainnet")).unwrap_err();
        assert!(
            missing.message.contains("no [profile.mainnet] table"),
            "{}",
            missing.message
        );

        let bad = write("bad.toml", "mnemonic = \"never here\"\n");
        let err = settings(&bad, None).unwrap_err();
        assert_eq!(err.code, crate::error::EXIT_USAGE);
        assert!(
            err.message.contains("`mnemonic` is not an option"),
            "{}",
            err.message
        );
    }

    #[test]
    fn the_command_line_wins_over_the_file() {
        let args: Vec<String> = ["rwa-gate", "status", "bond", "--node", "http://10.0.0.9:1"]
            .map(String::from)
            .to_vec();
        let matches = crate::cli::command().get_matches_from(&args);
        let settings = vec![
            ("node".to_string(), "http://file:1".to_string()),
            ("chain-id".to_string(), "from-file".to_string()),
        ];
        let merged = merged_args(&args, &matches, &settings);
        assert_eq!(
            merged,
            [
                "rwa-gate",
                "--chain-id=from-file",
                "status",
                "bond",
                "--node",
                "http://10.0.0.9:1"
            ]
            .map(String::from)
            .to_vec()
        );
    }
}
