/* A listing's "Lọc" panel, counted live: when a reader ticks or unticks an option, every
 * option's number becomes the number of campaigns of the current selection that have it,
 * several values of one group meaning "any of" (as on the search page), and the button says
 * how many campaigns the selection holds. Statuses are those of the reader's day (the status
 * script's rules, window.portalStatus). The data, each campaign's filter values and dates,
 * comes from campaigns/filters.js (builder/plan/filter_panel.py), loaded on the first change
 * with a <script> tag so it also works from a folder opened from disk. Without JavaScript
 * the numbers are the listing's own and the search page counts the choice. */
(function () {
  "use strict";
  var loading = null;

  function load(src) {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = src;
        tag.onload = function () { resolve(window.portalCampaignFilters); };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function statusOf(c, today) {
    var s = window.portalStatus;
    return s ? s.statusKey(c[0], c[1], c[2], today) : "";
  }

  function setup(form) {
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var details = form.closest("details");
    var on = details && details.querySelector(".portal-filter__on");
    var total = form.querySelector("[data-portal-panel-total]");
    var scopeNote = form.querySelector("[data-portal-panel-scope]");

    // A status box is counted by its key (data-portal-count of its number), other boxes by value.
    function keyOf(box) {
      var count = box.parentNode.querySelector("[data-portal-count]");
      return box.name === "f.status" && count ? "status\n" + count.dataset.portalCount : box.name.slice(2) + "\n" + box.value;
    }

    function tellOn(n) {
      if (!on) {
        on = document.createElement("span");
        on.className = "portal-filter__on";
        details.querySelector("summary").appendChild(on);
      }
      on.textContent = n ? " · " + n + " đang chọn" : "";
    }

    function recount(data) {
      var index = {};
      data.values.forEach(function (pair, i) { index[pair[0] + "\n" + pair[1]] = i; });
      var today = window.portalStatus ? window.portalStatus.today() : "";
      var statuses = document.getElementById("portal-statuses");
      var built = statuses ? statuses.dataset.built || "" : "";
      if (today < built) today = built;  // a reader's clock behind the build's day is wrong, as portal.js says
      var chosen = {};  // group → the keys ticked in it
      boxes.forEach(function (b) {
        if (!b.checked) return;
        var group = b.name.slice(2);
        (chosen[group] = chosen[group] || []).push(keyOf(b));
      });
      var counts = {}, n = 0;
      data.campaigns.forEach(function (c) {
        var has = {};
        has["status\n" + statusOf(c, today)] = true;
        c[3].forEach(function (i) { var v = data.values[i]; has[v[0] + "\n" + v[1]] = true; });
        var inside = Object.keys(chosen).every(function (g) { return chosen[g].some(function (k) { return has[k]; }); });
        if (!inside) return;
        n += 1;
        Object.keys(has).forEach(function (k) { counts[k] = (counts[k] || 0) + 1; });
      });
      boxes.forEach(function (b) {
        var el = b.parentNode.querySelector(".portal-count");
        if (el) el.textContent = String(counts[keyOf(b)] || 0);
      });
      if (total) total.textContent = n + " ";
      if (scopeNote) scopeNote.textContent = "trong lựa chọn hiện tại";
      form.dataset.portalPanelCounted = String(n);
    }

    form.addEventListener("change", function () {
      var ticked = boxes.filter(function (b) { return b.checked; }).length;
      if (details) tellOn(ticked);
      load(form.dataset.portalPanel).then(function (data) { if (data) recount(data); }, function () {
        if (scopeNote) scopeNote.textContent = "trong danh sách này; bấm nút để xem số theo lựa chọn";
      });
    });
  }

  function start() {
    document.querySelectorAll("form[data-portal-panel]").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
