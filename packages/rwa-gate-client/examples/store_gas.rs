//! The gas of storing each code, uncompressed and gzip-compressed (as the client uploads it),
//! on the local chain (`RWA_GATE_NODE`, default the lead's node; see scripts/chain.sh). Both are
//! simulated; the compressed one is then stored (or found, when already there) and looked up
//! again by the checksum of the uncompressed code, which is what x/wasm records.
//!
//!   cargo run -p rwa-gate-client --example store_gas -- artifacts/compliance_registry.wasm …
//!
//! A node with default limits refuses the uncompressed simulation (its request is over the
//! 1,000,000-byte RPC body limit): the program prints that refusal as the client words it.
//! Exits 1 when a compressed code cannot be stored or is not found by its checksum.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cosmrs::tx::Msg;
use rwa_gate_client::localnet::Localnet;
use rwa_gate_client::{gzip, sha256, store_code_msg, Any, Client, Error, Result, Wallet};

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: store_gas WASM_FILE...");
        return ExitCode::from(2);
    }
    match run(&paths) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(paths: &[PathBuf]) -> Result<()> {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/localnet.env");
    let localnet = Localnet::from_fixture(&fixture)?;
    let client = localnet.connect()?;
    let faucet = localnet.account(0)?;
    println!("node {}", client.current_node());
    for path in paths {
        measure(&client, &faucet, path)?;
    }
    Ok(())
}

/// Prints one code's sizes and store gas; stores it compressed and finds it by checksum.
fn measure(client: &Client, faucet: &Wallet, path: &Path) -> Result<()> {
    let wasm = std::fs::read(path)
        .map_err(|e| Error::Config(format!("cannot read {}: {e}", path.display())))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let compressed_len = gzip(&wasm)?.len();
    println!(
        "{name}: {} bytes, {} bytes gzip-compressed",
        wasm.len(),
        compressed_len
    );
    match client.simulate(faucet, &[uncompressed_store_msg(faucet, &wasm)?]) {
        Ok(gas) => println!("  simulated store gas, uncompressed: {gas}"),
        Err(e) => println!("  uncompressed upload refused: {e}"),
    }
    let gas = client.simulate(faucet, &[store_code_msg(faucet, &wasm)?])?;
    println!("  simulated store gas, compressed:   {gas}");
    let checksum = sha256(&wasm);
    let code_id = match client.find_code(&checksum)? {
        Some(id) => {
            println!("  already stored as code {id}");
            id
        }
        None => {
            let (id, outcome) = client.store_code(faucet, &wasm)?;
            println!(
                "  stored compressed as code {id}: gas used {} (limit {}), tx {}",
                outcome.gas_used, outcome.gas_wanted, outcome.hash
            );
            id
        }
    };
    let recorded = client
        .code_info(code_id)?
        .ok_or_else(|| Error::Decode(format!("code {code_id} has no code info")))?;
    if client.find_code(&checksum)? != Some(code_id) || recorded.checksum != checksum {
        return Err(Error::Decode(format!(
            "code {code_id} is not recorded under the uncompressed checksum {}",
            hex::encode(&checksum)
        )));
    }
    println!(
        "  x/wasm records checksum {} (sha256 of the uncompressed code)",
        hex::encode(&recorded.checksum)
    );
    Ok(())
}

/// A `MsgStoreCode` of the code as it is, as the client sent it before compressing.
fn uncompressed_store_msg(wallet: &Wallet, wasm: &[u8]) -> Result<Any> {
    cosmrs::cosmwasm::MsgStoreCode {
        sender: wallet.address().clone(),
        wasm_byte_code: wasm.to_vec(),
        instantiate_permission: None,
    }
    .into_any()
    .map_err(|e| Error::Encode(e.to_string()))
}
