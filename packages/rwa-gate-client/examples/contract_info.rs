//! What the local chain (`RWA_GATE_NODE`) records of each contract address and code id given:
//! code id, creator, admin and label of a contract; creator and checksum of a code; or that
//! there is none (what a deployment file from a chain that was since reset points at).
//!
//!   cargo run -p rwa-gate-client --example contract_info -- wasm1… 1 2

use std::path::Path;
use std::process::ExitCode;

use rwa_gate_client::localnet::Localnet;
use rwa_gate_client::{Client, Result};

fn main() -> ExitCode {
    let items: Vec<String> = std::env::args().skip(1).collect();
    if items.is_empty() {
        eprintln!("usage: contract_info ADDRESS|CODE_ID...");
        return ExitCode::from(2);
    }
    match run(&items) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(items: &[String]) -> Result<()> {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/localnet.env");
    let client = Localnet::from_fixture(&fixture)?.connect()?;
    for item in items {
        match item.parse::<u64>() {
            Ok(code_id) => print_code(&client, code_id)?,
            Err(_) => print_contract(&client, item)?,
        }
    }
    Ok(())
}

fn print_code(client: &Client, code_id: u64) -> Result<()> {
    match client.code_info(code_id)? {
        Some(code) => println!(
            "code {code_id}: creator {}, checksum {}",
            code.creator,
            hex::encode(&code.checksum)
        ),
        None => println!("code {code_id}: none stored"),
    }
    println!("  code_exists: {}", client.code_exists(code_id)?);
    Ok(())
}

fn print_contract(client: &Client, address: &str) -> Result<()> {
    match client.contract_info(address)? {
        Some(info) => println!(
            "contract {address}: code {}, creator {}, admin {}, label {:?}",
            info.code_id,
            info.creator,
            info.admin.as_deref().unwrap_or("none"),
            info.label
        ),
        None => println!("contract {address}: none"),
    }
    Ok(())
}
