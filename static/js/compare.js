// Progressive enhancement: toggle "only differences" in place, keeping the URL shareable.
// Without JavaScript the same switch is a GET form (?diff=1) rendered by the server.
(function () {
  const form = document.getElementById("diff-form");
  const table = document.getElementById("compare-table");
  if (!form || !table || form.dataset.filtered === "1") return; // server already filtered
  const button = form.querySelector("button");
  const rows = table.querySelectorAll("tr.feature-row.same");
  let hidden = false;
  button.setAttribute("aria-pressed", "false");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    hidden = !hidden;
    rows.forEach(function (row) { row.hidden = hidden; });
    table.querySelectorAll("tbody.feature-section").forEach(function (body) {
      body.hidden = hidden && !body.querySelector("tr.feature-row.differs");
    });
    // One pattern: a toggle button whose label stays the same and whose state is aria-pressed.
    button.setAttribute("aria-pressed", String(hidden));
    const url = new URL(window.location.href);
    if (hidden) { url.searchParams.set("diff", "1"); } else { url.searchParams.delete("diff"); }
    window.history.replaceState(null, "", url);
  });
})();
