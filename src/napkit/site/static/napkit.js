// napkit: tables inside .napkit-sortable sort by a click on a column heading; the
// theme's search dialog gets an accessible name; scrolling tables can be reached by keyboard.
(function () {
  function key(cell) {
    var text = cell.textContent.trim();
    var number = text.replace(/,/g, "");
    return /^-?\d+(\.\d+)?$/.test(number) ? parseFloat(number) : text.toLowerCase();
  }
  function sort(table, column, ascending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[column]), y = key(b.cells[column]);
      if (x === y) return 0;
      return (x < y ? -1 : 1) * (ascending ? 1 : -1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function setup() {
    document.querySelectorAll(".napkit-sortable table").forEach(function (table) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
        var ascending = false;
        th.setAttribute("aria-sort", "none");
        th.style.cursor = "pointer";
        th.tabIndex = 0;
        function activate() {
          ascending = !ascending;
          sort(table, column, ascending);
          table.querySelectorAll("th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        }
        th.addEventListener("click", activate);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter") activate(); });
      });
    });
  }
  function label() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.getAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }
  // The theme wraps wide tables in a scrolling box after the page loads: a keyboard
  // user must be able to reach it to scroll it.
  function focusable() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
      box.tabIndex = 0;
    });
  }
  function ready() {
    setup(); label(); focusable();
    new MutationObserver(focusable).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
