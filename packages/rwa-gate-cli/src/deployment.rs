//! The deployment file: what `deploy` writes and every other command reads.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Fail, Res};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Deployment {
    pub chain_id: String,
    pub registry: String,
    /// Code id and checksum (sha256 hex) of each stored artifact, by file name.
    pub codes: BTreeMap<String, Code>,
    pub owner: String,
    pub deployer: String,
    pub height: u64,
    pub deployed_at: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Code {
    pub code_id: u64,
    pub checksum: String,
}

impl Deployment {
    pub fn read(path: &Path) -> Res<Option<Deployment>> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Fail::error(format!("Cannot read {}: {e}.", path.display()))),
        };
        serde_json::from_str(&text).map(Some).map_err(|e| {
            Fail::error(format!(
                "{} is not a deployment file of rwa-gate: {e}.",
                path.display()
            ))
        })
    }

    pub fn write(&self, path: &Path) -> Res<()> {
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| Fail::error(format!("Cannot encode the deployment: {e}.")))?;
        std::fs::write(path, text + "\n")
            .map_err(|e| Fail::error(format!("Cannot write {}: {e}.", path.display())))
    }
}
