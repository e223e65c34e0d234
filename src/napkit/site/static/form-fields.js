// The form editor's fields for a right-to-left language, written right to left.
// Sveltia CMS has no direction for a single field, and napkit gives each language
// its own field, labelled with the language's name ("Title (العربية)"): each input
// or text area whose label ends with the name of a right-to-left language of
// plans/nap.yaml (listed in this script's data-rtl) gets dir="rtl", as fields are drawn:
// Sveltia's own dir="auto" leaves an empty field, and its caret, left to right.
(() => {
  const endings = JSON.parse(document.currentScript.dataset.rtl || "[]");
  const labelOf = (el) => {
    const ids = (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    const named = ids.map((id) => document.getElementById(id)?.textContent || "").join(" ");
    return (el.labels?.[0]?.textContent || named || el.getAttribute("aria-label") || "")
      .replace(/[\u2066-\u2069]/g, "")
      .trim();
  };
  const mark = () => {
    for (const el of document.querySelectorAll("input, textarea")) {
      if (el.dir === "rtl") continue;
      const label = labelOf(el);
      if (endings.some((end) => label.endsWith(end))) el.dir = "rtl";
    }
  };
  // once a frame, however many changes the form makes while it draws
  let planned = false;
  const plan = () => {
    if (planned) return;
    planned = true;
    requestAnimationFrame(() => {
      planned = false;
      mark();
    });
  };
  new MutationObserver(plan).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["dir"],
  });
})();
