// napkit: search that forgives spelling and still shows the plan's own words.
// The index keeps the original text; on its way to the theme's search worker each
// page also gets the folded forms of its words that differ (hidden fields, never
// shown), and each query is folded. The search box keeps what the reader typed.
// The matching words are marked in the results and, after following a result, on
// the page. The folding table is written from napkit/site/search_folding.py.
(function () {
  var drop = new RegExp("[" + __DROP__ + "]", "g");
  var table = __FOLD__;
  // Material's worker messages (src/.../integrations/search/worker/message).
  var SETUP = 0, QUERY = 2;
  var FOLDED = "folded_"; // prefix of the hidden fields
  var WORD = /[\p{L}\p{M}\p{N}_\u200c\u200d]+/gu;

  // The table's letters as one character class: words without them (most) are left
  // as they are at once, which matters on a large index.
  var letters = new RegExp("[" + Object.keys(table).join("").replace(/[\\\]^-]/g, "\\$&") + "]", "g");
  function swap(ch) { return table[ch]; }
  function fold(value) {
    return value.replace(drop, "").replace(letters, swap);
  }
  // The words of a query, without lunr's operators (+word -word word* word~1 word^2).
  function terms(query) {
    return fold(query).toLowerCase().split(/\s+/).map(function (term) {
      return term.replace(/^[+\-]+/, "").replace(/^\*+|\*+$/g, "").replace(/[~^]\d*$/, "");
    }).filter(Boolean);
  }

  // Each document's words whose folded form differs, folded: so a query folded the
  // same way finds them, while title and text stay as written.
  function addFolded(index) {
    var config = index.config, separator;
    try { separator = new RegExp(config.separator, "g"); } catch (e) { separator = /\s+/g; }
    var fields = Object.keys(config.fields || {}).filter(function (name) {
      return name === "title" || name === "text";
    });
    fields.forEach(function (name) { config.fields[FOLDED + name] = config.fields[name]; });
    index.docs.forEach(function (doc) {
      fields.forEach(function (name) {
        if (typeof doc[name] !== "string") return;
        var seen = {}, out = [];
        // Text is HTML: fold the words, never the markup.
        doc[name].replace(/<[^>]*>/g, " ").split(separator).forEach(function (word) {
          var folded = fold(word);
          if (folded !== word && !seen[folded]) { seen[folded] = true; out.push(folded); }
        });
        if (out.length) doc[FOLDED + name] = out.join(" ");
      });
    });
  }

  var indexed = false; // the folded fields reached the worker
  var asked = []; // the folded terms of the last query
  var typed = {}; // folded term -> as the reader typed it
  var words = ""; // the last query's words as typed
  function intercept(message) {
    if (!message || typeof message !== "object") return message;
    if (message.type === SETUP && message.data && message.data.docs && message.data.config) {
      addFolded(message.data);
      indexed = true;
    } else if (indexed && message.type === QUERY && typeof message.data === "string") {
      // Only with the folded fields: a folded query alone would miss the words it folds.
      asked = terms(message.data);
      words = message.data.replace(/[+\-*~^"]+/g, " ").trim();
      typed = {};
      message.data.split(/\s+/).forEach(function (word) {
        typed[fold(word).toLowerCase()] = word;
      });
      return { type: QUERY, data: fold(message.data) };
    }
    return message;
  }
  // The theme posts to a Worker, or to the iframe shim that stands in for one from file://.
  [window.Worker, window.IFrameWorker].forEach(function (Kind) {
    if (!Kind || !Kind.prototype || Kind.prototype.napkitFolds) return;
    var post = Kind.prototype.postMessage;
    Kind.prototype.postMessage = function (message) {
      var args = Array.prototype.slice.call(arguments);
      args[0] = intercept(message);
      return post.apply(this, args);
    };
    Kind.prototype.napkitFolds = true;
  });

  // Wraps in <mark> the words under `root` that `wanted` accepts, outside existing marks.
  function mark(root, wanted) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement && node.parentElement.closest("mark, script, style, textarea, del")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    for (var n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    nodes.forEach(function (node) {
      var text = node.nodeValue, last = 0, parts = [], m;
      WORD.lastIndex = 0;
      while ((m = WORD.exec(text))) {
        if (!wanted(m[0])) continue;
        parts.push(document.createTextNode(text.slice(last, m.index)));
        var el = document.createElement("mark");
        el.setAttribute("data-md-highlight", "");
        el.textContent = m[0];
        parts.push(el);
        last = m.index + m[0].length;
      }
      if (!parts.length) return;
      parts.push(document.createTextNode(text.slice(last)));
      var fragment = document.createDocumentFragment();
      parts.forEach(function (p) { fragment.appendChild(p); });
      node.parentNode.replaceChild(fragment, node);
    });
  }
  function matches(list) {
    return function (word) {
      var folded = fold(word).toLowerCase();
      return list.some(function (term) { return folded.indexOf(term) === 0; });
    };
  }

  // The results: mark the plan's own words that a folded query found; say the
  // missing words as typed.
  function results(list) {
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        Array.prototype.forEach.call(change.addedNodes, function (item) {
          if (item.nodeType !== 1) return;
          // A page found through its sections links without the words to mark (`h`
          // empty): give it the reader's words, so the page marks them too.
          item.querySelectorAll("a[href*='h=']").forEach(function (link) {
            var url = new URL(link.href);
            if (url.searchParams.get("h") === "" && words) {
              url.searchParams.set("h", words);
              link.href = url.href;
            }
          });
          item.querySelectorAll(".md-search-result__terms del").forEach(function (del) {
            var word = typed[del.textContent.toLowerCase()];
            if (word) del.textContent = word;
          });
          mark(item, matches(asked));
        });
      });
    }).observe(list, { childList: true });
  }

  // The page a result led to: the theme marks the query's words as spelled in the
  // link (`h`, folded); the same words spelled otherwise are marked here.
  function page() {
    var h = new URLSearchParams(location.search).get("h");
    // The page's content, as the theme marks it (not the search results' articles).
    var content = document.querySelector("[data-md-component=content], .md-content");
    if (!h || !content) return;
    var wanted = terms(h);
    var raw = h.toLowerCase().split(/\s+/).filter(Boolean);
    var accept = matches(wanted);
    mark(content, function (word) {
      var lower = word.toLowerCase();
      // Words spelled as in the link are the theme's to mark: not twice.
      return accept(word) && !raw.some(function (term) { return lower.indexOf(term) !== -1; });
    });
  }

  function ready() {
    var box = document.querySelector("input[data-md-component=search-query]");
    // Right to left as soon as the reader types Arabic or Kurdish.
    if (box) box.setAttribute("dir", "auto");
    var list = document.querySelector("[data-md-component=search-result] .md-search-result__list");
    if (list && !list.napkitMarks) { list.napkitMarks = true; results(list); }
    page();
  }
  window.napkitSearch = { fold: fold };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(ready); // also after the theme's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
