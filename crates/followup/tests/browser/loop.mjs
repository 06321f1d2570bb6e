// The whole loop in a real browser, with `followup serve` the only process running:
// a check-in composed and scheduled a little ahead, seen going out by itself, a reply read
// from the mailbox, accepted, and the plan changed by it.
// Usage: node loop.mjs BASE_URL SCREENSHOT_DIR RECIPIENT_ZONE
// Prints "scheduled MILLISECONDS" once the email is queued, then waits for a line on standard
// input saying the reply is in the mailbox (the test puts it there once the email arrived).
import { createInterface } from "node:readline";
import { fail, open } from "./common.mjs";

const [base, shots, zone] = process.argv.slice(2);
const { context, page, audit, walk } = await open(shots);
// Notifications are allowed, as the user would when the browser asks, and each one shown is
// noted on the page for the walk to see.
await context.grantPermissions(["notifications"], { origin: new URL(base).origin });
await context.addInitScript(() => {
  window.told = [];
  const Shown = window.Notification;
  window.Notification = class extends Shown {
    constructor(title, options) {
      window.told.push({ title, ...options });
      super(title, options);
    }
  };
});
const lines = createInterface({ input: process.stdin });
const input = lines[Symbol.asyncIterator]();

// The first whole minute at least 8 seconds away, as the date-time field takes it in `zone`.
function nextMinute() {
  const at = new Date(Math.ceil((Date.now() + 8000) / 60000) * 60000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(at).map((p) => [p.type, p.value]),
  );
  return { at, field: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}` };
}

await walk(async () => {
  // Notifications on, in Settings.
  await page.goto(base + "settings");
  await page.click("#notify-toggle");
  await page.waitForSelector("#notify-state >> text=On in this browser");
  console.log("ok notifications on");

  // Today: the decision date has passed, so a check-in is due.
  await page.goto(base);
  const link = page.locator("a[href='/apps/a1/compose/check-in:r1:p1']").first();
  if ((await link.count()) !== 1) fail("Today does not offer the check-in");
  await link.click();
  await page.waitForSelector("#body");
  const body = await page.inputValue("#body");
  if (!body.includes("Platform Engineer")) fail("the check-in does not name the role:\n" + body);
  await page.fill("#body", body.replace(/\[\[[^\]]*\]\]/g, "the payment retry queue"));

  // Later, at a time of the user's choosing, in the recipient's zone.
  const { at, field } = nextMinute();
  await page.check("input[name=when][value=at]");
  await page.fill("input[name=at]", field);
  await page.click("button[value=send]");
  await page.waitForURL(/\/apps\/a1(\?|$)/);
  if ((await page.locator("li.mail.state-queued").count()) !== 1) fail("the application page does not show the queued email");
  await audit("loop-queued");
  console.log(`scheduled ${at.getTime()}`);
  await page.goto(base);
  if ((await page.locator("li.mail.state-queued").count()) !== 1) fail("Today does not show the queued email");

  // Nobody presses anything: the page, reloaded as a user would, shows it went.
  const waited = Date.now();
  for (;;) {
    await page.goto(base + "apps/a1");
    if ((await page.locator("li.mail.state-sent").count()) === 1) break;
    if (Date.now() - waited > 120000) fail("the email never showed as sent");
    await page.waitForTimeout(1000);
  }
  console.log("ok sent by itself");

  // The test answers in the mailbox; reading mail from the Inbox page finds it.
  const said = await input.next();
  lines.close();
  if (said.done || said.value.trim() !== "replied") fail("no word that the reply was delivered");
  await page.goto(base + "inbox");
  await page.click("button:has-text('Read new mail now')");
  await page.waitForURL(/\/inbox\?read=/);
  const reply = page.locator("article.card", { hasText: "another candidate" });
  if ((await reply.count()) !== 1) fail("the reply is not in the Inbox");
  const proposed = await reply.locator("select[name=outcome]").inputValue();
  if (proposed !== "rejection") fail(`the reply was read as ${proposed}, not a rejection`);
  await audit("loop-inbox");
  console.log("ok reply in the inbox");

  // Accepted, it changes the plan: no more check-ins, a gracious answer instead.
  const checkInsBefore = await page.goto(base + "apps/a1").then(() =>
    page.locator("ol.timeline li:has(code:text-is('check-in:r1:p1:2'))").getAttribute("class"));
  await page.goto(base + "inbox");
  await page.click("article.card:has-text('another candidate') button:has-text('Accept')");
  await page.waitForURL(/\/apps\/a1$/);
  if (!(await page.textContent("p.lead")).includes("stage rejected")) fail("the stage did not move to rejected");
  const answer = page.locator("ol.timeline li:has(code:text-is('rejection-reply:r1:p1'))");
  if ((await answer.count()) !== 1) fail("the plan does not offer a reply to the rejection");
  const checkInAfter = await page.locator("ol.timeline li:has(code:text-is('check-in:r1:p1:2'))").getAttribute("class");
  if (checkInAfter === checkInsBefore || checkInAfter !== "status-cancelled") fail(`the second check-in is ${checkInAfter}, was ${checkInsBefore}`);
  await audit("loop-after-reply");
  console.log("ok plan changed");

  // The answer that fell due with the news was told as a notification, once.
  await page.waitForFunction(() => window.told.some((n) => n.title === "Time to reply to Bill Lumbergh"), null, { timeout: 15000 });
  const told = await page.evaluate(() => window.told);
  if (told.length !== 1 || told[0].tag !== "a1/rejection-reply:r1:p1") fail("notifications: " + JSON.stringify(told));
  await page.reload();
  await page.waitForTimeout(1000);
  if ((await page.evaluate(() => window.told.length)) !== 0) fail("the same news was told twice");
  console.log("ok notified when it fell due");
});
