// The Compose page without reloading: re-check the draft as it is typed and mark what the
// checker finds. Without this script the page works the same through its buttons.
(function () {
  "use strict";
  const editor = document.getElementById("editor");
  if (!editor) return;
  const body = document.getElementById("body");
  const subject = document.getElementById("subject");
  const preview = document.getElementById("preview");
  const list = document.getElementById("finding-list");
  const counts = document.getElementById("counts");
  const csrf = editor.querySelector("input[name=csrf]").value;
  const copy = document.getElementById("copy");
  let timer = null;
  let asked = 0;

  function text(node, value) {
    node.textContent = value;
    return node;
  }

  function show(result) {
    preview.replaceChildren();
    for (const piece of result.pieces) {
      if (piece.severity) {
        const mark = text(document.createElement("mark"), piece.text);
        mark.className = piece.severity;
        mark.title = piece.message;
        preview.appendChild(mark);
      } else {
        preview.appendChild(document.createTextNode(piece.text));
      }
    }
    list.replaceChildren();
    for (const f of result.findings) {
      const item = document.createElement("li");
      item.className = "finding " + f.severity;
      const line = document.createElement("p");
      line.appendChild(text(document.createElement("strong"), f.severity));
      line.appendChild(document.createTextNode(" "));
      line.appendChild(text(document.createElement("code"), f.rule));
      line.appendChild(document.createTextNode(" (line " + f.line + "): " + f.message +
        (f.excerpt ? " — “" + f.excerpt + "”" : "")));
      item.appendChild(line);
      list.appendChild(item);
    }
    if (result.findings.length === 0) {
      list.appendChild(text(document.createElement("li"), "Nothing to fix."));
    }
    counts.textContent = result.errors + " errors, " + result.warnings + " warnings";
  }

  function check() {
    const ticket = ++asked;
    const form = new URLSearchParams();
    form.set("csrf", csrf);
    form.set("body", body.value);
    if (subject) form.set("subject", subject.value);
    fetch(editor.dataset.check, { method: "POST", body: form, credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((result) => {
        if (result && ticket === asked) show(result);
      })
      .catch(() => {});
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  }

  body.addEventListener("input", soon);
  if (subject) subject.addEventListener("input", soon);
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", () => {
      const all = (subject ? "Subject: " + subject.value + "\n\n" : "") + body.value;
      navigator.clipboard.writeText(all).then(() => { copy.textContent = "Copied"; });
    });
  }
})();
