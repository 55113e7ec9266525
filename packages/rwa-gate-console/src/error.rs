//! The console's errors, by where they come from.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ConsoleError {
    /// The local index (SQLite) failed.
    #[error("the index {path}: {source}")]
    Index {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    /// The index was built for another chain or registry than the one asked for.
    #[error("the index {path} holds {held}, not {wanted}: pass another --index file, or delete it to rebuild")]
    WrongIndex {
        path: String,
        held: String,
        wanted: String,
    },
    /// The chain did not answer, or answered something unexpected.
    #[error("reading {what}: {source}")]
    Chain {
        what: String,
        #[source]
        source: rwa_gate_client::Error,
    },
    /// The address to listen on could not be bound.
    #[error("cannot listen on {address}: {detail}")]
    Listen { address: String, detail: String },
    /// A request the console does not answer (an unknown asset, a bad height...).
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
}

pub type Result<T, E = ConsoleError> = std::result::Result<T, E>;

/// `map_err` helper for chain reads: names what was being read.
pub fn chain(what: impl Into<String>) -> impl FnOnce(rwa_gate_client::Error) -> ConsoleError {
    let what = what.into();
    move |source| ConsoleError::Chain { what, source }
}
