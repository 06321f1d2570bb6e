// The web app in a real browser: Debian's Chromium driven by playwright-core.
// Usage: node flow.mjs BASE_URL SCREENSHOT_DIR PASSWORD
// Walks what a user does after an interview, audits every page with axe-core, and prints
// one line per step; exits non-zero at the first thing that is not as it should be. The
// server is opened to the network, so the walk starts by signing in.
import { join } from "node:path";
import { fail, open } from "./common.mjs";

const [base, shots, password] = process.argv.slice(2);
const { page, audit, walk } = await open(shots);

await walk(async () => {
  // Signing in: every page sends the browser to it first.
  await page.goto(base + "apps");
  if (!page.url().endsWith("/login")) fail("an open server let a stranger in: " + page.url());
  await audit("login");
  await page.fill("#password", "not it");
  await page.click("button[type=submit]");
  await page.waitForSelector("text=That is not the password");
  await page.fill("#password", password);
  await page.click("button[type=submit]");
  await page.waitForURL(base);
  console.log("ok signed in");
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

  // The debrief, in the page: what Bill talked about, and which strength fits.
  await page.click("summary:has-text('Edit Bill Lumbergh')");
  await page.fill("#r1-p1-topics", "moving the TPS reports to the new cover sheets");
  // Under the field, once the debounced preview comes back, the sentence it will become.
  await page.waitForSelector(
    "#r1-p1-topics-preview >> text=I enjoyed our conversation about moving the TPS reports",
    { timeout: 15000 },
  );
  await page.check("input[name=fit_0]");
  await page.click("button:has-text('Save Bill Lumbergh')");
  await page.waitForURL(new RegExp(`/apps/${app}$`));
  await page.waitForSelector("text=Talked about: moving the TPS reports to the new cover sheets");
  // And the application itself: a better title for the role.
  await page.click("summary:has-text('Edit this application')");
  await page.fill("#app-role", "Senior Platform Engineer");
  await page.click("button:has-text('Save the application')");
  await page.waitForSelector("h1:has-text('Initech — Senior Platform Engineer')");
  console.log("ok debriefed and edited");

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
  if (!body.includes("TPS reports")) fail("the draft does not draw on the debrief:\n" + body);
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
  await page.goto(base + "settings/templates/thank-you");
  await audit("template");
  await page.goto(base + "inbox");
  await audit("inbox");
  if ((await page.locator("section[aria-labelledby=outbox] td .badge", { hasText: /^sent$/ }).count()) !== 1) fail("the outbox does not show the one email sent");
  await page.goto(base + "apps?archived=1");
  await audit("applications-with-archived");
  await page.goto(base + "insights");
  const charts = await page.locator("figure.chart svg[role=img]").count();
  if (charts !== 5) fail(`the insights page shows ${charts} charts, not 5`);
  if (!(await page.getAttribute("figure.chart svg >> nth=0", "aria-label")).includes("1 of 1 on time")) fail("the punctuality chart does not say the thank-you was on time");
  await audit("insights");
  await page.goto(base + "report");
  if (!(await page.textContent("table")).includes("Initech")) fail("the record lacks the application");
  await audit("report");

  // Signing out closes the session.
  await page.goto(base + "settings");
  await page.click("button:has-text('Sign out')");
  await page.waitForURL(/\/login$/);
  await page.goto(base);
  if (!page.url().endsWith("/login")) fail("still signed in after signing out");
  console.log("ok signed out");
});
