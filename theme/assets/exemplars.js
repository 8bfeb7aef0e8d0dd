/* Exemplar index, improved: the facet links each show one facet; with JavaScript the
 * form combines them (e.g. individuals × Lạng Sơn × 2024) in place. The records come
 * from exemplars/data.js, loaded on first use with a <script> tag so that it also
 * works from a folder opened from disk. Cards are built with textContent only. */
(function () {
  "use strict";
  var form = document.querySelector("[data-portal-exfilter]");
  if (!form) return;
  var status = document.querySelector("[data-portal-exfilter-status]");
  var results = document.querySelector("[data-portal-exfilter-results]");
  var staticList = document.querySelector("[data-portal-exfilter-static]");
  var facets = document.querySelector("[data-portal-facets]");
  var base = (form.getAttribute("data-base") || ".").replace(/\/$/, "");
  var LIMIT = 240;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var loading = null;
  var initial = {};
  // The options are the same on every facet page; the page's own value is selected here.
  selects.forEach(function (s) { if (s.dataset.current) s.value = s.dataset.current; initial[s.name] = s.value; });

  var box = form.closest("[data-portal-exfilter-box]");
  var on = document.querySelector("[data-portal-exfilter-on]");
  form.hidden = false;
  if (box) box.hidden = false;
  if (facets) facets.hidden = true;
  // The folded button says how many conditions are on, the page's own included.
  function tellOn() {
    var n = selects.filter(function (s) { return s.value; }).length;
    if (on) on.textContent = n ? "· " + n + " đang chọn" : "";
  }
  tellOn();

  function load() {
    if (window.portalExemplars) return Promise.resolve(window.portalExemplars);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = form.getAttribute("data-src");
        tag.onload = function () { resolve(window.portalExemplars || []); };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function chosen() {
    var out = {};
    selects.forEach(function (s) { if (s.value) out[s.name] = s.value; });
    return out;
  }

  function matches(r, c) {
    if (c.kind && r.kind !== c.kind) return false;
    if (c.years && r.year !== c.years) return false;
    if (c.localities && r.locality !== c.localities && r.locality.indexOf(c.localities + "/") !== 0) return false;
    if (c.themes && r.themes.indexOf(c.themes) < 0) return false;
    if (c.campaigns && r.campaigns.indexOf(c.campaigns) < 0) return false;
    return true;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function card(r) {
    var article = el("article", "portal-excard");
    if (r.photo) {
      var img = el("img", "portal-excard__photo");
      img.src = base + "/" + r.photo; img.alt = r.alt; img.loading = "lazy"; img.width = 72; img.height = 72;
      article.appendChild(img);
    } else {
      var none = el("span", "portal-excard__photo portal-excard__photo--none", r.name.trim().split(/\s+/).pop().charAt(0));
      none.setAttribute("aria-hidden", "true");
      article.appendChild(none);
    }
    var body = el("div", "portal-excard__body");
    var h = el("h3", "portal-excard__name");
    // A member portal's exemplar (a province's index) opens on that portal, perhaps on another host.
    var a = el("a", null, r.name); a.href = /^[a-z][a-z0-9+.-]*:/i.test(r.url) ? r.url : base + "/" + r.url;
    h.appendChild(a); body.appendChild(h);
    body.appendChild(el("p", "portal-excard__meta", r.kindLabel + (r.role ? " · " + r.role : "")));
    body.appendChild(el("p", "portal-excard__meta", (r.localityName ? r.localityName + " · " : "") + "năm " + r.year));
    if (r.member) {
      body.appendChild(el("p", "portal-excard__meta", "Trên cổng " + r.member + "\u00a0↗"));
      article.classList.add("portal-excard--external");
    }
    if (r.sample) body.appendChild(el("span", "portal-sample", "Dữ liệu minh họa"));
    article.appendChild(body);
    return article;
  }

  function same(c) {
    return selects.every(function (s) { return (c[s.name] || "") === initial[s.name]; });
  }

  function apply() {
    tellOn();
    var c = chosen();
    var hash = Object.keys(c).map(function (k) { return k + "=" + encodeURIComponent(c[k]); }).join("&");
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    if (same(c)) {  // what the page already shows, with its letters and pages
      results.hidden = true; staticList.hidden = false; status.textContent = "";
      return;
    }
    load().then(function (records) {
      var found = records.filter(function (r) { return matches(r, c); });
      results.textContent = "";
      var grid = el("div", "portal-excards");
      found.slice(0, LIMIT).forEach(function (r) { grid.appendChild(card(r)); });
      results.appendChild(grid);
      results.hidden = false; staticList.hidden = true;
      status.textContent = found.length ? found.length + " điển hình phù hợp" +
        (found.length > LIMIT ? "; hiển thị " + LIMIT + " đầu tiên, hãy chọn thêm điều kiện" : "")
        : "Không có điển hình nào phù hợp; hãy bỏ bớt điều kiện lọc.";
    }, function () {
      status.textContent = "Không tải được dữ liệu lọc; hãy dùng các liên kết lọc.";
      if (facets) facets.hidden = false;
    });
  }

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () {
    setTimeout(function () { selects.forEach(function (s) { s.value = ""; }); apply(); }, 0);
  });
  if (location.hash.length > 1) {
    location.hash.slice(1).split("&").forEach(function (pair) {
      var kv = pair.split("=");
      var s = form.querySelector("select[name='" + kv[0].replace(/[^a-z]/g, "") + "']");
      if (s) s.value = decodeURIComponent(kv[1] || "");
    });
    if (!/^chu-/.test(location.hash.slice(1))) apply();
  }
})();
