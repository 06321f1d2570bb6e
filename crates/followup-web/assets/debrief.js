// The debrief fields without reloading: under each, the sentence the detail being typed will
// become in a draft. Without this script the form saves the same; only the preview is missing.
(function () {
  "use strict";
  const fields = document.querySelectorAll("textarea[data-preview]");
  for (const area of fields) {
    const out = document.getElementById(area.dataset.preview);
    if (!out) continue;
    const form = area.form;
    let timer = null;
    let asked = 0;

    // The line the caret is on, or the last one written when that line is empty.
    function detail() {
      const lines = area.value.split("\n");
      const at = area.value.slice(0, area.selectionStart).split("\n").length - 1;
      const here = (lines[at] || "").trim();
      if (here) return here;
      const written = lines.map((l) => l.trim()).filter((l) => l);
      return written.length ? written[written.length - 1] : "";
    }

    // All of this person's notes, so the server can tell whether "she" or "he" is them.
    function notes() {
      const all = [];
      for (const other of form.querySelectorAll("textarea[data-preview]")) all.push(other.value);
      return all.join("\n");
    }

    function ask() {
      const ticket = ++asked;
      const text = detail();
      if (!text) {
        out.textContent = "";
        return;
      }
      const query = new URLSearchParams({ field: area.dataset.field, text: text, notes: notes() });
      fetch("/preview-detail?" + query.toString(), { credentials: "same-origin" })
        .then((r) => (r.ok ? r.text() : ""))
        .then((sentence) => {
          if (ticket === asked) out.textContent = sentence ? "→ " + sentence : "";
        })
        .catch(() => {});
    }

    function soon() {
      clearTimeout(timer);
      timer = setTimeout(ask, 300);
    }

    area.addEventListener("input", soon);
    area.addEventListener("focus", soon);
  }
})();
