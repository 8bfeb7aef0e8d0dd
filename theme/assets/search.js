/* The search page: Pagefind's chunked index, typed the way Vietnamese is typed.
 *
 * - The query is put in NFC (phones and Macs may send NFD), and "đ" is written as
 *   "d" + U+0335, as in the index (builder/search_records.py explains why): "thi dua"
 *   finds "thi đua" and "thi đua" still ranks exact matches first.
 * - Titles, excerpts and section names come back with the stroke; it is turned into
 *   "đ" again before anything is shown.
 * - Ranking: Pagefind scores words one by one. Vietnamese words are syllables, so a
 *   name or term is several of them ("Hòa Phong", "người tốt việc tốt"); and a query
 *   typed with diacritics means those diacritics ("bán", not "bạn"). Results are
 *   therefore put in tiers, each kept in Pagefind's order: the query's syllables
 *   next to each other, in order, with the same diacritics first; then the others.
 *   The extra searches read the word chunks already downloaded: no extra bytes. They
 *   are skipped when a query has more than RERANK_LIMIT results (see there).
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
  var wide = window.matchMedia("(min-width: 60em)");
  var PAGE = 10;
  var FACET_SHOWN = 8;
  var STROKE = "\u0335";
  var rootUrl = new URL(form.dataset.root, location.href);
  var statusLabels = {};
  try { statusLabels = JSON.parse(document.getElementById("portal-statuses").textContent); } catch (e) { /* no badges */ }

  function toIndex(text) {
    return text.normalize("NFC").replace(/đ/g, "d" + STROKE).replace(/Đ/g, "D" + STROKE);
  }
  function fromIndex(text) {
    return String(text || "").replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ");
  }
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }
  // Pagefind excerpts are escaped text with <mark> around matches; keep only those tags.
  function safeExcerpt(html) {
    var marked = fromIndex(html).replace(/<mark>/g, "\u0001").replace(/<\/mark>/g, "\u0002");
    var text = marked.replace(/<[^>]*>/g, "");
    var box = document.createElement("textarea");
    box.innerHTML = text;  // decode entities once, then escape everything again
    return escapeHtml(box.value).replace(/\u0001/g, "<mark>").replace(/\u0002/g, "</mark>");
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

  var pagefind = null;
  var seq = 0;
  var current = null;
  var shown = 0;

  function hasFilters() {
    return Object.keys(state.filters).some(function (k) { return state.filters[k].length; });
  }
  function pagefindFilters() {
    var out = {};
    Object.keys(state.filters).forEach(function (k) { if (state.filters[k].length) out[k] = { any: state.filters[k] }; });
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

  function announce(count, query) {
    var what = query ? " cho “" + query + "”" : " theo bộ lọc đã chọn";
    if (!count) {
      statusEl.textContent = "Không có kết quả nào" + what + ". Hãy thử ít từ hơn" +
        (hasFilters() ? " hoặc bỏ bớt bộ lọc." : ".");
    } else {
      statusEl.textContent = "Có " + count + " kết quả" + what + ".";
    }
  }

  function badge(meta) {
    if (meta.kind !== "campaign" || !statusLabels[meta.status]) return "";
    var label = statusLabels[meta.status];
    return '<span class="portal-status portal-status--' + escapeHtml(meta.status) + '" data-portal-status' +
      ' data-start="' + escapeHtml(meta.start || "") + '" data-end="' + escapeHtml(meta.end || "") + '"' +
      ' data-override="' + escapeHtml(meta.override || "") + '"><span class="portal-status__symbol" aria-hidden="true">' +
      escapeHtml(label[1]) + '</span> <span class="portal-status__label">' + escapeHtml(label[0]) + "</span></span>";
  }

  function renderHit(data) {
    var meta = data.meta || {};
    var li = document.createElement("li");
    li.className = "portal-hit portal-hit--" + escapeHtml(meta.kind || "page");
    var sections = (data.sub_results || []).filter(function (s) {
      return s.url !== data.url && s.title && s.url.indexOf("#") > 0;
    }).slice(0, 2);
    var image = meta.image ? '<img class="portal-hit__photo" src="' + escapeHtml(resultUrl("/" + meta.image)) +
      '" alt="' + escapeHtml(meta.image_alt || "") + '" width="64" height="64" loading="lazy">' : "";
    li.innerHTML =
      '<article class="portal-hit__body">' + image +
      '<div><p class="portal-hit__top"><span class="portal-hit__type">' + escapeHtml(meta.type || "Trang") + "</span> " +
      badge(meta) + "</p>" +
      '<h2 class="portal-hit__title"><a href="' + escapeHtml(resultUrl(meta.href || data.url)) + '">' +
      escapeHtml(fromIndex(meta.title || data.url)) + "</a></h2>" +
      ((meta.place || meta.date) ? '<p class="portal-hit__meta">' +
        escapeHtml([meta.place, meta.date].filter(Boolean).join(" · ")) + "</p>" : "") +
      '<p class="portal-hit__excerpt">' + safeExcerpt(data.excerpt) + "</p>" +
      (sections.length ? '<p class="portal-hit__sections">Trong mục: ' + sections.map(function (s) {
        return '<a href="' + escapeHtml(resultUrl(s.url)) + '">' + escapeHtml(fromIndex(s.title)) + "</a>";
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
        var li = renderHit(data);
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

  function renderFacets(counts) {
    var any = false;
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
        li.innerHTML = '<input type="checkbox" id="' + id + '"' + (chosen.indexOf(name) >= 0 ? " checked" : "") + ">" +
          '<label for="' + id + '">' + escapeHtml(name) + ' <span class="portal-facet__count">' +
          (values[name] || 0) + "</span></label>";
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
          renderFacets(counts);
          box.querySelectorAll("input")[FACET_SHOWN].focus();
        });
        ul.appendChild(li);
      }
      // Closed groups keep the results a few Tab presses away; "Loại" stays open on a wide screen.
      if (!box.dataset.touched) box.open = chosen.length > 0 || (wide.matches && key === "type");
    });
    facetsEl.hidden = !any;
    clearBtn.hidden = !hasFilters();
    var active = Object.keys(state.filters).reduce(function (n, k) { return n + state.filters[k].length; }, 0);
    activeEl.textContent = active ? "(" + active + " đang chọn)" : "";
    // Side by side on a wide screen; on a phone the filters fold away above the results.
    if (!facetsEl.dataset.touched) facetsEl.open = wide.matches || active > 0;
  }

  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  }

  // id → how often the terms' matches sit side by side, in order, for the first
  // PHRASE_LIMIT results (the rest keep Pagefind's order).
  var PHRASE_LIMIT = 300;
  var RERANK_LIMIT = 2000;
  function phraseIds(terms, results, filters) {
    var wanted = new Set(results.slice(0, PHRASE_LIMIT).map(function (r) { return r.id; }));
    var chain = Promise.resolve([]);
    terms.forEach(function (term) {
      chain = chain.then(function (acc) {
        return pagefind.search(toIndex(term), { filters: filters }).then(function (s) {
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

  function exactIds(query, filters) {
    return pagefind.options({ exactDiacritics: true }).then(function () {
      return pagefind.search(toIndex(query), { filters: filters });
    }).then(function (s) {
      return pagefind.options({ exactDiacritics: false }).then(function () {
        return new Set((s ? s.results : []).map(function (r) { return r.id; }));
      });
    });
  }

  function rankedSearch(query, filters) {
    return pagefind.search(query ? toIndex(query) : null, { filters: filters }).then(function (search) {
      // Each extra pass is another full search; past a few thousand results (the most common
      // words of a national portal) it costs seconds on a phone, so Pagefind's order stands.
      if (!search || !query || search.results.length > RERANK_LIMIT) return search;
      var terms = query.split(/\s+/).filter(Boolean);
      var accented = folded(query) !== query;
      var exact = accented ? exactIds(query, filters) : Promise.resolve(null);
      return exact.then(function (exactSet) {
        var phrase = terms.length > 1 && terms.length <= 6 ? phraseIds(terms, search.results, filters) : Promise.resolve(null);
        return phrase.then(function (phraseCounts) {
          function tier(r) {
            return (exactSet && !exactSet.has(r.id) ? 2 : 0) + (phraseCounts && !phraseCounts.has(r.id) ? 1 : 0);
          }
          // Within a tier, a name that recurs as a whole counts for more than one stray match.
          function score(r) {
            var n = phraseCounts ? phraseCounts.get(r.id) || 0 : 0;
            return r.score * (1 + Math.log(1 + n));
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

  // One search at a time: the exact-diacritics pass switches a Pagefind option.
  var queue = Promise.resolve();
  function run() {
    var job = queue.then(function () { return runNow(); }, function () { return runNow(); });
    queue = job.catch(function () {});
    return job;
  }

  var filtersLoaded = false;
  function runNow() {
    var mine = ++seq;
    var query = input.value.trim().normalize("NFC");
    updateAddress();
    if (!query && !hasFilters()) {
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
      shown = 0;
      list.innerHTML = "";
      list.setAttribute("aria-busy", "true");
      renderFacets(search.filters || {});
      announce(search.results.length, query);
      return showMore(mine, false).then(function () {
        list.removeAttribute("aria-busy");
        // Counts need every filter's chunk: fetched once, after the first results are shown.
        if (!filtersLoaded && mine === seq) {
          filtersLoaded = true;
          return pagefind.filters().then(function () {
            return pagefind.search(query ? toIndex(query) : null, { filters: pagefindFilters() });
          }).then(function (again) { if (mine === seq && again) renderFacets(again.filters || {}); });
        }
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

  statusEl.textContent = "Đang tải chỉ mục tìm kiếm…";
  import(new URL(form.dataset.bundle, location.href).href).then(function (pf) {
    pagefind = pf;
    return pf.options({ excerptLength: 26 }).then(function () { return pf.init(); });
  }).then(function () {
    document.documentElement.dataset.portalSearch = "ready";
    return run();
  }).catch(function () {
    document.querySelector("[data-portal-search-failed]").hidden = false;
    statusEl.textContent = "Chưa tải được chỉ mục tìm kiếm.";
    document.documentElement.dataset.portalSearch = "failed";
  });
})();
