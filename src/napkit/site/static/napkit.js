// napkit: tables inside .napkit-sortable sort by their column headings (buttons, so
// Enter and Space work, with aria-sort); the theme's search dialog gets an accessible
// name; a table that scrolls sideways says so and can be reached by keyboard.
(function () {
  // The words this script shows, by language: napkit.site.assets writes them in from
  // the catalogues; the page's <html lang> picks them ("" holds the English).
  var WORDS = {};
  function word(key) {
    var lang = (document.documentElement.lang || "").toLowerCase();
    var mine = WORDS[lang] || WORDS[lang.split("-")[0]] || WORDS[ALIASES[lang]] || {};
    return mine[key] || (WORDS[""] || {})[key] || "";
  }
  // Material names Sorani ku-IQ; the catalogue is ckb.
  var ALIASES = { "ku-iq": "ckb", "ku": "ckb" };
  // A figure in any digits napkit writes: 0-9 or Arabic-Indic, with the separators
  // of either (CLDR's: "," and "." or "٬" and "٫").
  var INDIC = /[\u0660-\u0669]/g;
  var PERSIAN = /[\u06f0-\u06f9]/g;
  function latin(text) {
    return text
      .replace(INDIC, function (d) { return String(d.charCodeAt(0) - 0x0660); })
      .replace(PERSIAN, function (d) { return String(d.charCodeAt(0) - 0x06f0); })
      .replace(/[\u066c\u060c]/g, ",")
      .replace(/\u066b/g, ".")
      .replace(/[\u200e\u200f\u061c]/g, "");
  }
  function key(cell) {
    var text = latin(cell.textContent.trim());
    var number = text.match(/^-?[\d,]+(\.\d+)?/);
    return number ? parseFloat(number[0].replace(/,/g, "")) : text.toLowerCase();
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
  function sortable() {
    document.querySelectorAll(".napkit-sortable table").forEach(function (table) {
      if (!table.tHead || table.dataset.sortable) return;
      table.dataset.sortable = "yes";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "napkit-sort";
        while (th.firstChild) button.appendChild(th.firstChild);
        button.title = word("sort");
        th.appendChild(button);
        th.setAttribute("aria-sort", "none");
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          sort(table, column, ascending);
          table.tHead.querySelectorAll("th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        });
      });
    });
  }
  function label() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.getAttribute("aria-label")) dialog.setAttribute("aria-label", word("search"));
  }
  // The theme wraps tables in a scrolling box after the page loads. Where the box
  // scrolls, a cue says so and the box takes the keyboard's focus to scroll it.
  function scrolling() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      var cue = box.previousElementSibling;
      var hasCue = cue && cue.classList.contains("napkit-scroll-cue");
      box.classList.toggle("napkit-scrolls", scrolls);
      if (scrolls) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", word("region"));
        if (!hasCue) {
          cue = document.createElement("p");
          cue.className = "napkit-scroll-cue";
          cue.setAttribute("aria-hidden", "true");
          cue.textContent = word("cue");
          box.parentNode.insertBefore(cue, box);
        }
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        if (hasCue) cue.remove();
      }
    });
  }
  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; scrolling(); sortable(); });
  }
  function ready() {
    sortable(); label(); scrolling();
    new MutationObserver(later).observe(document.body, { childList: true, subtree: true });
    window.addEventListener("resize", later);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
