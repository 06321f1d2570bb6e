// Tells the user when a follow-up falls due while a page of followup is open, if they
// turned it on for this browser in Settings. What was already due when they looked is not
// told again: only what became due since, by time passing or by news such as a rejection.
"use strict";
(() => {
  const ON = "followup.notify";
  const SEEN = "followup.notify.seen";
  const LONGEST = 5 * 60 * 1000;
  let timer = null;

  const supported = "Notification" in window;
  const enabled = () => supported && Notification.permission === "granted" && localStorage.getItem(ON) === "on";

  function later(ms) {
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(5000, Math.min(ms, LONGEST)));
  }

  async function check() {
    if (!enabled()) return;
    let data;
    try {
      const answer = await fetch("/due.json", { credentials: "same-origin", headers: { accept: "application/json" } });
      if (!answer.ok) return later(LONGEST);
      data = await answer.json();
    } catch {
      return later(60000);
    }
    const seen = JSON.parse(localStorage.getItem(SEEN) || "null");
    // Another tab may have told already: the list is shared, and the tag folds repeats.
    localStorage.setItem(SEEN, JSON.stringify(data.due.map((d) => d.key)));
    if (seen !== null) {
      const fresh = data.due.filter((d) => !seen.includes(d.key));
      // Back after days away: one note for many, not a pile of them.
      const told = fresh.length > 3
        ? [{ key: "followup.many", title: `${fresh.length} follow-ups fell due`, body: "They are on Today.", url: "/" }]
        : fresh;
      for (const d of told) {
        const note = new Notification(d.title, { body: d.body, tag: d.key });
        note.onclick = () => { window.focus(); location.href = d.url; };
      }
    }
    later(data.next ? Date.parse(data.next) - Date.now() + 1000 : LONGEST);
  }

  // The switch on the Settings page.
  function showSwitch() {
    const button = document.getElementById("notify-toggle");
    const state = document.getElementById("notify-state");
    if (!button || !state) return;
    if (!supported) {
      state.textContent = "This browser cannot show notifications.";
      return;
    }
    const render = () => {
      const denied = Notification.permission === "denied";
      state.textContent = enabled()
        ? "On in this browser: a notification comes when a follow-up falls due while a followup page is open."
        : denied
          ? "Off: this browser blocks notifications from this page. Allow them in its site settings first."
          : "Off in this browser.";
      button.textContent = enabled() ? "Turn notifications off" : "Turn notifications on";
      button.hidden = denied && !enabled();
    };
    button.addEventListener("click", async () => {
      if (enabled()) {
        localStorage.setItem(ON, "off");
      } else {
        const permission = await Notification.requestPermission();
        if (permission === "granted") {
          localStorage.setItem(ON, "on");
          // What is due now is on Today already; only what falls due from here is told.
          localStorage.removeItem(SEEN);
          check();
        }
      }
      render();
    });
    render();
  }

  showSwitch();
  check();
})();
