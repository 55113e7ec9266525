//! What the console reads live from the chain, through the client's typed registry and token
//! handles only: every asset with the registry's verdict (`check_issuance`), its clearance and
//! what it minted, the oracles, and the attestations the clearances rely on. A snapshot is read
//! at one height, so its parts agree; an asset can be read at any past height the node keeps.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use rwa_gate::registry::MintedResponse;
use rwa_gate::{Asset, Attestation, Clearance, Decision, Oracle};
use rwa_gate_client::contracts::{Registry, Token};
use rwa_gate_client::Client;

use crate::error::{chain, Result};

/// Listing pages read at once (the registry's maximum).
const PAGE: u32 = 30;

/// One asset as the chain answers at a height.
#[derive(Clone, Debug)]
pub struct AssetLive {
    pub asset: Asset,
    /// `check_issuance` of the smallest mint: anything that denies it denies every mint.
    pub decision: Decision,
    pub clearance: Option<Clearance>,
    pub minted: Option<MintedResponse>,
    pub symbol: String,
    pub decimals: u8,
}

/// The deployment at one height.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    pub height: u64,
    /// Block time, seconds since the epoch.
    pub time: u64,
    pub assets: Vec<AssetLive>,
    pub oracles: Vec<Oracle>,
    /// The attestations the clearances rely on, by id.
    pub relied: BTreeMap<u64, Attestation>,
}

/// Reads the deployment of `registry` through `client`.
pub struct Reader {
    pub client: Client,
    pub registry: String,
    /// Symbol and decimals of each token (they never change).
    tokens: Mutex<HashMap<String, (String, u8)>>,
}

impl Reader {
    pub fn new(client: Client, registry: impl Into<String>) -> Self {
        Reader {
            client,
            registry: registry.into(),
            tokens: Mutex::new(HashMap::new()),
        }
    }

    fn registry_at(&self, height: u64) -> Registry<'_> {
        Registry::new(&self.client, self.registry.clone()).at(height)
    }

    /// Height and time (seconds) of the latest block.
    pub fn head(&self) -> Result<(u64, u64)> {
        let (height, nanos) = self
            .client
            .latest_block()
            .map_err(chain("the latest block"))?;
        Ok((height, nanos / 1_000_000_000))
    }

    /// Everything the overview shows, at the latest height.
    pub fn snapshot(&self) -> Result<Snapshot> {
        let (height, time) = self.head()?;
        let registry = self.registry_at(height);
        let mut assets = Vec::new();
        for asset in page_all(|after| registry.assets(after, PAGE), |a| a.id.clone())? {
            assets.push(self.live(&registry, asset)?);
        }
        let oracles = page_all(
            |after| registry.oracles(after, PAGE),
            |o| o.address.to_string(),
        )?;
        let mut relied = BTreeMap::new();
        for clearance in assets.iter().filter_map(|a| a.clearance.as_ref()) {
            for &id in crate::model::relied_ids(clearance) {
                let record = registry
                    .attestation(id)
                    .map_err(chain(format!("attestation {id}")))?;
                relied.insert(id, record);
            }
        }
        Ok(Snapshot {
            height,
            time,
            assets,
            oracles,
            relied,
        })
    }

    /// Asset `id` as the chain answered after block `height`.
    pub fn asset_at(&self, id: &str, height: u64) -> Result<AssetLive> {
        let registry = self.registry_at(height);
        let asset = registry
            .asset(id)
            .map_err(chain(format!("asset {id} at height {height}")))?;
        self.live(&registry, asset)
    }

    /// Time (seconds) of the block at `height`.
    pub fn block_time(&self, height: u64) -> Result<u64> {
        let metas = self
            .client
            .block_metas(height, height)
            .map_err(chain(format!("block {height}")))?;
        Ok(metas.first().map_or(0, |m| m.time_ns / 1_000_000_000))
    }

    fn live(&self, registry: &Registry<'_>, asset: Asset) -> Result<AssetLive> {
        let id = asset.id.clone();
        let decision = registry
            .check_issuance(&id, 1, None)
            .map_err(chain(format!("check_issuance of asset {id}")))?;
        // An asset whose token is not instantiated yet has neither.
        let clearance = registry.clearance(&id).ok();
        let minted = registry.minted(&id).ok();
        let (symbol, decimals) = match &asset.token {
            Some(token) => self.token_info(token.as_str())?,
            None => (String::new(), 0),
        };
        Ok(AssetLive {
            asset,
            decision,
            clearance,
            minted,
            symbol,
            decimals,
        })
    }

    fn token_info(&self, token: &str) -> Result<(String, u8)> {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(info) = tokens.get(token) {
            return Ok(info.clone());
        }
        let info = Token::new(&self.client, token)
            .info()
            .map_err(chain(format!("token {token}")))?;
        let entry = (info.symbol, info.decimals);
        tokens.insert(token.to_string(), entry.clone());
        Ok(entry)
    }
}

/// Every entry of a paged listing, `PAGE` at a time.
fn page_all<T>(
    mut page: impl FnMut(Option<String>) -> rwa_gate_client::Result<Vec<T>>,
    key: impl Fn(&T) -> String,
) -> Result<Vec<T>> {
    let mut all: Vec<T> = Vec::new();
    loop {
        let after = all.last().map(&key);
        let got = page(after).map_err(chain("a listing of the registry"))?;
        let n = got.len();
        all.extend(got);
        if n < PAGE as usize {
            return Ok(all);
        }
    }
}
