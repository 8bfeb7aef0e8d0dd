/* Re-check status badges and countdowns against today's date in Vietnam.
 * Pages are built for one date; a page read weeks later must not lie. The rules
 * mirror builder/catalog/status.py: upcoming before start, active through end (inclusive),
 * ended after; an override (cancelled, postponed) always wins. Labels come from
 * the JSON the build writes into every page. */
(function () {
  "use strict";
  var DAY = 86400000;

  function todayInVietnam() {
    // en-CA formats as YYYY-MM-DD; the time zone makes it the Vietnamese calendar day.
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit"
    }).format(new Date());
  }

  function statusKey(start, end, override, today) {
    if (override === "cancelled") return "da-huy";
    if (override === "postponed") return "tam-hoan";
    if (start && today < start) return "sap-dien-ra";
    if (today > end) return "da-ket-thuc";
    return "dang-dien-ra";
  }

  function daysBetween(a, b) { return Math.round((Date.parse(b) - Date.parse(a)) / DAY); }

  function displayDay(iso) {
    var p = iso.split("-");
    return Number(p[2]) + "/" + Number(p[1]) + "/" + p[0];
  }

  function countdown(key, start, end, today) {
    if (key === "dang-dien-ra") {
      var left = daysBetween(today, end);
      return left === 0 ? "Ngày cuối cùng" : "Còn " + left + " ngày";
    }
    if (key === "sap-dien-ra" && start) return "Bắt đầu sau " + daysBetween(today, start) + " ngày";
    if (key === "da-ket-thuc") return "Kết thúc ngày " + displayDay(end);
    return "";
  }

  function recheck() {
    var source = document.getElementById("portal-statuses");
    if (!source) return;
    var labels = JSON.parse(source.textContent);
    var today = todayInVietnam();
    var changed = false;
    document.querySelectorAll("[data-portal-status]").forEach(function (badge) {
      var key = statusKey(badge.dataset.start, badge.dataset.end, badge.dataset.override, today);
      var current = (badge.className.match(/portal-status--([a-z-]+)/) || [])[1];
      if (key === current || !labels[key]) return;
      changed = true;
      badge.className = badge.className.replace(/portal-status--[a-z-]+/, "portal-status--" + key);
      badge.querySelector(".portal-status__label").textContent = labels[key][0];
      badge.querySelector(".portal-status__symbol").textContent = labels[key][1];
      var card = badge.closest(".portal-card");
      if (card) card.className = card.className.replace(/portal-card--[a-z-]+/, "portal-card--" + key);
    });
    document.querySelectorAll("[data-portal-countdown]").forEach(function (el) {
      var key = statusKey(el.dataset.start, el.dataset.end, el.dataset.override, today);
      var text = countdown(key, el.dataset.start, el.dataset.end, today);
      if (text && text !== el.textContent) { el.textContent = text; changed = true; }
    });
    var built = document.querySelector("[data-portal-builddate]");
    var note = document.querySelector("[data-portal-recheck]");
    if (built && note && built.getAttribute("datetime") !== today) {
      note.textContent = "; trình duyệt đã cập nhật theo ngày hôm nay " + displayDay(today);
      note.hidden = false;
    } else if (changed && !note) {
      // Lists were grouped for the build date; say that badges now follow today.
      var article = document.querySelector("article.md-content__inner");
      if (article) {
        var stale = document.createElement("p");
        stale.className = "portal-stale";
        stale.setAttribute("role", "note");
        stale.textContent = "Trạng thái đã được cập nhật theo ngày hôm nay " + displayDay(today) +
          "; danh sách trên trang được sắp xếp theo ngày tạo trang.";
        article.insertBefore(stale, article.firstChild);
      }
    }
    document.documentElement.dataset.portalChecked = today + (changed ? ":changed" : "");
  }

  // The search page draws badges after loading; it asks for the same re-check.
  window.portalStatus = { recheck: recheck };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", recheck);
  else recheck();
})();
