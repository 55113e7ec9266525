//! Statements signed offline with `oracle sign` (no node), and `relay` refusing a file for
//! another chain or registry before anything is sent.

use std::path::{Path, PathBuf};

use rwa_gate::registry::{AttestMsg, OracleAction};
use rwa_gate::{Approval, StatementMsg};
use rwa_gate_cli::error::EXIT_USAGE;
use rwa_gate_client::delegation::{verify, StatementFile};
use rwa_gate_client::Wallet;

const SECRET: &str = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

fn address(byte: u8) -> String {
    Wallet::from_secret(&[byte; 32], "wasm")
        .unwrap()
        .address()
        .to_string()
}

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("rwa-gate-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        path.display().to_string()
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str]) -> Result<serde_json::Value, (i32, String)> {
    let mut line = vec!["rwa-gate".to_string()];
    line.extend(args.iter().map(|a| a.to_string()));
    let cli = rwa_gate_cli::cli::parse(line).map_err(|f| (f.code, f.message))?;
    rwa_gate_cli::execute(cli)
        .map(|(value, _)| value)
        .map_err(|f| (f.code, f.message))
}

fn deployment(dir: &Dir, name: &str, chain_id: &str, registry: &str) -> String {
    let text = serde_json::json!({"chain_id": chain_id, "registry": registry, "codes": {},
        "owner": address(9), "deployer": address(9), "height": 1,
        "deployed_at": "2026-01-01T00:00:00Z"});
    dir.file(name, &text.to_string())
}

fn sign_approval(dir: &Dir, deployment: &str) -> String {
    let key = dir.file("statement.key", SECRET);
    let evidence = dir.file("approval.pdf", "the approval");
    let out = dir.path("statement.json");
    let oracle = address(1);
    run(&[
        "--deployment",
        deployment,
        "oracle",
        "sign",
        "--out",
        &out,
        "--offline",
        "--oracle",
        &oracle,
        "--signing-key-file",
        &key,
        "--nonce",
        "7",
        "--deadline",
        "2030-01-01",
        "attest",
        "bond",
        "--kind",
        "cross-border-investment",
        "--reference",
        "NDRC-1",
        "--valid-for",
        "365d",
        "--evidence",
        &evidence,
    ])
    .unwrap();
    out
}

fn read(path: &str) -> StatementFile {
    serde_json::from_str(&std::fs::read_to_string(Path::new(path)).unwrap()).unwrap()
}

#[test]
fn a_statement_signed_offline_verifies_with_the_key_that_signed_it() {
    let dir = Dir::new("sign");
    let registry = address(2);
    let deployment = deployment(&dir, "deployment.json", "rwa-gate-localnet", &registry);
    let file = read(&sign_approval(&dir, &deployment));
    assert_eq!(file.chain_id, "rwa-gate-localnet");
    assert_eq!(file.registry, registry);
    let s = &file.statement;
    assert_eq!((s.oracle.as_str(), s.nonce), (address(1).as_str(), 7));
    assert_eq!(s.deadline.seconds(), 1_893_456_000);
    let [OracleAction::Attest(AttestMsg {
        asset, statement, ..
    })] = s.actions.as_slice()
    else {
        panic!("{:?}", s.actions)
    };
    assert_eq!(asset, "bond");
    assert_eq!(
        statement,
        &StatementMsg::Approval {
            approval: Approval::CrossBorderInvestment,
            reference: "NDRC-1".into()
        }
    );
    let key = Wallet::from_secret(&hex::decode(SECRET).unwrap(), "wasm").unwrap();
    assert_eq!(file.public_key.as_slice(), key.public_key_bytes());
    assert!(verify(s, &file.chain_id, &registry, &key.public_key_bytes()).unwrap());
}

#[test]
fn relay_refuses_a_file_for_another_chain_or_registry_before_sending() {
    let dir = Dir::new("relay");
    let registry = address(2);
    let ours = deployment(&dir, "deployment.json", "rwa-gate-localnet", &registry);
    let out = sign_approval(&dir, &ours);
    let shown = std::fs::canonicalize(&out).unwrap().display().to_string();

    let other_registry = deployment(&dir, "other.json", "rwa-gate-localnet", &address(3));
    let (code, message) = run(&["--deployment", &other_registry, "relay", &out]).unwrap_err();
    assert_eq!(code, EXIT_USAGE);
    assert_eq!(
        message,
        format!(
            "The statement in {shown} is signed for registry {registry}, not this deployment's \
             registry {}: its signature would not verify here. Nothing was sent.",
            address(3)
        )
    );

    let other_chain = deployment(&dir, "chain.json", "rwa-gate-other", &registry);
    let (code, message) = run(&["--deployment", &other_chain, "relay", &out]).unwrap_err();
    assert_eq!(code, EXIT_USAGE);
    assert_eq!(
        message,
        format!(
            "The statement in {shown} is signed for chain rwa-gate-localnet, not this chain \
             (rwa-gate-other): its signature would not verify here. Nothing was sent."
        )
    );

    // A file changed after signing (another nonce) is refused too.
    let mut file = read(&out);
    file.statement.nonce = 8;
    let changed = dir.file("changed.json", &serde_json::to_string(&file).unwrap());
    let (code, message) = run(&["--deployment", &ours, "relay", &changed]).unwrap_err();
    assert_eq!(code, EXIT_USAGE);
    assert!(
        message.ends_with("it was changed after signing. Nothing was sent."),
        "{message}"
    );
}

#[test]
fn an_actions_file_is_checked_before_signing() {
    let dir = Dir::new("actions");
    let deployment = deployment(&dir, "deployment.json", "rwa-gate-localnet", &address(2));
    let key = dir.file("statement.key", SECRET);
    let out = dir.path("s.json");
    let empty = dir.file("empty.json", "[]");
    let oracle = address(1);
    let base = [
        "--deployment",
        &deployment,
        "oracle",
        "sign",
        "--out",
        &out,
        "--offline",
        "--oracle",
        &oracle,
        "--signing-key-file",
        &key,
        "--actions",
    ];
    let (code, message) = run(&[&base[..], &[empty.as_str()]].concat()).unwrap_err();
    assert_eq!(code, EXIT_USAGE);
    assert!(message.ends_with("holds 0 actions: a batch or a statement carries 1 to 100."));
    let listed = dir.file(
        "two.json",
        &format!(
            r#"{{"actions": [{{"revoke": {{"id": 3, "evidence": {{"digest": "{d}", "uri": null}}}}}},
              {{"revoke_eligibility": {{"account": "{oracle}", "evidence": {{"digest": "{d}"}}}}}}]}}"#,
            d = "ab".repeat(32)
        ),
    );
    let value = run(&[&base[..], &[listed.as_str()]].concat()).unwrap();
    assert_eq!(value["actions"], 2);
    assert_eq!(read(&out).statement.actions.len(), 2);
}
