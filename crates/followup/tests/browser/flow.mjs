// The web app in a real browser: Debian's Chromium driven by playwright-core.
// Usage: node flow.mjs BASE_URL SCREENSHOT_DIR
// Walks what a user does after an interview, audits every page with axe-core, and prints
// one line per step; exits non-zero at the first thing that is not as it should be.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const [base, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run",
  ],
  // playwright starts each launch with a fresh, empty profile of its own.
});
// axe is injected as a script of its own; the app's CSP rightly forbids that, so the audit
// context bypasses it (the app's own pages never need to).
const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
const page = await context.newPage();
const dialogs = [];
page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
const failures = [];
page.on("pageerror", (e) => failures.push(String(e)));

function fail(message) {
  console.error("FAIL " + message);
  process.exitCode = 1;
  throw new Error(message);
}

async function audit(name) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of result.violations) {
    console.log(`axe ${name}: ${v.impact} ${v.id} (${v.nodes.length})`);
  }
  if (serious.length > 0) fail(`${name}: ${serious.map((v) => v.id).join(", ")}`);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  console.log(`ok ${name}`);
}

try {
  await page.goto(base + "apps");
  await audit("applications-empty");

  // An application, and a round with two interviewers.
  await page.fill("#company", "Initech");
  await page.fill("#role", "Platform Engineer");
  await page.fill("#industry", "<script>alert(1)</script>");
  await page.click("form[method=post][action='/apps'] button[type=submit]");
  await page.waitForURL(/\/apps\/a\d+$/);
  const app = page.url().split("/").pop();
  if (!(await page.textContent("p.lead")).includes("<script>alert(1)</script>")) fail("typed markup shows as text");
  await page.fill("#start", "2026-03-02 13:00");
  await page.fill("#duration", "1h");
  await page.fill("#name1", "Bill Lumbergh");
  await page.selectOption("#role1", "hiring-manager");
  await page.fill("#email1", "bill@initech.example");
  await page.fill("#name2", "Milton Waddams");
  await page.selectOption("#role2", "panelist");
  await page.fill("#email2", "milton@initech.example");
  await page.click("form[action$='/rounds'] button[type=submit]");
  await page.waitForURL(new RegExp(`/apps/${app}$`));
  await audit("application");

  // Today: a thank-you due to each of them.
  await page.goto(base);
  const due = await page.locator("section[aria-labelledby=due] li.followup").count();
  if (due !== 2) fail(`Today shows ${due} follow-ups due, not 2`);
  await audit("today");

  // Compose the one to Bill, plant a typo, see it flagged as typed, and fix it.
  await page.click(`a[href='/apps/${app}/compose/thank-you:r1:p1']`);
  await page.waitForSelector("#body");
  await audit("compose");
  const body = await page.inputValue("#body");
  const planted = body.replace("\n\n", "\n\nThank you for recieving me today. ");
  await page.fill("#body", planted);
  await page.waitForSelector("#preview mark.error >> text=recieving", { timeout: 15000 });
  console.log("ok typo flagged while typing");
  await page.click("button[value=check]");
  await page.waitForSelector("button:has-text('Use “receiving”')");
  await page.click("button:has-text('Use “receiving”')");
  await page.waitForSelector("#body");
  if ((await page.inputValue("#body")).includes("recieving")) fail("the fix was not applied");
  console.log("ok typo fixed");
  // The draft leaves a marked slot where a detail of the talk belongs: fill it in.
  const slotted = await page.inputValue("#body");
  await page.fill("#body", slotted.replace(/\[\[[^\]]*\]\]/g, "the payment retry queue"));
  await page.screenshot({ path: join(shots, "compose-fixed.png"), fullPage: true });

  // Send it; the plan moves on.
  await page.click("button[value=send]");
  await page.waitForURL(new RegExp(`/apps/${app}\\?sent=`));
  const sent = await page.locator("ol.timeline li.status-done").count();
  if (sent < 1) fail("the thank-you is not shown as done after sending");
  await audit("application-after-send");

  await page.goto(base + "apps");
  await audit("applications");
  await page.goto(base + `apps/${app}/compose/thank-you:r1:p2/card`);
  await audit("card");
  await page.goto(base + "settings");
  await audit("settings");

  if (dialogs.length > 0) fail("a dialog opened: " + dialogs.join(" | "));
  if (failures.length > 0) fail("script errors: " + failures.join(" | "));
  console.log("done");
} catch (e) {
  if (!process.exitCode) {
    console.error("FAIL " + e.message);
    process.exitCode = 1;
  }
  await page.screenshot({ path: join(shots, "failure.png"), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}
