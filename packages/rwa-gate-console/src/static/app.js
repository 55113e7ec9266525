// rwa-gate compliance console: plain JS, no build step. Views by URL hash:
//   #/                      overview (filters in the hash: #/?state=blocked&issuer=...&days=7)
//   #/asset/ID              an asset's page;  #/asset/ID?asof=H  with the record as of height H
// The page polls /api/head and re-reads its view when the version moves (a new block changed
// what it shows). Text is always set with textContent: nothing from the chain becomes markup.
"use strict";

const main = document.getElementById("main");
const headLine = document.getElementById("head");
let version = -1;
let rendering = false;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function when(seconds) {
  if (!seconds) return "-";
  return new Date(seconds * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

async function getJson(url) {
  const r = await fetch(url, { cache: "no-store" });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  return { path, params: new URLSearchParams(query || "") };
}

// State in words and an icon; the colour only repeats them.
function stateBadge(state) {
  const cleared = state === "cleared";
  return el("span", { class: "state " + state, "data-state": state }, cleared ? "✔ Cleared" : "✖ Blocked");
}

function reasonsList(reasons) {
  if (!reasons.length) return el("span", { class: "muted" }, "no reason denies issuance");
  return el("ul", { class: "reasons" }, reasons.map((r) => el("li", { "data-code": r.code }, r.text)));
}

function link(href, text, attrs) {
  return el("a", Object.assign({ href }, attrs || {}), text);
}

// ---- overview -----------------------------------------------------------------------------

function setHashParams(params) {
  const q = params.toString();
  location.hash = "#/" + (q ? "?" + q : "");
}

function filters(data, params) {
  const state = params.get("state") || "";
  const issuer = params.get("issuer") || "";
  const change = (key) => (ev) => {
    const p = route().params;
    if (ev.target.value) p.set(key, ev.target.value); else p.delete(key);
    setHashParams(p);
  };
  return el("div", { class: "filters", role: "group", "aria-label": "Filters" },
    el("label", {}, "State",
      el("select", { id: "filter-state", onchange: change("state") },
        [["", "all"], ["blocked", "✖ blocked"], ["cleared", "✔ cleared"]].map(([v, t]) =>
          el("option", { value: v, selected: v === state }, t)))),
    el("label", {}, "Issuer",
      el("select", { id: "filter-issuer", onchange: change("issuer") },
        el("option", { value: "" }, "all"),
        data.issuers.map((i) => el("option", { value: i, selected: i === issuer }, i)))),
    el("label", {}, "Lapsing within (days)",
      el("input", { id: "filter-days", type: "number", min: 1, max: 3650, value: data.lapsing.days, onchange: change("days") })));
}

function assetsTable(data, params) {
  const state = params.get("state"), issuer = params.get("issuer");
  const rows = data.assets.filter((a) => (!state || a.state === state) && (!issuer || a.issuer === issuer));
  return el("table", { id: "assets" },
    el("caption", { class: "muted" }, `${rows.length} of ${data.assets.length} assets`),
    el("thead", {}, el("tr", {}, ["Asset", "State and every reason", "Minted / cap", "Issuer", "Token"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map((a) => el("tr", { "data-asset": a.id, "data-state": a.state },
      el("td", {}, link("#/asset/" + a.id, a.id, { "data-key": "asset-" + a.id })),
      el("td", {}, stateBadge(a.state), a.retired ? " (retired)" : "", a.paused ? " (paused)" : "", reasonsList(a.reasons)),
      el("td", { class: "num" }, `${a.minted_units} / ${a.cap_units} ${a.symbol}`),
      el("td", { class: "mono" }, a.issuer),
      el("td", { class: "mono" }, a.token || "-")))));
}

function lapsingTable(data) {
  const items = data.lapsing.items;
  if (!items.length) return el("p", { id: "lapsing" }, `No relied-on attestation lapses within ${data.lapsing.days} days.`);
  return el("table", { id: "lapsing" },
    el("thead", {}, el("tr", {}, ["Attestation", "Kind", "Oracle", "Lapses", "Would block"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, items.map((i) => el("tr", {},
      el("td", {}, "#" + i.attestation), el("td", {}, i.kind), el("td", { class: "mono" }, i.oracle),
      el("td", {}, when(i.expires_at)),
      el("td", {}, i.blocks.map((b) => link("#/asset/" + b, b)))))));
}

function oraclesTable(data) {
  return el("table", { id: "oracles" },
    el("thead", {}, el("tr", {}, ["Oracle", "Scopes", "State", "Last activity"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, data.oracles.map((o) => el("tr", {},
      el("td", { class: "mono" }, o.address),
      el("td", {}, o.scopes.join(", ") || "none"),
      el("td", {}, o.status === "active" ? "● active" : "◌ suspended"),
      el("td", {}, o.last_activity ? `${o.last_activity.action.replace(/_/g, " ")} at height ${o.last_activity.height} (${when(o.last_activity.time)})` : "none indexed")))));
}

async function overview(params) {
  const days = params.get("days") || "";
  const data = await getJson("/api/overview" + (days ? "?days=" + encodeURIComponent(days) : ""));
  document.title = "Overview - rwa-gate console";
  return [
    el("h2", { id: "overview-title" }, "Assets"),
    filters(data, params),
    assetsTable(data, params),
    el("h2", {}, `Attestations lapsing within ${data.lapsing.days} days`),
    lapsingTable(data),
    el("h2", {}, "Oracles"),
    oraclesTable(data),
  ];
}

// ---- an asset -----------------------------------------------------------------------------

function partiesAndTerms(d) {
  const p = d.parties, t = d.terms, s = d.summary;
  const row = (k, v) => [el("dt", {}, k), el("dd", {}, v)];
  return el("dl", { class: "terms", id: "terms" },
    row("State", [stateBadge(s.state), reasonsList(s.reasons)]),
    row("Issuer", el("span", { class: "mono" }, p.issuer)),
    row("Filing entity", p.filing_entity),
    row("Related parties", p.related_parties.map((r) => `${r.entity} (${String(r.role).replace(/_/g, " ")})`).join(", ") || "none"),
    row("Minters", p.minters.join(", ")),
    row("Token", el("span", { class: "mono" }, `${s.token || "-"} (${s.symbol}, ${s.decimals} decimals)`)),
    row("Plan", `version ${t.plan_version}: maximum ${t.plan_max_units} ${s.symbol}; materials sha256 ${t.materials_digest}`),
    row("Minted", `${s.minted_units} of cap ${s.cap_units} ${s.symbol} (supply now ${s.supply_units})`),
    row("Relies on", `filings ${(t.relied_filings || []).map((i) => "#" + i).join(", ") || "none"}; screenings ${(t.relied_screenings || []).map((i) => "#" + i).join(", ") || "none"}`),
    row("Registered", when(t.registered_at)));
}

const LANE = 20, LABEL = 250, WIDTH = 1100, SUPPLY_H = 110;

function timelineScale(tl) {
  const span = Math.max(60, tl.now - tl.start);
  const t0 = tl.start - span * 0.03, t1 = tl.now + span * 0.2;
  return { t0, t1, x: (t) => LABEL + ((Math.min(Math.max(t, t0), t1) - t0) / (t1 - t0)) * (WIDTH - LABEL - 10) };
}

function barLabel(a) {
  const ends = a.end === "revoked" ? "revoked " + when(a.to) : (a.end === "expired" ? "expired " : "valid until ") + when(a.expires_at);
  return `${a.kind} attestation #${a.id} by ${a.oracle}: issued ${when(a.from)} (height ${a.height}), ${ends}` +
    (a.superseded_by ? `, superseded by #${a.superseded_by}` : "") + (a.relied ? ", relied on now" : "");
}

function attestationBars(tl, sc, y0) {
  return tl.attestations.map((a) => {
    const y = y0 + a.lane * LANE + 3, x = sc.x(a.from), w = Math.max(3, sc.x(a.to) - x);
    const fill = a.end === "revoked" ? "url(#hatch)" : a.kind === "filing" ? "#4a7fc1" : "#8a63b8";
    const label = barLabel(a);
    return svg("g", { class: "bar", "data-attestation-id": a.id, "data-end": a.end, tabindex: 0, role: "img", "aria-label": label },
      svg("title", {}, label),
      svg("rect", { x, y, width: w, height: LANE - 6, fill, "fill-opacity": a.end === "valid" ? 0.9 : 0.45,
        stroke: a.relied ? "#000" : "#333", "stroke-width": a.relied ? 2 : 0.6, "stroke-dasharray": a.end === "expired" ? "3 2" : null }),
      a.to > sc.t1 ? svg("text", { x: WIDTH - 14, y: y + 11, "font-size": 11 }, "→") : null,
      svg("text", { x: x + 2, y: y + 11, "font-size": 10, fill: "#fff" }, (a.relied ? "★" : "") + (a.end === "revoked" ? "✕" : "")));
  });
}

function flagBars(tl, sc, y0) {
  return tl.flags.map((f, i) => {
    const y = y0 + i * LANE + 3, x = sc.x(f.from), w = Math.max(3, sc.x(f.to) - x);
    const label = `flag ${f.id} ${f.rule} ${f.reason} on ${f.subject}: raised ${when(f.from)} by ${f.oracle}` + (f.ended ? `, ${f.ended} ${when(f.to)}` : ", still active");
    return svg("g", { class: "flag", "data-flag-id": f.id, tabindex: 0, role: "img", "aria-label": label },
      svg("title", {}, label),
      svg("rect", { x, y, width: w, height: LANE - 6, fill: "#c4314b", "fill-opacity": f.ended ? 0.35 : 0.85, stroke: "#000", "stroke-width": 0.6 }),
      svg("text", { x: x + 2, y: y + 11, "font-size": 10 }, `⚑ ${f.rule} ${f.ended ? "(" + f.ended + ")" : "(active)"}`),
      svg("text", { x: 4, y: y + 11, "font-size": 11 }, `flag ${f.id} on ${f.subject}`));
  });
}

function supplyChart(tl, sc, y0, symbol) {
  const pts = tl.supply.filter((p) => p[0] > 0);
  const max = Math.max(Number(tl.plan_max_units) || 0, Number(tl.cap_units) || 0, ...pts.map((p) => Number(p[2])), 1);
  const y = (v) => y0 + SUPPLY_H - (Number(v) / max) * SUPPLY_H;
  const path = pts.length ? "M" + sc.x(tl.start) + "," + y(0) + pts.map((p) => `H${sc.x(p[0]).toFixed(1)}V${y(p[2]).toFixed(1)}`).join("") + `H${sc.x(tl.now)}` : "";
  const last = pts.length ? pts[pts.length - 1][2] : "0";
  const cap = tl.cap_units === null ? null : Number(tl.cap_units);
  return svg("g", { id: "supply", role: "img", tabindex: 0, "aria-label": `cumulative minted ${last} ${symbol} of cap ${tl.cap_units} (plan maximum ${tl.plan_max_units})` },
    svg("text", { x: 4, y: y0 + 12, "font-size": 11 }, `minted ${last} ${symbol}`),
    svg("text", { x: 4, y: y0 + 26, "font-size": 11 }, `cap ${tl.cap_units} (dashed)`),
    cap !== null ? svg("line", { x1: LABEL, x2: WIDTH - 10, y1: y(cap), y2: y(cap), stroke: "#a40e26", "stroke-dasharray": "6 3" }) : null,
    path ? svg("path", { d: path, fill: "none", stroke: "#116329", "stroke-width": 2 }) : null,
    svg("line", { x1: LABEL, x2: WIDTH - 10, y1: y0 + SUPPLY_H, y2: y0 + SUPPLY_H, stroke: "#999" }));
}

function markers(tl, sc, y) {
  return tl.markers.map((m) => {
    const label = `${m.action.replace(/_/g, " ")} at height ${m.height} (${when(m.time)}) ${m.detail}`;
    return svg("g", { class: "marker", tabindex: 0, role: "img", "aria-label": label },
      svg("title", {}, label),
      svg("path", { d: `M${sc.x(m.time)},${y} l5,7 l-5,7 l-5,-7z`, fill: "#7d4e00" }));
  });
}

function timeline(d) {
  const tl = d.timeline, sc = timelineScale(tl);
  const aTop = 30, fTop = aTop + Math.max(1, tl.lanes.length) * LANE + 10;
  const sTop = fTop + tl.flags.length * LANE + 20, height = sTop + SUPPLY_H + 30;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => sc.t0 + (sc.t1 - sc.t0) * f);
  return el("figure", { class: "timeline", id: "timeline" },
    svg("svg", { width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}`, "aria-labelledby": "timeline-caption" },
      svg("defs", {}, svg("pattern", { id: "hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
        svg("rect", { width: 6, height: 6, fill: "#ddd" }), svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#333", "stroke-width": 2 }))),
      svg("text", { x: 4, y: 18, "font-size": 11 }, "events ◆"),
      markers(tl, sc, 6),
      tl.lanes.map((l, i) => svg("text", { x: 4, y: aTop + i * LANE + 14, "font-size": 11 }, l.length > 40 ? l.slice(0, 20) + "…" + l.slice(-14) : l)),
      attestationBars(tl, sc, aTop),
      flagBars(tl, sc, fTop),
      supplyChart(tl, sc, sTop, d.summary.symbol),
      svg("line", { x1: sc.x(tl.now), x2: sc.x(tl.now), y1: 0, y2: height - 20, stroke: "#000", "stroke-dasharray": "2 2" }),
      svg("text", { x: sc.x(tl.now) + 3, y: height - 22, "font-size": 10 }, "now"),
      ticks.map((t) => svg("text", { x: sc.x(t) - 40, y: height - 6, "font-size": 10 }, when(Math.round(t)).slice(5, 19)))),
    el("figcaption", { id: "timeline-caption" },
      el("ul", { class: "legend" },
        el("li", {}, "Bars: attestation validity, issue to expiry or revocation; ★ relied on now; ✕ hatched: revoked; dashed outline: expired; → continues beyond the chart"),
        el("li", {}, "⚑ red bars: flags, raised to cleared or lapsed"),
        el("li", {}, "◆ plan changes, reports, parties, minters"),
        el("li", {}, "green line: cumulative minted; dashed red line: the cap"))));
}

function attestationsTable(d, showAll) {
  const all = d.timeline.attestations;
  const rows = showAll ? all : all.slice(-20);
  return el("div", {},
    el("table", { id: "attestations" },
      el("caption", { class: "muted" }, `${all.length} attestations${showAll || all.length <= 20 ? "" : ", the latest 20 shown"}`),
      el("thead", {}, el("tr", {}, ["#", "Kind", "Oracle", "Issued", "Ends", "State"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows.slice().reverse().map((a) => el("tr", { "data-attestation-id": a.id },
        el("td", {}, "#" + a.id), el("td", {}, a.kind), el("td", { class: "mono" }, a.oracle),
        el("td", {}, `${when(a.from)} (height ${a.height})`), el("td", {}, when(a.to)),
        el("td", {}, [a.end, a.superseded_by ? `superseded by #${a.superseded_by}` : "", a.relied ? "★ relied on" : ""].filter(Boolean).join("; ")))))),
    !showAll && all.length > 20 ? el("button", { type: "button", onclick: () => { state.showAll = true; render(); } }, "Show all attestations") : null);
}

function mintsTable(d) {
  const m = d.mints;
  const tbody = el("tbody", {}, m.items.map(mintRow));
  const more = el("button", { type: "button", id: "more-mints" }, "Older mints");
  more.addEventListener("click", async () => {
    const last = tbody.lastElementChild && tbody.lastElementChild.dataset.seq;
    const page = await getJson(`/api/asset/${d.summary.id}/mints?before=${last}`);
    page.items.forEach((i) => tbody.append(mintRow(i)));
    if (tbody.children.length >= page.total) more.remove();
  });
  return el("div", {},
    el("table", { id: "mints" },
      el("caption", { class: "muted" }, `${m.total} mints, newest first`),
      el("thead", {}, el("tr", {}, ["Height", "Time", "To", "Amount", "Minted to date", "Relied on", "Transaction"].map((h) => el("th", { scope: "col" }, h)))),
      tbody),
    m.total > m.items.length ? more : null);
}

function mintRow(i) {
  return el("tr", { "data-seq": i.seq },
    el("td", {}, i.height), el("td", {}, when(i.time)), el("td", { class: "mono" }, i.to),
    el("td", { class: "num" }, i.amount_units), el("td", { class: "num" }, i.minted_units),
    el("td", {}, `filings ${i.filings.map((x) => "#" + x).join(", ")}; screenings ${i.screenings.map((x) => "#" + x).join(", ")}`),
    el("td", { class: "mono" }, i.tx.slice(0, 12) + "…"));
}

function asOfForm(id, height, current) {
  const input = el("input", { id: "asof-height", type: "number", min: 1, max: current, value: height || "", required: true });
  return el("form", { id: "asof-form", onsubmit: (ev) => { ev.preventDefault(); location.hash = `#/asset/${id}?asof=${input.value}`; } },
    el("label", { for: "asof-height" }, "The record as of height "), input, " ",
    el("button", { type: "submit" }, "Show"),
    height ? [" ", link(`#/asset/${id}`, "back to now")] : null);
}

async function asOfPanel(id, height) {
  try {
    const r = await getJson(`/api/asset/${id}/asof?height=${height}`);
    const s = r.summary;
    return el("section", { class: "asof", id: "asof", "aria-label": "The record as of height " + height },
      el("h2", {}, `The record as of height ${r.height} (${when(r.time)}), from the chain at that height`),
      el("p", {}, stateBadge(s.state), ` minted ${s.minted_units} of cap ${s.cap_units} ${s.symbol}; ${r.mints_to_date} mints to date`),
      reasonsList(s.reasons),
      el("p", {}, `Relied on: filings ${(r.relied_filings || []).map((i) => "#" + i).join(", ") || "none"}; screenings ${(r.relied_screenings || []).map((i) => "#" + i).join(", ") || "none"}. ` +
        `Blocking flags: ${(r.blockers || []).map((b) => `${b.flag} (${b.rule} on ${b.subject})`).join(", ") || "none"}. ` +
        `Unexpired, unrevoked attestations then: ${r.attestations_unexpired.map((i) => "#" + i).join(", ") || "none"}.`));
  } catch (e) {
    return el("p", { class: "banner", id: "asof" }, `The record as of height ${height} cannot be read: ${e.message}`);
  }
}

async function assetPage(id, params) {
  const d = await getJson("/api/asset/" + encodeURIComponent(id));
  const asof = params.get("asof");
  document.title = `${id} - rwa-gate console`;
  return [
    el("p", {}, link("#/", "← all assets")),
    el("h2", { id: "asset-title" }, "Asset ", id, " ", stateBadge(d.summary.state)),
    partiesAndTerms(d),
    asOfForm(id, asof, d.height),
    asof ? await asOfPanel(id, asof) : null,
    el("h2", {}, "Timeline"),
    timeline(d),
    attestationsTable(d, state.showAll),
    el("h2", {}, "Mints"),
    mintsTable(d),
  ];
}

// ---- rendering and following the chain ----------------------------------------------------

const state = { showAll: false, lastPath: null };

async function render() {
  if (rendering) return;
  rendering = true;
  const { path, params } = route();
  const focusKey = document.activeElement && (document.activeElement.id || document.activeElement.dataset.key);
  try {
    const m = path.match(/^\/asset\/([a-z0-9._-]+)$/);
    if (path !== state.lastPath) state.showAll = false;
    const content = m ? await assetPage(m[1], params) : await overview(params);
    main.replaceChildren(...content.filter(Boolean));
    if (path !== state.lastPath) { main.focus(); state.lastPath = path; }
    else if (focusKey) {
      const again = document.getElementById(focusKey) || main.querySelector(`[data-key="${focusKey}"]`);
      if (again) again.focus();
    }
  } catch (e) {
    main.replaceChildren(el("p", { class: "banner" }, "Cannot show this view: " + e.message));
  } finally {
    rendering = false;
  }
}

async function poll() {
  try {
    const h = await getJson("/api/head");
    headLine.textContent = `Height ${h.height}; index at ${h.indexed_height}` + (h.chain_error ? `; the chain does not answer: ${h.chain_error}` : "");
    if (h.version !== version) {
      version = h.version;
      await render();
    }
  } catch (e) {
    headLine.textContent = "The console does not answer: " + e.message;
  }
}

window.addEventListener("hashchange", () => { state.lastPath = state.lastPath === route().path ? state.lastPath : null; render(); });
poll();
setInterval(poll, 1000);
