/* Make a page true on the day it is read, in Vietnam, not only on the day it was built.
 *
 * Badges and countdowns re-check their own dates. What the build grouped or counted by
 * status follows: the home page's sections and counts, the status chips and totals of
 * listings, the cards of a status page (those that left it are hidden, those that came
 * into it are listed), the results page's "not yet reported", the timeline's "Hôm nay",
 * and blocks that appear from a day on. The campaigns whose status can change after the
 * build come in campaigns/live.js (builder/plan/live.py), which #portal-live names and which
 * is fetched only on a day after the build's. The rules mirror
 * builder/catalog/status.py: upcoming before start, active through end (inclusive), ended
 * after; an override (cancelled, postponed) always wins. When anything changed, one note
 * says the page was updated on another day (never repeated; not printed). */
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

  // The documents' style (Nghị định 30/2020): 05/01/2024, 19/3/2024; as core.dates.display_day.
  function displayDay(iso) {
    var p = iso.split("-");
    return p[2] + "/" + (Number(p[1]) < 3 ? p[1] : Number(p[1])) + "/" + p[0];
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

  // The live list, fetched once (a script: it also loads from a folder opened from disk); null when the
  // page names none or it cannot be loaded, and the page then keeps its build day's groups and counts.
  var livePromise = null;
  function loadLive() {
    if (!livePromise) livePromise = new Promise(function (resolve) {
      var el = document.getElementById("portal-live");
      if (!el || !el.dataset.src) { resolve(null); return; }
      var script = document.createElement("script");
      script.src = el.dataset.src;
      script.onload = function () { resolve(window.portalLive || null); };
      script.onerror = function () { resolve(null); };
      document.head.appendChild(script);
    });
    return livePromise;
  }

  function cardKey(card) {
    var badge = card.querySelector("[data-portal-status]");
    return badge ? (badge.className.match(/portal-status--([a-z-]+)/) || [])[1] : "";
  }

  function setHidden(el, hidden) {
    if (el.hidden === hidden) return false;
    el.hidden = hidden;
    return true;
  }

  function recheckBadges(labels, today) {
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
    return changed;
  }

  /* Nominee notices (builder/plan/notice_pages.py): open through the window's last day. The badge
   * carries the window and the days a Monday–Friday rule gets wrong (holidays off, Saturdays worked),
   * so the working days left are counted here as the build counts them. On the home page a notice
   * closed since is hidden; on the notices page it moves to "Đã hết hạn". */
  function workingDaysLeft(badge, today) {
    var exceptions = {};
    (badge.dataset.exceptions || "").split(" ").filter(Boolean).forEach(function (pair) {
      exceptions[pair.slice(0, 10)] = pair.slice(11) === "1";
    });
    var n = 0;
    for (var t = Date.parse(today); t <= Date.parse(badge.dataset.until); t += DAY) {
      var iso = new Date(t).toISOString().slice(0, 10), weekday = new Date(t).getUTCDay();
      if (iso in exceptions ? exceptions[iso] : weekday !== 0 && weekday !== 6) n += 1;
    }
    return n;
  }

  function recheckNotices(today) {
    var changed = false;
    document.querySelectorAll("[data-portal-notice]").forEach(function (badge) {
      var until = badge.dataset.until, open = today <= until;
      var key = open ? "dang-lay-y-kien" : "da-het-han";
      var left = open ? workingDaysLeft(badge, today) : 0;
      // As builder/plan/notice_pages.left_text: a named last day on a weekend can leave no working day.
      var text = !open ? "Hết hạn ngày " + displayDay(until)
        : today === until ? "Hôm nay là ngày cuối nhận ý kiến"
        : left ? "Còn " + left + " ngày làm việc" : "Nhận ý kiến đến hết ngày " + displayDay(until);
      var shown = badge.parentNode.querySelector("[data-portal-notice-left]");
      if (shown && shown.textContent !== text) { shown.textContent = text; changed = true; }
      if (badge.className.indexOf("portal-status--" + key) >= 0) return;
      changed = true;
      badge.className = badge.className.replace(/portal-status--[a-z-]+/, "portal-status--" + key);
      badge.querySelector(".portal-status__label").textContent = open ? "Đang lấy ý kiến" : "Đã hết hạn góp ý";
      badge.querySelector(".portal-status__symbol").textContent = open ? "●" : "■";
      var card = badge.closest("[data-portal-notice-card]");
      if (!card) return;
      card.className = card.className.replace(/portal-card--[a-z-]+/, "portal-card--" + key);
      var section = card.closest("[data-portal-notices]");
      if (!section || section.dataset.portalNotices === key) return;
      var target = document.querySelector("[data-portal-notices='" + key + "'] .portal-cards");
      if (target) target.insertBefore(card, target.firstChild); else card.hidden = true;
    });
    document.querySelectorAll("[data-portal-notices]").forEach(function (section) {
      var shown = Array.prototype.some.call(section.querySelectorAll("[data-portal-notice-card]"), function (c) { return !c.hidden; });
      var empty = section.querySelector("[data-portal-empty]");
      if (empty) setHidden(empty, shown);
      else setHidden(section, !shown);
    });
    return changed;
  }

  /* Counts: the build's number plus the live campaigns that came in, minus those that left. */
  // A count inside [data-portal-scope] counts a listing's own campaigns (its "Lọc" panel): only the
  // moves of the campaigns the scope names (their addresses) change it; other counts are site-wide.
  function recount(live, built, today) {
    var deltas = {};
    function delta(scope) {
      if (deltas[scope] === undefined) {
        var within = scope === null ? null : scope.split(" ");
        var d = deltas[scope] = {};
        live.campaigns.forEach(function (c) {
          if (within && within.indexOf(c[2]) < 0) return;
          var was = statusKey(c[0], c[1], "", built), now = statusKey(c[0], c[1], "", today);
          if (was === now) return;
          d[was] = (d[was] || 0) - 1;
          d[now] = (d[now] || 0) + 1;
        });
      }
      return deltas[scope];
    }
    var changed = false;
    document.querySelectorAll("[data-portal-count]").forEach(function (el) {
      if (el.dataset.base === undefined) el.dataset.base = el.textContent.trim();
      var scope = el.closest("[data-portal-scope]");
      var text = String(Number(el.dataset.base) + (delta(scope ? scope.dataset.portalScope : null)[el.dataset.portalCount] || 0));
      if (text !== el.textContent) { el.textContent = text; changed = true; }
    });
    return changed;
  }

  /* The home page's three sections: each card goes where its status on the reader's day puts it. */
  function regroupHome(today) {
    var sections = {};
    document.querySelectorAll("[data-portal-section]").forEach(function (s) { sections[s.dataset.portalSection] = s; });
    var ended = sections["da-ket-thuc"];
    if (!sections["dang-dien-ra"] || !ended) return false;
    var recentDays = Number(ended.dataset.portalRecentDays);
    var cards = [];
    ["dang-dien-ra", "sap-dien-ra", "da-ket-thuc"].forEach(function (key) {
      if (sections[key]) sections[key].querySelectorAll(".portal-card").forEach(function (c) { cards.push(c); });
    });
    var groups = { "dang-dien-ra": [], "sap-dien-ra": [], "da-ket-thuc": [] };
    cards.forEach(function (card) { var key = cardKey(card); if (groups[key]) groups[key].push(card); });
    function end(card) { return card.querySelector("[data-portal-status]").dataset.end; }
    function start(card) { return card.querySelector("[data-portal-status]").dataset.start || end(card); }
    groups["dang-dien-ra"].sort(function (a, b) { return end(a) < end(b) ? -1 : end(a) > end(b) ? 1 : 0; });
    groups["sap-dien-ra"].sort(function (a, b) { return start(a) < start(b) ? -1 : start(a) > start(b) ? 1 : 0; });
    var before = cards.map(function (c) { return c.hidden + ":" + c.parentNode.closest("[data-portal-section]").dataset.portalSection; });
    var endedCards = groups["da-ket-thuc"].sort(function (a, b) { return end(a) > end(b) ? -1 : end(a) < end(b) ? 1 : 0; });
    var recent = endedCards.filter(function (c) { return daysBetween(end(c), today) <= recentDays; });
    var fallback = !recent.length;
    var shown = fallback ? endedCards.slice(0, 3) : recent;
    endedCards.forEach(function (c) { c.hidden = shown.indexOf(c) < 0; });
    var changed = false;
    Object.keys(groups).forEach(function (key) {
      var section = sections[key];
      if (!section) return;
      var list = section.querySelector(".portal-cards");
      groups[key].forEach(function (card) { if (key !== "da-ket-thuc") card.hidden = false; list.appendChild(card); });
      var visible = groups[key].filter(function (c) { return !c.hidden; }).length;
      var empty = section.querySelector("[data-portal-empty]");
      if (empty) changed = setHidden(empty, visible > 0) || changed;
      else changed = setHidden(section, visible === 0) || changed;
    });
    var title = ended.querySelector("[data-portal-recent-title]");
    var text = fallback ? title.dataset.portalFallbackTitle : title.dataset.portalRecentTitle;
    if (title.textContent !== text) { title.textContent = text; changed = true; }
    var after = cards.map(function (c) { return c.hidden + ":" + c.parentNode.closest("[data-portal-section]").dataset.portalSection; });
    return changed || before.join() !== after.join();
  }

  /* A status page: hide the cards that left its status; the empty note when none is left or came in. */
  function filterStatusPage() {
    var changed = false;
    document.querySelectorAll("[data-portal-only]").forEach(function (list) {
      list.querySelectorAll(".portal-card").forEach(function (card) {
        changed = setHidden(card, cardKey(card) !== list.dataset.portalOnly) || changed;
      });
    });
    var empty = document.querySelector("[data-portal-empty]");
    var moved = document.querySelector("[data-portal-moved]");
    if (empty && moved && !moved.closest("[data-portal-section]")) {
      var left = document.querySelectorAll("[data-portal-only] .portal-card:not([hidden])").length;
      changed = setHidden(empty, left > 0 || !moved.hidden) || changed;
    }
    return changed;
  }

  /* The campaigns that came into a status (or into "ended, not yet reported") after the build. */
  function listMoved(live, built, today) {
    var changed = false;
    var root = (document.getElementById("portal-live").dataset.root || "index.html").replace(/index\.html$/, "");
    document.querySelectorAll("[data-portal-moved]").forEach(function (box) {
      var want = box.dataset.portalMoved;
      var pending = want === "pending";
      var came = box.hasAttribute("data-portal-later-page") ? [] : live.campaigns.filter(function (c) {
        var was = statusKey(c[0], c[1], "", built), now = statusKey(c[0], c[1], "", today);
        return pending ? (now === "da-ket-thuc" && was !== now && !c[4]) : (now === want && was !== now);
      });
      box.textContent = "";
      if (came.length) {
        var head = document.createElement("p");
        head.className = "portal-moved__title";
        head.textContent = (pending ? "Kết thúc sau ngày cập nhật trang (" : "Chuyển sang mục này sau ngày cập nhật trang (") +
          displayDay(built) + ")" + (pending ? ", chưa có báo cáo tổng kết:" : ":");
        var items = document.createElement("ul");
        came.forEach(function (c) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = /^[a-z][a-z0-9+.-]*:/i.test(c[2]) ? c[2] : root + c[2];  // a member portal's page: its own address
          a.textContent = c[3];
          li.appendChild(a);
          li.appendChild(document.createTextNode(" — " + countdown(statusKey(c[0], c[1], "", today), c[0], c[1], today)));
          items.appendChild(li);
        });
        box.appendChild(head);
        box.appendChild(items);
        changed = true;
      }
      box.hidden = !came.length;
      var section = box.closest("[data-portal-section]");
      if (section && came.length) section.hidden = false;
    });
    return changed;
  }

  /* The timeline's "Hôm nay" mark, its note, and which milestones are past. */
  function recheckTimeline(today) {
    var changed = false;
    document.querySelectorAll("[data-portal-timeline]").forEach(function (line) {
      var offset = daysBetween(line.dataset.first, today), days = Number(line.dataset.days);
      var inside = offset >= 0 && offset < days;
      var mark = line.querySelector(".portal-timeline__today");
      if (mark) {
        changed = setHidden(mark, !inside) || changed;
        if (inside) mark.style.left = (Math.round(10000 * offset / days) / 100) + "%";
      }
      line.querySelectorAll("[data-last]").forEach(function (m) { m.classList.toggle("is-past", m.dataset.last < today); });
      var note = line.parentNode.querySelector("[data-portal-timeline-note]");
      if (note) {
        var text = inside ? "Hôm nay, " + displayDay(today) + "." : "Hôm nay (" + displayDay(today) + ") là " +
          (offset < 0 ? "trước" : "sau") + " giai đoạn này.";
        if (note.textContent !== text) { note.textContent = text; changed = true; }
      }
    });
    return changed;
  }

  function showFrom(today) {
    var changed = false;
    document.querySelectorAll("[data-portal-show-from]").forEach(function (el) {
      changed = setHidden(el, today < el.dataset.portalShowFrom) || changed;
    });
    return changed;
  }

  /* A campaign's "Giai đoạn": the step under way on the reader's day, else the next one, else none
     (builder/plan/glance.py's step_on, the same rule). */
  function recheckStep(today) {
    var row = document.querySelector("[data-portal-step]");
    if (!row) return false;
    var spans = Array.prototype.slice.call(row.querySelectorAll("[data-first]"));
    // Of steps under way at once, the one begun last, then the shortest (glance.py: step_on).
    var now = spans.filter(function (s) { return s.dataset.first <= today && today <= s.dataset.last; })
      .sort(function (a, b) {
        return a.dataset.first < b.dataset.first ? 1 : a.dataset.first > b.dataset.first ? -1 :
          a.dataset.last < b.dataset.last ? -1 : a.dataset.last > b.dataset.last ? 1 : 0;
      })[0];
    var next = now ? null : spans.filter(function (s) { return s.dataset.first > today; })[0];
    var changed = false;
    spans.forEach(function (s) { changed = setHidden(s, s !== (now || next)) || changed; });
    changed = setHidden(row.querySelector("[data-portal-step-next]"), !next) || changed;
    return setHidden(row, !(now || next)) || changed;
  }

  /* One note, the first time anything changed; the home page says it in its own line instead. */
  function tell(built, today) {
    var asof = document.querySelector("[data-portal-builddate]");
    var line = document.querySelector("[data-portal-recheck]");
    if (asof && line) {
      asof.textContent = displayDay(today);
      asof.setAttribute("datetime", today);
      line.textContent = "; trang cập nhật ngày " + displayDay(built);
      line.hidden = false;
      return;
    }
    if (document.getElementById("portal-stale")) return;
    var article = document.querySelector("article.md-content__inner");
    if (!article) return;
    var note = document.createElement("p");
    note.id = "portal-stale";
    note.className = "portal-stale";
    note.setAttribute("role", "note");
    note.textContent = "Trang cập nhật ngày " + displayDay(built) + ". Trạng thái, số lượng và danh sách phong trào " +
      "trên trang đã được tính lại theo hôm nay, " + displayDay(today) + " (giờ Việt Nam).";
    article.insertBefore(note, article.firstChild);
  }

  function recheck() {
    var source = document.getElementById("portal-statuses");
    if (!source) return;
    var labels = JSON.parse(source.textContent);
    var built = source.dataset.built;
    var today = todayInVietnam();
    if (built && today < built) {
      // A reader's clock behind the build's day is wrong (the build ran on that day): trust the page.
      document.documentElement.dataset.portalChecked = today;
      return;
    }
    var changed = recheckBadges(labels, today);
    changed = recheckNotices(today) || changed;
    if (!built || today === built) {
      document.documentElement.dataset.portalChecked = today + (changed ? ":changed" : "");
      return;
    }
    loadLive().then(function (live) {
      if (live && live.built === built) {
        changed = recount(live, built, today) || changed;
        changed = listMoved(live, built, today) || changed;
      }
      changed = regroupHome(today) || changed;
      changed = filterStatusPage() || changed;
      changed = recheckTimeline(today) || changed;
      changed = showFrom(today) || changed;
      changed = recheckStep(today) || changed;
      // The home page always says which day its statuses are for; other pages only when they changed.
      if (changed || document.querySelector("[data-portal-recheck]")) tell(built, today);
      document.documentElement.dataset.portalChecked = today + (changed ? ":changed" : "");
    });
  }

  // The search page draws badges after loading; it asks for the same re-check, and the live list.
  window.portalStatus = { recheck: recheck, statusKey: statusKey, today: todayInVietnam, live: loadLive };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", recheck);
  else recheck();
})();
