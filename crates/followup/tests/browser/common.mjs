// What every browser walk needs: Debian's Chromium started headless, a page whose script
// errors and dialogs are kept, a failure that stops the walk, and an axe-core audit with a
// screenshot of each page.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export function fail(message) {
  console.error("FAIL " + message);
  process.exitCode = 1;
  throw new Error(message);
}

// A browser and one page in it. axe is injected as a script of its own; the app's CSP rightly
// forbids that, so the audit context bypasses it (the app's own pages never need to).
export async function open(shots) {
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--no-first-run",
    ],
    // playwright starts each launch with a fresh, empty profile of its own.
  });
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const dialogs = [];
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const failures = [];
  page.on("pageerror", (e) => failures.push(String(e)));

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

  // Runs the walk: a failure is printed, screenshotted and makes the exit non-zero; the
  // browser closes whatever happens.
  async function walk(steps) {
    try {
      await steps();
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
  }

  return { browser, context, page, audit, walk };
}
