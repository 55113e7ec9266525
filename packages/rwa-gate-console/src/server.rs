//! The HTTP side: the page (HTML, CSS and JS embedded in the binary) and its JSON endpoints.
//! Read-only: anything but GET and HEAD is refused, and nothing here can sign.
//!
//! | path | answer |
//! |---|---|
//! | `/` `/app.js` `/style.css` | the page |
//! | `/api/head` | heights, the index's progress, a version bumped when anything changed |
//! | `/api/overview?days=N` | assets, issuers, attestations lapsing within N days, oracles |
//! | `/api/asset/ID` | the asset's page |
//! | `/api/asset/ID/mints?before=SEQ` | older mints |
//! | `/api/asset/ID/asof?height=H` | the record as of height H, from the chain at H |

use std::sync::Arc;

use serde_json::{json, Value};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::error::{ConsoleError, Result};
use crate::follow::Shared;
use crate::model;

const INDEX_HTML: &str = include_str!("static/index.html");
const APP_JS: &str = include_str!("static/app.js");
const STYLE_CSS: &str = include_str!("static/style.css");

/// Lapse window of the overview when the page does not say.
const DEFAULT_DAYS: u64 = 7;

/// Binds `address` (loopback only: the caller passes 127.0.0.1:PORT).
pub fn bind(address: &str) -> Result<Server> {
    Server::http(address).map_err(|e| ConsoleError::Listen {
        address: address.to_string(),
        detail: e.to_string(),
    })
}

/// Answers requests on `server` with `workers` threads, forever.
pub fn run(server: Arc<Server>, shared: Arc<Shared>, workers: usize) {
    let handles: Vec<_> = (0..workers.max(1))
        .map(|_| {
            let (server, shared) = (server.clone(), shared.clone());
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    answer(&shared, request);
                }
            })
        })
        .collect();
    for h in handles {
        let _ = h.join();
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header")
}

fn answer(shared: &Shared, request: Request) {
    let (status, kind, body) = match request.method() {
        Method::Get | Method::Head => route(shared, request.url()),
        _ => (
            405,
            "application/json",
            error_body("the console is read-only"),
        ),
    };
    let response = Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'",
        ));
    let _ = request.respond(response);
}

fn error_body(message: &str) -> String {
    json!({"error": message}).to_string()
}

/// Status, content type and body for `url`.
pub fn route(shared: &Shared, url: &str) -> (u16, &'static str, String) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let page = match path {
        "/" | "/index.html" => Some((INDEX_HTML, "text/html; charset=utf-8")),
        "/app.js" => Some((APP_JS, "text/javascript; charset=utf-8")),
        "/style.css" => Some((STYLE_CSS, "text/css; charset=utf-8")),
        _ => None,
    };
    if let Some((body, kind)) = page {
        return (200, kind, body.to_string());
    }
    match api(shared, path, query) {
        Ok(value) => (200, "application/json", value.to_string()),
        Err(e) => {
            let status = match e {
                ConsoleError::NotFound(_) => 404,
                ConsoleError::BadRequest(_) => 400,
                _ => 502,
            };
            (status, "application/json", error_body(&e.to_string()))
        }
    }
}

fn param<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

fn number(query: &str, key: &str) -> Result<Option<u64>> {
    param(query, key)
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse().map_err(|_| {
                ConsoleError::BadRequest(format!("{key} must be a whole number, not {v}"))
            })
        })
        .transpose()
}

fn api(shared: &Shared, path: &str, query: &str) -> Result<Value> {
    let snap = shared.snapshot();
    if path == "/api/head" {
        return Ok(shared.progress().json(snap.height));
    }
    if path == "/api/overview" {
        let days = number(query, "days")?.unwrap_or(DEFAULT_DAYS).min(3_650);
        return model::overview(&snap, &shared.index(), days);
    }
    let rest = path
        .strip_prefix("/api/asset/")
        .ok_or_else(|| ConsoleError::NotFound(format!("nothing at {path}")))?;
    let (id, sub) = rest.split_once('/').unwrap_or((rest, ""));
    let live = snap
        .assets
        .iter()
        .find(|a| a.asset.id == id)
        .ok_or_else(|| ConsoleError::NotFound(format!("no asset {id} in the registry")))?;
    match sub {
        "" => model::asset_page(live, &shared.index(), snap.height, snap.time),
        "mints" => {
            let before = number(query, "before")?;
            let (rows, total) = shared.index().mints(id, before, model::MINTS_PAGE)?;
            let items: Vec<Value> = rows
                .iter()
                .map(|m| model::mint_json(m, live.decimals))
                .collect();
            Ok(json!({"total": total, "items": items}))
        }
        "asof" => {
            let height = number(query, "height")?
                .ok_or_else(|| ConsoleError::BadRequest("height is missing".into()))?;
            if height == 0 || height > snap.height {
                return Err(ConsoleError::BadRequest(format!(
                    "height must be between 1 and the latest, {}",
                    snap.height
                )));
            }
            let reader = shared.reader();
            let then = reader.asset_at(id, height)?;
            let time = reader.block_time(height)?;
            drop(reader);
            model::as_of(&then, &shared.index(), height, time)
        }
        _ => Err(ConsoleError::NotFound(format!("nothing at {path}"))),
    }
}
