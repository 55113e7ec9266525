//! Node addresses in every form wasmd users type, read in this one place.
//!
//! wasmd's own `--node` takes `tcp://host:port`; people also type `host:port`, `http://…` and
//! `https://…`, and several of them separated by commas. Each becomes an `http(s)://host:port`
//! URL (a path kept, for nodes behind a proxy), or an [`Error::Invalid`] that says why not.

use crate::{split_nodes, Error, Result};

/// What a node address looks like, for the error of one that is not.
const FORMS: &str = "give host:port, tcp://host:port, http://host:port or https://host[:port]";

/// The URL the RPC client uses for `address`: `localhost:26757`, `127.0.0.1:26757` and
/// `tcp://127.0.0.1:26757` give `http://…:26757`; `http://…` and `https://…` stay as they are
/// (without a trailing `/`).
pub fn normalize_node(address: &str) -> Result<String> {
    let text = address.trim();
    let bad = |reason: &str| Error::Invalid {
        what: "node address".into(),
        input: text.to_string(),
        reason: format!("{reason}; {FORMS}"),
    };
    if text.is_empty() {
        return Err(bad("it is empty"));
    }
    let (scheme, rest) = match text.split_once("://") {
        Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
        None => (String::new(), text),
    };
    let scheme = match scheme.as_str() {
        "" | "tcp" | "http" => "http",
        "https" => "https",
        other => return Err(bad(&format!("scheme {other}:// is not an RPC transport"))),
    };
    let (authority, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let (host, port) = host_and_port(authority).map_err(|reason| bad(&reason))?;
    // Without a scheme there is no default port to fall back on.
    if port.is_none() && !text.contains("://") {
        return Err(bad("no port"));
    }
    let port = port.map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!(
        "{scheme}://{host}{port}{}",
        path.trim_end_matches('/')
    ))
}

/// Every address of a comma-separated list, normalised; the first bad one is the error.
pub fn parse_nodes(text: &str) -> Result<Vec<String>> {
    let nodes = split_nodes(text);
    if nodes.is_empty() {
        return Err(Error::Config("no node address given".into()));
    }
    nodes.iter().map(|n| normalize_node(n)).collect()
}

/// `host[:port]`, with `[…]` around an IPv6 host.
fn host_and_port(authority: &str) -> std::result::Result<(&str, Option<u16>), String> {
    if authority.contains('@') {
        return Err("user names in node addresses are not supported".into());
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let end = v6.find(']').ok_or("an IPv6 host without its closing ]")?;
        let after = &v6[end + 1..];
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or("text after the IPv6 host")?),
        };
        (&authority[..end + 2], port)
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let host_ok = !host.is_empty()
        && (host.starts_with('[')
            || host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_'));
    if !host_ok {
        return Err(format!("bad host name {host:?}"));
    }
    let port = port
        .map(|p| match p.parse::<u16>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!("bad port {p:?} (1 to 65535)")),
        })
        .transpose()?;
    Ok((host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_wasmd_users_type_becomes_an_http_url() {
        for (typed, url) in [
            ("localhost:26757", "http://localhost:26757"),
            ("127.0.0.1:26757", "http://127.0.0.1:26757"),
            ("tcp://127.0.0.1:26757", "http://127.0.0.1:26757"),
            ("TCP://localhost:26657", "http://localhost:26657"),
            ("http://127.0.0.1:26757", "http://127.0.0.1:26757"),
            ("http://127.0.0.1:26757/", "http://127.0.0.1:26757"),
            ("https://rpc.example.org", "https://rpc.example.org"),
            (
                "https://rpc.example.org:443/wasm/",
                "https://rpc.example.org:443/wasm",
            ),
            ("  [::1]:26757 ", "http://[::1]:26757"),
            ("http://[::1]", "http://[::1]"),
        ] {
            assert_eq!(normalize_node(typed).as_deref(), Ok(url), "{typed}");
        }
    }

    #[test]
    fn lists_are_normalised_item_by_item_in_order() {
        assert_eq!(
            parse_nodes("localhost:26757, tcp://127.0.0.1:26767,,https://n.example.org"),
            Ok(vec![
                "http://localhost:26757".to_string(),
                "http://127.0.0.1:26767".to_string(),
                "https://n.example.org".to_string(),
            ])
        );
        assert_eq!(
            parse_nodes(" , "),
            Err(Error::Config("no node address given".into()))
        );
    }

    #[test]
    fn a_bad_address_says_why_and_which_forms_work() {
        let cases = [
            ("localhost", "no port"),
            (
                "ws://localhost:26757",
                "scheme ws:// is not an RPC transport",
            ),
            ("localhost:port", "bad port \"port\" (1 to 65535)"),
            ("localhost:0", "bad port \"0\" (1 to 65535)"),
            ("localhost:70000", "bad port \"70000\" (1 to 65535)"),
            ("http://:26757", "bad host name \"\""),
            ("http://a b:26757", "bad host name \"a b\""),
            (
                "http://user@host:1",
                "user names in node addresses are not supported",
            ),
            ("[::1:26757", "an IPv6 host without its closing ]"),
        ];
        for (typed, reason) in cases {
            assert_eq!(
                normalize_node(typed).unwrap_err().to_string(),
                format!("bad node address `{}`: {reason}; {FORMS}", typed.trim()),
                "{typed}"
            );
        }
        assert_eq!(
            parse_nodes("localhost:26757,localhost")
                .unwrap_err()
                .to_string(),
            format!("bad node address `localhost`: no port; {FORMS}")
        );
    }
}
