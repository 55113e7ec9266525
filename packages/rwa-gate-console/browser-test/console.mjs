// Drives headless Chromium (Debian's /usr/bin/chromium, through playwright-core) against a
// running console: the overview, a blocked asset and its reasons, its page and timeline, an
// attestation posted meanwhile appearing without a reload, the record as of a past height,
// keyboard navigation; screenshots into ARTIFACTS. Run by scripts/console-test.sh.
//   CONSOLE_URL   the console's address         ATTEST_CMD  a shell command that posts an attestation
//   ASOF_HEIGHT   a height at which bond was cleared   ARTIFACTS   where screenshots go
import { chromium } from "playwright-core";
import { execSync } from "node:child_process";
import assert from "node:assert/strict";

const url = process.env.CONSOLE_URL;
const artifacts = process.env.ARTIFACTS;
const say = (line) => console.log("    browser: " + line);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));

  // Overview: every asset with its state in words; a blocked one with its reasons.
  await page.goto(url);
  await page.waitForSelector("#assets tbody tr");
  const rows = await page.$$eval("#assets tbody tr", (trs) => trs.map((tr) => ({
    id: tr.dataset.asset, state: tr.querySelector(".state").textContent,
    reasons: [...tr.querySelectorAll(".reasons li")].map((li) => li.textContent),
  })));
  say(`overview lists ${rows.length} assets: ` + rows.map((r) => `${r.id} ${r.state}`).join(", "));
  const blocked = rows.find((r) => r.id === "bond");
  assert.ok(blocked && blocked.state.includes("Blocked"), "bond is shown blocked, in words");
  assert.ok(blocked.reasons.some((t) => t.startsWith("R5")), "bond's R5 flag is a reason: " + blocked.reasons);
  say("bond is blocked because: " + blocked.reasons.join(" | "));
  const oracles = await page.$$eval("#oracles tbody tr", (trs) => trs.map((tr) => tr.textContent));
  assert.ok(oracles.length >= 1 && /active/.test(oracles[0]) && /raise flag|attest/.test(oracles[0]), "oracle with its last activity: " + oracles[0]);
  await page.screenshot({ path: `${artifacts}/console-overview.png`, fullPage: true });

  // Filters: state.
  await page.selectOption("#filter-state", "cleared");
  await page.waitForFunction(() => [...document.querySelectorAll("#assets tbody tr")].every((tr) => tr.dataset.state === "cleared"));
  const cleared = await page.$$eval("#assets tbody tr", (trs) => trs.map((tr) => tr.dataset.asset));
  say("filtered to cleared: " + (cleared.join(", ") || "none"));
  assert.ok(!cleared.includes("bond"));
  await page.selectOption("#filter-state", "");

  // Keyboard: Tab to bond's link and press Enter.
  await page.waitForSelector('[data-key="asset-bond"]');
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement && document.activeElement.dataset.key === "asset-bond");
  }
  assert.ok(reached, "bond's link is reachable with Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused link shows its focus");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#timeline svg");
  say("opened bond's page with the keyboard (Tab, Enter); focus visible (" + outline + " outline)");

  // The timeline: attestation bars, the flag, the supply.
  const bars = await page.$$eval("#timeline g.bar", (gs) => gs.map((g) => g.getAttribute("aria-label")));
  const flags = await page.$$eval("#timeline g.flag", (gs) => gs.map((g) => g.getAttribute("aria-label")));
  const supply = await page.getAttribute("#supply", "aria-label");
  say(`timeline: ${bars.length} attestation bars, ${flags.length} flag bars; ${supply}`);
  bars.forEach((b) => say("  bar: " + b));
  flags.forEach((f) => say("  flag: " + f));
  assert.ok(bars.length >= 2 && flags.length >= 1);
  const mints = await page.$$eval("#mints tbody tr", (trs) => trs.map((tr) => tr.textContent));
  assert.ok(mints.length >= 2, "the mints are listed");
  say(`mints listed: ${mints.length}, each with the attestations it relied on`);
  await page.screenshot({ path: `${artifacts}/console-asset.png`, fullPage: true });

  // An attestation posted meanwhile appears without a reload.
  const before = new Set(await page.$$eval("#timeline g.bar", (gs) => gs.map((g) => g.dataset.attestationId)));
  const posted = execSync(process.env.ATTEST_CMD, { encoding: "utf8" }).trim();
  say("posted meanwhile: " + posted.split("\n").pop());
  const t0 = Date.now();
  await page.waitForFunction((ids) => [...document.querySelectorAll("#timeline g.bar")].some((g) => !ids.includes(g.dataset.attestationId)), [...before], { timeout: 30000 });
  const fresh = await page.$$eval("#timeline g.bar", (gs, ids) => gs.filter((g) => !ids.includes(g.dataset.attestationId)).map((g) => g.getAttribute("aria-label")), [...before]);
  say(`appeared on the timeline ${Date.now() - t0} ms after the transaction was included, without a reload: ${fresh[0]}`);
  await page.screenshot({ path: `${artifacts}/console-asset-live.png`, fullPage: true });

  // The record as of a past height, from the chain at that height.
  await page.fill("#asof-height", process.env.ASOF_HEIGHT);
  await page.press("#asof-height", "Enter");
  await page.waitForSelector("#asof h2");
  const asof = await page.textContent("#asof");
  say("as of height " + process.env.ASOF_HEIGHT + ": " + asof.replace(/\s+/g, " ").slice(0, 300));
  assert.ok(asof.includes("Cleared"), "bond was cleared at the height of its first mint");
  await page.screenshot({ path: `${artifacts}/console-asof.png`, fullPage: true });
  say("screenshots: " + ["overview", "asset", "asset-live", "asof"].map((n) => `${artifacts}/console-${n}.png`).join(", "));
  assert.deepEqual(errors, [], "no script error on the page");
  console.log("    browser: OK");
} finally {
  await browser.close();
}
