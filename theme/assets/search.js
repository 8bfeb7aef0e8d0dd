/* The search page: Pagefind's chunked index, typed the way Vietnamese is typed.
 *
 * - The index holds folded text ("thi đua" as "thi dua"; builder/search/text.py says
 *   why), so the query is folded the same way: NFD input, "Hoà"/"Hòa", "thi dua" and
 *   "thi đua" all meet. fold() and exactTokens() here mirror that module.
 * - What is shown comes from each result's metadata: the title, and the original
 *   words of the indexed text, from which excerpt() cuts the passage around the
 *   matches (Pagefind's own excerpt would be folded text).
 * - Ranking: Pagefind scores words one by one. Vietnamese words are syllables, so a
 *   name or term is several of them ("Hòa Phong", "người tốt việc tốt"); and a query
 *   typed with diacritics means those diacritics ("bán", not "bạn"). Results are
 *   therefore put in tiers, each kept in Pagefind's order: the accented words found
 *   as written (the index's exact tokens) first, then the query's syllables next to
 *   each other, in order; then the others. The extra searches are skipped when a
 *   query has more than RERANK_LIMIT results (see there).
 * - Filters are checkboxes with counts; several values of one filter mean "any of".
 * - The address keeps the query and filters (?q=...&f.type=...), so a search can be
 *   shared, bookmarked and reloaded.
 * - Opened from disk (file://), browsers refuse to load the index: the page says so.
 */
(function () {
  "use strict";
  var form = document.querySelector("[data-portal-search]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var statusEl = document.querySelector("[data-portal-search-status]");
  var list = document.querySelector("[data-portal-search-results]");
  var more = document.querySelector("[data-portal-search-more]");
  var facetsEl = document.querySelector("[data-portal-search-facets]");
  var clearBtn = document.querySelector("[data-portal-search-clear]");
  var activeEl = document.querySelector("[data-portal-search-active]");
  var none = document.querySelector("[data-portal-search-none]");
  var wide = window.matchMedia("(min-width: 60em)");
  var PAGE = 10;
  var FACET_SHOWN = 8;
  var EXCERPT = 26;
  var rootUrl = new URL(form.dataset.root, location.href);
  var statusLabels = {};
  try { statusLabels = JSON.parse(document.getElementById("portal-statuses").textContent); } catch (e) { /* no badges */ }

  // As builder/search/text.py: fold() here is its unmarked(), one character per character; exact tokens put
  // tones after the word (so both tone placements give one token), shapes after the letter.
  var TONES = { "\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5" };
  var SHAPES = { "\u0302": "6", "\u031b": "7", "\u0306": "8" };
  function fold(text) {
    return text.normalize("NFC").normalize("NFD").replace(/\p{Mn}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  }
  function exactTokens(text) {
    var seen = [];
    (text.normalize("NFC").match(/[\p{L}\p{N}]+/gu) || []).forEach(function (segment) {
      if (fold(segment) === segment) return;
      var out = "", tones = "";
      Array.from(segment.toLowerCase().normalize("NFD")).forEach(function (ch) {
        if (TONES[ch]) tones += TONES[ch];
        else if (SHAPES[ch]) out += SHAPES[ch];
        else if (ch === "đ") out += "d9";
        else if (/[\p{L}\p{N}]/u.test(ch)) out += ch;
      });
      var token = "qq" + out + tones + "q";
      if (seen.indexOf(token) < 0) seen.push(token);
    });
    return seen;
  }
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }
  // A word as the index holds it, to compare with the query's: folded, lower case, no punctuation around it.
  function bare(word) {
    return fold(word).toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }
  // The passage of EXCERPT words around the most matches, as written, matches in <mark>.
  // `meta.text` is word for word the indexed text's positional part; the title leads it,
  // so matches after the title are preferred. Pagefind reports the places of the words its
  // query took as prefixes too ("Sơn" for "so"): only whole words of the query (`wanted.words`)
  // are marked. For a query typed with diacritics (`wanted.exact`: its exact tokens), only
  // words written that way count: "bán" does not mark "bản"; its unaccented words
  // (`wanted.plain`) mark themselves.
  function excerpt(meta, locations, wanted) {
    var text = meta.text || "";
    var words = text ? text.split(" ") : [];
    var skip = String(meta.title || "").split(/\s+/).length;
    var hits = (locations || []).filter(function (l) { return l < words.length; }).sort(function (a, b) { return a - b; });
    var later = hits.filter(function (l) { return l >= skip && wanted.words.indexOf(bare(words[l])) >= 0; });
    if (wanted.exact.length) {
      // An accented query marks its accented words only as written ("bán", not "ban"), and its
      // unaccented words ("phong", "thi" in "phong trào thi đua") where they stand unaccented.
      later = later.filter(function (l) {
        var tokens = exactTokens(words[l]);
        if (!tokens.length) return wanted.plain.indexOf(bare(words[l])) >= 0;
        return tokens.some(function (t) { return wanted.exact.indexOf(t) >= 0; });
      });
    }
    if (!later.length) return escapeHtml(meta.summary || words.slice(skip, skip + EXCERPT).join(" "));
    var best = 0, bestCount = -1;
    later.forEach(function (hit, i) {
      var start = Math.max(skip, hit - 4), count = 0;
      for (var j = i; j < later.length && later[j] < start + EXCERPT; j++) count++;
      if (count > bestCount) { best = start; bestCount = count; }
    });
    var marked = new Set(later);
    var out = words.slice(best, best + EXCERPT).map(function (word, k) {
      return marked.has(best + k) ? "<mark>" + escapeHtml(word) + "</mark>" : escapeHtml(word);
    });
    return (best > skip ? "… " : "") + out.join(" ") + (best + EXCERPT < words.length ? " …" : "");
  }
  function resultUrl(url) {
    return new URL(String(url).replace(/^\//, ""), rootUrl).href;
  }

  var params = new URLSearchParams(location.search);
  var state = { filters: {} };
  params.forEach(function (value, key) {
    if (key.indexOf("f.") === 0 && value) (state.filters[key.slice(2)] = state.filters[key.slice(2)] || []).push(value);
  });
  input.value = params.get("q") || "";
  var headerBox = document.getElementById("portal-header-q");
  if (headerBox) headerBox.value = input.value;

  if (location.protocol === "file:") {
    document.querySelector("[data-portal-search-offline]").hidden = false;
    statusEl.textContent = "Không tìm kiếm được khi mở trang trực tiếp từ ổ đĩa.";
    return;
  }

  // Two copies of Pagefind. Once a copy has loaded the filters (every value's chunk, for the facet
  // counts), each of its searches also counts every value over every result: on a national portal
  // (10,000 pages) a search of common words went from 0.2 s to 0.8–2.3 s. The copy that finds
  // results (`pagefind`: the query and its whole-word, phrase and accent checks) loads the filters
  // only when a reader filters; the one that counts (`counting()`) is opened after the first results.
  var pagefind = null;
  var counter = null;
  var seq = 0;
  var current = null;
  var shown = 0;

  function hasFilters() {
    return Object.keys(state.filters).some(function (k) { return state.filters[k].length; });
  }
  // The index holds each campaign's status on the build day. The campaigns whose status can change
  // after it carry the filter "live" (their address) and come in campaigns/live.js (builder/plan/live.py),
  // which portal.js fetches on a day after the build's (before the first search runs, below):
  // moves() lists those whose status differs on the reader's day, as [address, label then, label now].
  var live = null;
  function liveOnReadersDay() {
    var source = document.getElementById("portal-statuses");
    var rules = window.portalStatus;
    if (!source || !rules || !rules.live || rules.today() === source.dataset.built) return Promise.resolve(null);
    return rules.live();
  }
  function moves() {
    var source = document.getElementById("portal-statuses");
    var built = source ? source.dataset.built : "";
    var rules = window.portalStatus;
    if (!live || !rules || !built || live.built !== built || rules.today() === built) return [];
    var today = rules.today();
    return live.campaigns.map(function (c) {
      var was = rules.statusKey(c[0], c[1], "", built), now = rules.statusKey(c[0], c[1], "", today);
      return was === now || !statusLabels[was] || !statusLabels[now] ? null :
        [c[2], statusLabels[was][0], statusLabels[now][0]];
    }).filter(Boolean);
  }
  function pagefindFilters() {
    var out = {};
    Object.keys(state.filters).forEach(function (k) { if (state.filters[k].length) out[k] = { any: state.filters[k] }; });
    var chosen = state.filters.status || [];
    var moved = chosen.length ? moves() : [];
    var left = moved.filter(function (m) { return chosen.indexOf(m[1]) >= 0 && chosen.indexOf(m[2]) < 0; });
    var came = moved.filter(function (m) { return chosen.indexOf(m[2]) >= 0 && chosen.indexOf(m[1]) < 0; });
    if (left.length || came.length) {
      // Chosen statuses as built, minus the campaigns that left them, plus those that came in.
      var asBuilt = { status: out.status };
      if (left.length) asBuilt.live = { none: left.map(function (m) { return m[0]; }) };
      delete out.status;
      out.any = came.length ? [asBuilt, { live: { any: came.map(function (m) { return m[0]; }) } }] : [asBuilt];
    }
    return out;
  }
  // Status counts for the reader's day: each moved campaign among the results counts under its status now.
  function todaysCounts(counts) {
    var moved = moves();
    if (!moved.length || !counts.status) return counts;
    var found = counts.live || {};
    var status = {};
    Object.keys(counts.status).forEach(function (k) { status[k] = counts.status[k]; });
    moved.forEach(function (m) {
      if (!(found[m[0]] > 0)) return;
      status[m[1]] = (status[m[1]] || 0) - 1;
      status[m[2]] = (status[m[2]] || 0) + 1;
    });
    var out = {};
    Object.keys(counts).forEach(function (k) { out[k] = counts[k]; });
    out.status = status;
    return out;
  }
  function updateAddress() {
    var p = new URLSearchParams();
    if (input.value.trim()) p.set("q", input.value.trim());
    Object.keys(state.filters).sort().forEach(function (k) {
      state.filters[k].forEach(function (v) { p.append("f." + k, v); });
    });
    var query = p.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  // What the status line says; with no results, why, and the ways on (the browse links below it).
  function announce(search, query) {
    var count = search.results.length;
    var what = query ? " cho “" + query + "”" : " theo bộ lọc đã chọn";
    none.hidden = count > 0;
    if (count) {
      statusEl.textContent = "Có " + count + " kết quả" + what + ".";
      return;
    }
    var missing = search.missing || [];
    var numbers = documentNumbers(query).filter(function (n) {
      return missing.indexOf(bare(n)) >= 0;
    });
    var why;
    if (numbers.length) {
      why = "Không có văn bản số " + numbers.join(", ") + " trên cổng này" + (hasFilters() ? " (trong bộ lọc đã chọn)" : "") +
        ". Hãy kiểm tra lại số và ký hiệu như trên văn bản.";
    } else if (missing.length) {
      why = "Không có kết quả nào" + what + ": không trang nào" + (hasFilters() ? " trong bộ lọc đã chọn" : "") +
        " có từ " + missing.map(function (w) { return "“" + w + "”"; }).join(", ") + ". Hãy kiểm tra chính tả.";
    } else {
      why = "Không có kết quả nào" + what + (queryWords(query).length > 1 ? ": không trang nào có đủ các từ này cùng lúc. Hãy bớt từ" : ". Hãy thử từ khác") +
        (hasFilters() ? " hoặc bỏ bớt bộ lọc." : ".");
    }
    statusEl.textContent = why;
  }

  function badge(meta) {
    if (meta.kind !== "campaign" || !statusLabels[meta.status]) return "";
    var label = statusLabels[meta.status];
    return '<span class="portal-status portal-status--' + escapeHtml(meta.status) + '" data-portal-status' +
      ' data-start="' + escapeHtml(meta.start || "") + '" data-end="' + escapeHtml(meta.end || "") + '"' +
      ' data-override="' + escapeHtml(meta.override || "") + '"><span class="portal-status__symbol" aria-hidden="true">' +
      escapeHtml(label[1]) + '</span> <span class="portal-status__label">' + escapeHtml(label[0]) + "</span></span>";
  }

  function renderHit(data, wanted) {
    var meta = data.meta || {};
    var li = document.createElement("li");
    li.className = "portal-hit portal-hit--" + escapeHtml(meta.kind || "page");
    var names = {};
    try { names = JSON.parse(meta.sections || "{}"); } catch (e) { /* no section links */ }
    var sections = (data.sub_results || []).filter(function (s) {
      return s.url !== data.url && names[s.url.split("#")[1]];
    }).slice(0, 2);
    var image = meta.image ? '<img class="portal-hit__photo" src="' + escapeHtml(resultUrl("/" + meta.image)) +
      '" alt="' + escapeHtml(meta.image_alt || "") + '" width="64" height="64" loading="lazy">' : "";
    li.innerHTML =
      '<article class="portal-hit__body">' + image +
      '<div><p class="portal-hit__top"><span class="portal-hit__type">' + escapeHtml(meta.type || "Trang") + "</span> " +
      badge(meta) + "</p>" +
      '<h2 class="portal-hit__title"><a href="' + escapeHtml(resultUrl(meta.href || data.url)) + '">' +
      escapeHtml(meta.title || data.url) + "</a></h2>" +
      ((meta.place || meta.date) ? '<p class="portal-hit__meta">' +
        escapeHtml([meta.place, meta.date].filter(Boolean).join(" · ")) + "</p>" : "") +
      '<p class="portal-hit__excerpt">' + excerpt(meta, data.locations, wanted) + "</p>" +
      (sections.length ? '<p class="portal-hit__sections">Trong mục: ' + sections.map(function (s) {
        return '<a href="' + escapeHtml(resultUrl(s.url)) + '">' + escapeHtml(names[s.url.split("#")[1]]) + "</a>";
      }).join(", ") + "</p>" : "") +
      "</div></article>";
    return li;
  }

  function showMore(mine, moveFocus) {
    var batch = current.results.slice(shown, shown + PAGE);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
      if (mine !== seq) return;
      var first = null;
      items.forEach(function (data) {
        var li = renderHit(data, current.wanted);
        first = first || li;
        list.appendChild(li);
      });
      shown += batch.length;
      more.hidden = shown >= current.results.length;
      more.textContent = "Xem thêm kết quả (còn " + (current.results.length - shown) + ")";
      if (window.portalStatus) window.portalStatus.recheck();
      if (moveFocus && first) first.querySelector("a").focus();
    });
  }

  var ORDER = { status: ["Đang diễn ra", "Sắp diễn ra", "Tạm hoãn", "Đã kết thúc", "Đã hủy"] };
  function sortValues(key, values, counts) {
    return values.sort(function (a, b) {
      if (key === "year") return Number(b) - Number(a);
      if (ORDER[key]) return ORDER[key].indexOf(a) - ORDER[key].indexOf(b);
      return (counts[b] || 0) - (counts[a] || 0) || a.localeCompare(b, "vi");
    });
  }

  function renderFacets(buildCounts, approximate) {
    var counts = todaysCounts(buildCounts);
    var any = false;
    // The counts are redrawn when every filter has loaded, maybe while a reader tabs through them.
    var focused = facetsEl.contains(document.activeElement) && document.activeElement.matches("input") ?
      [document.activeElement.dataset.key, document.activeElement.dataset.value] : null;
    facetsEl.querySelectorAll("[data-facet]").forEach(function (box) {
      var key = box.dataset.facet;
      var values = counts[key] || {};
      var chosen = state.filters[key] || [];
      var names = sortValues(key, Object.keys(values).filter(function (v) {
        return values[v] > 0 || chosen.indexOf(v) >= 0;
      }), values);
      box.hidden = !names.length;
      if (!names.length) return;
      any = true;
      var ul = box.querySelector("ul");
      var expanded = box.dataset.expanded === "1";
      ul.innerHTML = "";
      names.forEach(function (name, i) {
        if (!expanded && i >= FACET_SHOWN && chosen.indexOf(name) < 0) return;
        var li = document.createElement("li");
        var id = "f-" + key + "-" + i;
        li.innerHTML = '<input type="checkbox" id="' + id + '" data-key="' + escapeHtml(key) + '" data-value="' +
          escapeHtml(name) + '"' + (chosen.indexOf(name) >= 0 ? " checked" : "") + ">" +
          '<label for="' + id + '">' + escapeHtml(name) + ' <span class="portal-facet__count"' +
          (approximate ? ' title="khoảng"' : "") + ">" + (approximate ? "~" : "") + (values[name] || 0) + "</span></label>";
        li.querySelector("input").addEventListener("change", function (event) {
          var values = state.filters[key] = (state.filters[key] || []).filter(function (v) { return v !== name; });
          if (event.target.checked) values.push(name);
          run();
        });
        ul.appendChild(li);
      });
      if (names.length > FACET_SHOWN && !expanded) {
        var li = document.createElement("li");
        li.innerHTML = '<button type="button" class="portal-facet__all">Hiện tất cả (' + names.length + ")</button>";
        li.querySelector("button").addEventListener("click", function () {
          box.dataset.expanded = "1";
          renderFacets(buildCounts, approximate);
          box.querySelectorAll("input")[FACET_SHOWN].focus();
        });
        ul.appendChild(li);
      }
      // Closed groups keep the results a few Tab presses away; "Loại" stays open on a wide screen.
      if (!box.dataset.touched) box.open = chosen.length > 0 || (wide.matches && key === "type");
    });
    facetsEl.hidden = !any;
    if (focused) {
      var again = Array.prototype.find.call(facetsEl.querySelectorAll("input"), function (box) {
        return box.dataset.key === focused[0] && box.dataset.value === focused[1];
      });
      if (again) again.focus();
    }
    clearBtn.hidden = !hasFilters();
    var active = Object.keys(state.filters).reduce(function (n, k) { return n + state.filters[k].length; }, 0);
    activeEl.textContent = active ? "(" + active + " đang chọn)" : "";
    // Side by side on a wide screen; on a phone the filters stay folded above the results, chosen
    // ones included (the button says how many are on): the results come first.
    if (!facetsEl.dataset.touched) facetsEl.open = wide.matches;
  }

  // The words a result must hold, as the index holds them: folded, lower case, without the
  // punctuation around them (Pagefind drops the punctuation inside: "45/KH-UBND" is one word).
  function queryWords(query) {
    var words = [];
    query.split(/\s+/).map(bare).forEach(function (w) { if (w && words.indexOf(w) < 0) words.push(w); });
    return words;
  }
  // A document's number as typed: digits, then "/" or "-" and a letter code ("45/KH-UBND",
  // "5757-CV/VPTW", "152/2025/NĐ-CP"); a date ("03/11/1946") has no letter and is not one.
  var NUMBER = /^\d+(?:[\/-][\p{L}\p{N}.]*)+$/u;
  function documentNumbers(query) {
    return query.split(/\s+/).map(function (w) { return w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""); })
      .filter(function (w) { return NUMBER.test(w) && /\p{L}/u.test(w); });
  }

  // The results holding each word whole, not as the start of a longer word: Pagefind's own search
  // takes "so" for the start of "Sơn", and drops a word it finds nowhere ("zzzz qqq" would find
  // what "qqq" finds). A quoted word is Pagefind's exact mode. Resolves to one Set of ids per word.
  // A word starting like the index's exact tokens is one nobody types (text.py: EXACT_PREFIX).
  function wholeWords(words, filters) {
    var chain = Promise.resolve([]);
    words.forEach(function (word) {
      chain = chain.then(function (sets) {
        if (word.indexOf("qq") === 0) return sets.concat([new Set()]);
        return pagefind.search('"' + word + '"', { filters: filters }).then(function (s) {
          return sets.concat([new Set((s ? s.results : []).map(function (r) { return r.id; }))]);
        });
      });
    });
    return chain;
  }

  // id → how often the terms' matches sit side by side, in order, for the first PHRASE_LIMIT results
  // (the rest keep Pagefind's order). Positions come from Pagefind's own search of each term: its
  // exact mode reports one position per page, not each.
  var PHRASE_LIMIT = 300;
  var RERANK_LIMIT = 2000;
  function phraseIds(terms, results, filters) {
    var wanted = new Set(results.slice(0, PHRASE_LIMIT).map(function (r) { return r.id; }));
    var chain = Promise.resolve([]);
    terms.forEach(function (term) {
      chain = chain.then(function (acc) {
        return pagefind.search(term, { filters: filters }).then(function (s) {
          var map = new Map();
          (s ? s.results : []).forEach(function (r) { if (wanted.has(r.id)) map.set(r.id, new Set(r.words)); });
          acc.push(map);
          return acc;
        });
      });
    });
    return chain.then(function (maps) {
      var counts = new Map();
      results.slice(0, PHRASE_LIMIT).forEach(function (r) {
        var first = maps[0].get(r.id);
        if (!first) return;
        var n = 0;
        first.forEach(function (p) {
          var k = 1;
          while (k < maps.length && maps[k].has(r.id) && maps[k].get(r.id).has(p + k)) k++;
          if (k === maps.length) n++;
        });
        if (n) counts.set(r.id, n);
      });
      return counts;
    });
  }

  // The filter counts of the results shown. Pagefind counts the results of one search: its own
  // (prefix) search when whole words kept all of them; the quoted word's when the query is one word.
  // Several words that kept fewer: the kept results' own filters, from their fragments while they
  // are few (COUNT_FRAGMENTS: at most about 100 KB); past that, Pagefind's counts of its wider
  // search, shown as approximate. (Counting each value again with a search by that filter took
  // tens of seconds on a national portal: thousands of communes.)
  var COUNT_FRAGMENTS = 80;
  function facetCounts(search, query) {
    var words = queryWords(query);
    if (!search.kept || words.length === 1) {
      var q = !query ? null : search.kept ? '"' + words[0] + '"' : fold(query);
      return counting().then(function (pf) { return pf.search(q, { filters: pagefindFilters() }); })
        .then(function (s) { return { counts: (s && s.filters) || {} }; });
    }
    if (search.results.length > COUNT_FRAGMENTS) {
      return counting().then(function (pf) { return pf.search(fold(query), { filters: pagefindFilters() }); })
        .then(function (s) { return { counts: (s && s.filters) || {}, approximate: true }; });
    }
    return Promise.all(search.results.map(function (r) { return r.data(); })).then(function (items) {
      var counts = {};
      items.forEach(function (item) {
        Object.keys(item.filters || {}).forEach(function (key) {
          counts[key] = counts[key] || {};
          item.filters[key].forEach(function (v) { counts[key][v] = (counts[key][v] || 0) + 1; });
        });
      });
      return { counts: counts };
    });
  }

  // Results holding every accented word of the query as written.
  function exactIds(tokens, filters) {
    return pagefind.search(tokens.join(" "), { filters: filters }).then(function (s) {
      return new Set((s ? s.results : []).map(function (r) { return r.id; }));
    });
  }

  // The results holding every word of the query, whole, in tiers: the accented words found as
  // written first, then the words side by side in order; Pagefind's order within a tier.
  // `search.missing` lists the words found nowhere; `search.kept` is set when Pagefind's own
  // (prefix) search had more results, so that its filter counts come from another source (facetCounts).
  function rankedSearch(query, filters) {
    var words = queryWords(query);
    return pagefind.search(query ? fold(query) : null, { filters: filters }).then(function (search) {
      if (!search || !words.length) return search;
      return wholeWords(words, filters).then(function (sets) {
        var before = search.results.length;
        search.missing = words.filter(function (w, i) { return !sets[i].size; });
        search.results = search.missing.length ? [] : search.results.filter(function (r) {
          return sets.every(function (ids) { return ids.has(r.id); });
        });
        if (search.results.length < before) search.kept = new Set(search.results.map(function (r) { return r.id; }));
        // Each extra pass is another full search; past a few thousand results (the most common
        // words of a national portal) it costs seconds on a phone, so Pagefind's order stands.
        if (search.results.length < 2 || search.results.length > RERANK_LIMIT) return search;
        var tokens = exactTokens(query);
        var exact = tokens.length ? exactIds(tokens, filters) : Promise.resolve(null);
        return exact.then(function (exactSet) {
          var phrase = words.length > 1 && words.length <= 6 ? phraseIds(words, search.results, filters) : Promise.resolve(null);
          return phrase.then(function (phraseCounts) { return [exactSet, phraseCounts]; });
        }).then(function (found) {
          var exactSet = found[0], phrase = found[1];
          function tier(r) {
            return (exactSet && !exactSet.has(r.id) ? 2 : 0) + (phrase && !phrase.has(r.id) ? 1 : 0);
          }
          // Within a tier, a name that recurs as a whole counts for more than one stray match.
          function score(r) {
            return r.score * (1 + Math.log(1 + (phrase ? phrase.get(r.id) || 0 : 0)));
          }
          var order = new Map(search.results.map(function (r, i) { return [r.id, i]; }));
          search.results = search.results.slice().sort(function (a, b) {
            return tier(a) - tier(b) || score(b) - score(a) || order.get(a.id) - order.get(b.id);
          });
          return search;
        });
      });
    });
  }

  // One search at a time, so that a slow first query cannot overwrite a later one's results; and
  // the same search once (typing, then Enter within a moment, asks twice for what is on its way).
  var queue = Promise.resolve();
  var lastKey = null, lastJob = null;
  function run() {
    var key = input.value.trim() + "\n" + JSON.stringify(state.filters);
    if (key === lastKey && lastJob) return lastJob;
    lastKey = key;
    var job = queue.then(function () { return runNow(); }, function () { return runNow(); });
    queue = job.catch(function () {});
    lastJob = job;
    return job;
  }

  function runNow() {
    var mine = ++seq;
    var query = input.value.trim().normalize("NFC");
    updateAddress();
    if (!query && !hasFilters()) {
      none.hidden = true;
      list.innerHTML = "";
      more.hidden = true;
      facetsEl.hidden = true;
      statusEl.textContent = "Nhập từ khóa để tìm phong trào, điển hình, kết quả và trang thông tin.";
      return Promise.resolve();
    }
    statusEl.textContent = "Đang tìm…";
    return rankedSearch(query, pagefindFilters()).then(function (search) {
      if (mine !== seq || !search) return;
      current = search;
      current.wanted = {
        words: queryWords(query),
        exact: exactTokens(query),
        plain: (query.normalize("NFC").match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) {
          return fold(w) === w;
        }).map(function (w) { return w.toLowerCase(); })
      };
      shown = 0;
      list.innerHTML = "";
      list.setAttribute("aria-busy", "true");
      announce(search, query);
      return showMore(mine, false).then(function () {
        list.removeAttribute("aria-busy");
        // Counts need every filter's chunk (fetched once, by the counting copy, after the first results
        // are shown). They come after the results and never hold the next search back: a newer search
        // drops them.
        (mine === seq ? facetCounts(search, query) : Promise.resolve(null)).then(function (c) {
          if (c && mine === seq) renderFacets(c.counts, c.approximate);
        });
      });
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { if (pagefind) run(); }, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    if (pagefind) run();
  });
  more.addEventListener("click", function () { showMore(seq, true); });
  clearBtn.addEventListener("click", function () {
    state.filters = {};
    run();
    input.focus();
  });
  [facetsEl].concat(Array.prototype.slice.call(facetsEl.querySelectorAll("details"))).forEach(function (box) {
    box.querySelector("summary").addEventListener("click", function () { box.dataset.touched = "1"; });
  });

  // One copy of Pagefind: a module imported under another address is another module, with its own
  // state (`suffix`). A large portal's index comes in parts (builder/search/index.py), searched as one.
  function openBundle(suffix) {
    return import(new URL(form.dataset.bundle, location.href).href + suffix).then(function (pf) {
      var parts = (form.dataset.merge || "").split(" ").filter(Boolean);
      return pf.options({ excerptLength: 0 }).then(function () {
        return Promise.all(parts.map(function (part) { return pf.mergeIndex(new URL(part, location.href).href); }));
      }).then(function () { return pf.init(); }).then(function () { return pf; });
    });
  }
  function counting() {
    if (!counter) counter = openBundle("?counts").then(function (pf) { return pf.filters().then(function () { return pf; }); });
    return counter;
  }

  statusEl.textContent = "Đang tải chỉ mục tìm kiếm…";
  Promise.all([openBundle(""), liveOnReadersDay()]).then(function (loaded) {
    pagefind = loaded[0];
    live = loaded[1];
  }).then(function () {
    document.documentElement.dataset.portalSearch = "ready";
    return run();
  }).catch(function () {
    document.querySelector("[data-portal-search-failed]").hidden = false;
    statusEl.textContent = "Chưa tải được chỉ mục tìm kiếm.";
    document.documentElement.dataset.portalSearch = "failed";
  });
})();
