//! Every JSON example of the message reference (docs/MESSAGES.md, moved there from the README)
//! parses as a message of the contract it documents, so the documentation cannot drift from the
//! code. The README itself must point at that reference.

use cosmwasm_std::from_json;
use rwa_gate::registry::{ExecuteMsg, InstantiateMsg, QueryMsg};
use rwa_gate::token::{ExecuteMsg as TokenExecute, QueryMsg as TokenQuery};
use rwa_gate::{Decision, MovementDecision};

/// The top-level JSON values of a text, split by brace depth (braces inside strings ignored).
fn json_values(text: &str) -> Vec<String> {
    let (mut out, mut current) = (Vec::new(), String::new());
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for c in text.chars() {
        if depth > 0 {
            current.push(c);
        }
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '{' if !in_string => {
                if depth == 0 {
                    current.push(c);
                }
                depth += 1;
            }
            '}' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    out.push(std::mem::take(&mut current));
                }
            }
            _ => {}
        }
    }
    out
}

/// The JSON code blocks between two headings of the README.
fn examples(readme: &str, from: &str, to: &str) -> Vec<String> {
    let start = readme.find(from).expect("section start");
    let end = readme[start..].find(to).map_or(readme.len(), |e| start + e);
    readme[start..end]
        .split("```json")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .flat_map(json_values)
        .map(|v| v.replace("<64 hex>", &"ab".repeat(32)))
        .collect()
}

#[test]
fn readme_json_examples_are_valid_messages() {
    assert!(
        include_str!("../../README.md").contains("docs/MESSAGES.md"),
        "the README no longer points at the message reference"
    );
    let readme = include_str!("../../docs/MESSAGES.md");
    let registry = examples(readme, "## compliance-registry", "## gated-token");
    assert!(
        registry.len() > 50,
        "found {} registry examples",
        registry.len()
    );
    for json in &registry {
        let b = json.as_bytes();
        let parses = from_json::<InstantiateMsg>(b).is_ok()
            || from_json::<ExecuteMsg>(b).is_ok()
            || from_json::<QueryMsg>(b).is_ok()
            || from_json::<Decision>(b).is_ok()
            || from_json::<MovementDecision>(b).is_ok();
        assert!(
            parses,
            "docs/MESSAGES.md registry example does not parse: {json}"
        );
    }
    let token = examples(readme, "## gated-token", "\n# ");
    assert_eq!(token.len(), 13);
    for json in &token {
        let b = json.as_bytes();
        assert!(
            from_json::<TokenExecute>(b).is_ok() || from_json::<TokenQuery>(b).is_ok(),
            "docs/MESSAGES.md token example does not parse: {json}"
        );
    }
}
