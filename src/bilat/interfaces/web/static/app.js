/* bilat dashboard: reads the JSON API of the server that serves this page.
 * Views (hash routes): #/  (dyads in the store), #/dyad/A/B (a relationship), #/country/C.
 * Text from the store is always inserted as text nodes, never as HTML. */
(function () {
  "use strict";

  var QUADS = [
    { label: "Verbal cooperation", color: "#5aa469" },
    { label: "Material cooperation", color: "#1f6f43" },
    { label: "Verbal conflict", color: "#e3a33b" },
    { label: "Material conflict", color: "#c0392b" }
  ];
  var GOLDSTEIN_COLOR = "#2f5bd3";
  var countries = { byCode: {}, byName: {} };
  var charts = {};

  // -- small helpers ----------------------------------------------------------------------

  function $(id) { return document.getElementById(id); }

  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === "text") node.textContent = props[k];
        else if (k === "className") node.className = props[k];
        else node.setAttribute(k, props[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function nameOf(code) {
    var c = countries.byCode[code];
    return c ? c.name : code;
  }

  function fmtGoldstein(x) {
    if (x === null || x === undefined) return "—";
    return (x > 0 ? "+" : x < 0 ? "−" : "") + Math.abs(x).toFixed(2);
  }

  function plural(n, word, many) { return n + " " + (n === 1 ? word : (many || word + "s")); }

  function dateKey(d) {
    // "1992" < "1992-05" < "1992-05-27"; undated last
    return d ? d : "9999-99-99";
  }

  function isWebUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u); }

  function showMessage(text) {
    var box = $("message");
    box.textContent = text;
    box.hidden = false;
  }

  function clearMessage() { $("message").hidden = true; }

  function setState(state) { document.body.setAttribute("data-state", state); }

  function api(path) {
    return fetch(path, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          var err = new Error(body && body.error ? body.error : "request failed with status " + r.status);
          err.status = r.status;
          throw err;
        }
        return body;
      });
    });
  }

  function destroyChart(name) {
    if (charts[name]) { charts[name].destroy(); delete charts[name]; }
  }

  function showView(id) {
    ["home", "profile", "country"].forEach(function (v) { $(v).hidden = v !== id; });
  }

  // -- countries and pickers --------------------------------------------------------------

  function loadCountries() {
    return api("/api/countries").then(function (body) {
      var list = $("country-list");
      clear(list);
      var sorted = body.countries.slice().sort(function (x, y) {
        return (y.n_events > 0) - (x.n_events > 0) || x.name.localeCompare(y.name);
      });
      sorted.forEach(function (c) {
        countries.byCode[c.code] = c;
        countries.byName[c.name.toLowerCase()] = c.code;
        var label = c.n_events ? plural(c.n_events, "event") : "no events";
        list.appendChild(el("option", { value: c.name + " (" + c.code + ")", label: label }));
      });
    });
  }

  function resolveCountry(text) {
    var t = (text || "").trim();
    var m = /\(([A-Za-z0-9]{2,10})\)\s*$/.exec(t);
    if (m && countries.byCode[m[1].toUpperCase()]) return m[1].toUpperCase();
    if (countries.byCode[t.toUpperCase()]) return t.toUpperCase();
    var byName = countries.byName[t.toLowerCase()];
    return byName || null;
  }

  function pickerValue(code) { return nameOf(code) + " (" + code + ")"; }

  $("dyad-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var a = resolveCountry($("country-a").value), b = resolveCountry($("country-b").value);
    if (!a || !b) {
      showMessage("Pick both countries from the list (a name such as Kazakhstan, or a code such as KAZ).");
      return;
    }
    if (a === b) { showMessage("Pick two different countries."); return; }
    location.hash = "#/dyad/" + a + "/" + b;
  });

  $("country-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var c = resolveCountry($("country-c").value);
    if (!c) { showMessage("Pick a country from the list (a name such as Kazakhstan, or a code such as KAZ)."); return; }
    location.hash = "#/country/" + c;
  });

  // -- home: the dyads in the store --------------------------------------------------------

  function renderHome() {
    return Promise.all([api("/api/health"), api("/api/dyads?limit=100")]).then(function (res) {
      var health = res[0], page = res[1];
      $("store-summary").textContent = plural(health.n_events, "event") + " from " +
        plural(health.n_documents, "story", "stories") +
        (health.first_date ? ", " + health.first_date + " – " + health.last_date : "") +
        (page.total > page.dyads.length ? "; the " + page.dyads.length + " largest of " + page.total + " dyads:" : ".");
      var body = $("dyad-table").querySelector("tbody");
      clear(body);
      page.dyads.forEach(function (d) {
        var coop = d.quad[0] + d.quad[1], conf = d.quad[2] + d.quad[3];
        body.appendChild(el("tr", null,
          el("td", null, el("a", { href: "#/dyad/" + d.a + "/" + d.b,
            text: (d.name_a || d.a) + " – " + (d.name_b || d.b) })),
          el("td", { className: "num", text: String(d.n_events) }),
          el("td", { className: "date", text: d.first_date || "undated" }),
          el("td", { className: "date", text: d.last_date || "undated" }),
          el("td", { className: "num", text: fmtGoldstein(d.mean_goldstein) }),
          el("td", null, balanceBar(coop, conf), " " + coop + " / " + conf)));
      });
      $("dyad-table").hidden = page.dyads.length === 0;
      $("no-dyads").hidden = page.dyads.length !== 0;
      document.title = "bilat — relationships";
    });
  }

  function balanceBar(coop, conf) {
    var total = coop + conf || 1;
    var wrap = el("span");
    var g = el("span", { className: "bal-bar" }); g.style.width = (60 * coop / total) + "px"; g.style.background = QUADS[0].color;
    var r = el("span", { className: "bal-bar" }); r.style.width = (60 * conf / total) + "px"; r.style.background = QUADS[3].color;
    wrap.appendChild(g); wrap.appendChild(r);
    return wrap;
  }

  // -- a relationship ----------------------------------------------------------------------

  function conflictKind(cameo) {
    if (cameo.indexOf("166") === 0) return ["expulsion", "expulsion"];
    if (cameo.indexOf("163") === 0) return ["sanction", "sanctions"];
    if (cameo.indexOf("161") === 0) return ["sanction", "broke relations"];
    return ["sanction", "reduced relations"];
  }

  function keyEventRows(p, reduced) {
    var rows = [];
    if (p.established) {
      rows.push({ date: p.established.date, kind: "established", label: "relations established",
        who: nameOf(p.a) + " – " + nameOf(p.b), sentence: p.established.sentence, doc: p.established.doc_id });
    }
    p.visits.forEach(function (v) {
      var who = nameOf(v.visitor) + " → " + nameOf(v.host) + (v.visitor_text ? " (" + v.visitor_text + ")" : "");
      rows.push({ date: v.date, kind: "visit", label: "visit", who: who,
        count: v.count > 1 ? v.count + " visits" : null, sentence: v.sentence, doc: v.doc_id });
    });
    p.agreements.forEach(function (e) {
      rows.push({ date: e.date, kind: "agreement", label: e.label || "agreement",
        who: nameOf(e.source) + " → " + nameOf(e.target), sentence: e.sentence, doc: e.doc_id,
        count: e.count > 1 ? "×" + e.count : null });
    });
    p.consultations.forEach(function (e) {
      rows.push({ date: e.date, kind: "consultation", label: e.label || "consultation",
        who: nameOf(e.source) + " → " + nameOf(e.target), sentence: e.sentence, doc: e.doc_id,
        count: e.count > 1 ? "×" + e.count : null });
    });
    reduced.forEach(function (e) {
      var k = conflictKind(e.cameo);
      rows.push({ date: e.date, kind: k[0], label: k[1], who: nameOf(e.source_country) + " → " + nameOf(e.target_country),
        sentence: e.sentence, doc: e.doc_id, count: e.count > 1 ? "×" + e.count : null });
    });
    rows.sort(function (x, y) { return dateKey(x.date) < dateKey(y.date) ? -1 : dateKey(x.date) > dateKey(y.date) ? 1 : 0; });
    return rows;
  }

  function renderProfile(a, b) {
    var q = encodeURIComponent;
    return Promise.all([
      api("/api/profile/" + q(a) + "/" + q(b)),
      api("/api/timeline/" + q(a) + "/" + q(b) + "?interval=year"),
      api("/api/events?dyad=" + q(a + "," + b) + "&root=16&limit=1000")
    ]).then(function (res) {
      var p = res[0], timeline = res[1], reduced = res[2].events;
      $("country-a").value = pickerValue(p.a);
      $("country-b").value = pickerValue(p.b);
      $("profile-title").textContent = p.title;
      $("link-a").textContent = nameOf(p.a); $("link-a").setAttribute("href", "#/country/" + p.a);
      $("link-b").textContent = nameOf(p.b); $("link-b").setAttribute("href", "#/country/" + p.b);
      document.title = "bilat — " + p.title;

      var est = p.established;
      $("established-date").textContent = est ? (est.date || "undated") : "not found";
      $("established-sentence").textContent = est ? est.sentence : "No event of diplomatic recognition (CAMEO 054) is stored.";
      var t = p.totals;
      $("total-events").textContent = String(t.n_events);
      $("total-span").textContent = t.n_events ? (t.first_date || "undated") + " – " + (t.last_date || "undated") +
        (t.n_undated ? "; " + t.n_undated + " undated" : "") : "no events stored";
      $("total-goldstein").textContent = fmtGoldstein(t.mean_goldstein);

      drawTimeline(timeline);

      var rows = keyEventRows(p, reduced);
      var stories = {};
      p.sources.forEach(function (s, i) { stories[s.doc_id] = i + 1; });
      var body = $("key-events").querySelector("tbody");
      clear(body);
      rows.forEach(function (r) {
        var n = stories[r.doc];
        body.appendChild(el("tr", { className: "key-event " + r.kind },
          el("td", { className: "date", text: r.date || "undated" }),
          el("td", null, el("span", { className: "kind " + r.kind, text: r.label })),
          el("td", null, r.who, r.count ? el("span", { text: " · " }) : null,
            r.count ? el("span", { className: "count", text: r.count }) : null),
          el("td", null, el("span", { className: "sentence-text", text: r.sentence })),
          el("td", null, n ? el("a", { href: "#story-" + n, "data-story": String(n), text: "[" + n + "]" }) : r.doc)));
      });
      $("key-events").hidden = rows.length === 0;
      $("no-key-events").hidden = rows.length !== 0;

      var list = $("stories");
      clear(list);
      p.sources.forEach(function (s, i) {
        var title = s.title || s.doc_id;
        var link = isWebUrl(s.url) ? el("a", { href: s.url, rel: "noopener noreferrer", target: "_blank", text: title })
          : el("span", { text: title });
        list.appendChild(el("li", { id: "story-" + (i + 1) },
          el("span", { className: "date", text: (s.story_date || "undated") + "  " }), link,
          el("span", { className: "muted", text: " — " + (s.title ? s.doc_id + ", " : "") + plural(s.n_events, "event") })));
      });
    });
  }

  function drawTimeline(timeline) {
    destroyChart("timeline");
    var byPeriod = {};
    timeline.periods.forEach(function (p) { byPeriod[p.period] = p; });
    var labels = [];
    if (timeline.periods.length) {
      var first = parseInt(timeline.periods[0].period, 10);
      var last = parseInt(timeline.periods[timeline.periods.length - 1].period, 10);
      for (var y = first; y <= last; y++) labels.push(String(y));
    }
    var datasets = QUADS.map(function (qd, i) {
      return { type: "bar", label: qd.label, backgroundColor: qd.color, stack: "events", yAxisID: "y",
        data: labels.map(function (l) { return byPeriod[l] ? byPeriod[l].quad[i] : 0; }) };
    });
    datasets.push({ type: "line", label: "Mean Goldstein", borderColor: GOLDSTEIN_COLOR,
      backgroundColor: GOLDSTEIN_COLOR, yAxisID: "g", spanGaps: false, pointRadius: 3, tension: 0,
      data: labels.map(function (l) { return byPeriod[l] ? byPeriod[l].mean_goldstein : null; }) });
    charts.timeline = new Chart($("timeline-chart"), {
      data: { labels: labels, datasets: datasets },
      options: {
        maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: "events" }, ticks: { precision: 0 } },
          g: { position: "right", min: -10, max: 10, title: { display: true, text: "mean Goldstein" },
               grid: { drawOnChartArea: false } }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  // -- a country ---------------------------------------------------------------------------

  function renderCountry(c) {
    return api("/api/countries/" + encodeURIComponent(c)).then(function (page) {
      $("country-c").value = pickerValue(page.code);
      $("country-title").textContent = page.name + " (" + page.code + ")";
      document.title = "bilat — " + page.name;
      $("country-summary").textContent = plural(page.n_events, "event") + " with " +
        plural(page.partners.length, "partner") + (page.partners.length ? ", ranked by number of events:" : ".");
      drawPartners(page);
      var body = $("partner-table").querySelector("tbody");
      clear(body);
      page.partners.forEach(function (p) {
        body.appendChild(el("tr", null,
          el("td", null, el("a", { href: "#/dyad/" + page.code + "/" + p.code, text: (p.name || p.code) + " (" + p.code + ")" })),
          el("td", { className: "num", text: String(p.n_events) }),
          el("td", { className: "num", text: String(p.cooperation) }),
          el("td", { className: "num", text: String(p.conflict) }),
          el("td", { className: "num", text: (p.balance > 0 ? "+" : "") + p.balance.toFixed(2) }),
          el("td", { className: "num", text: fmtGoldstein(p.mean_goldstein) }),
          el("td", { className: "date", text: (p.first_date || "undated") + " – " + (p.last_date || "undated") })));
      });
      renderLocations(page.locations);
    });
  }

  function drawPartners(page) {
    destroyChart("partners");
    var top = page.partners.slice(0, 20);
    $("partners-chart").parentNode.style.height = Math.max(160, 40 + 26 * top.length) + "px";
    charts.partners = new Chart($("partners-chart"), {
      type: "bar",
      data: {
        labels: top.map(function (p) { return p.name || p.code; }),
        datasets: [
          { label: "Cooperation", backgroundColor: QUADS[0].color, data: top.map(function (p) { return p.cooperation; }) },
          { label: "Conflict", backgroundColor: QUADS[3].color, data: top.map(function (p) { return p.conflict; }) }
        ]
      },
      options: {
        indexAxis: "y", maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
        plugins: { legend: { position: "bottom" } },
        onClick: function (_e, items) {
          if (items.length) location.hash = "#/dyad/" + page.code + "/" + top[items[0].index].code;
        }
      }
    });
  }

  function renderLocations(places) {
    destroyChart("locations");
    $("locations").hidden = places.length === 0;
    var body = $("location-table").querySelector("tbody");
    clear(body);
    places.forEach(function (p) {
      body.appendChild(el("tr", null, el("td", { text: p.name }), el("td", { text: p.country || "" }),
        el("td", { className: "num", text: p.lat === null ? "" : p.lat.toFixed(2) }),
        el("td", { className: "num", text: p.lon === null ? "" : p.lon.toFixed(2) }),
        el("td", { className: "num", text: String(p.n_events) })));
    });
    var located = places.filter(function (p) { return p.lat !== null && p.lon !== null; });
    $("locations-chart").parentNode.hidden = located.length === 0;
    if (!located.length) return;
    charts.locations = new Chart($("locations-chart"), {
      type: "scatter",
      data: { datasets: [{ label: "events", backgroundColor: GOLDSTEIN_COLOR,
        data: located.map(function (p) { return { x: p.lon, y: p.lat, r: p.n_events, name: p.name }; }) }] },
      options: {
        maintainAspectRatio: false, animation: false,
        scales: { x: { min: -180, max: 180, title: { display: true, text: "longitude" } },
                  y: { min: -90, max: 90, title: { display: true, text: "latitude" } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: {
          label: function (ctx) { return ctx.raw.name + ": " + plural(ctx.raw.r, "event"); } } } }
      }
    });
  }

  // -- routing -----------------------------------------------------------------------------

  function route() {
    clearMessage();
    setState("loading");
    var parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
    var done;
    if (parts[0] === "dyad" && parts.length === 3) {
      showView("profile");
      done = renderProfile(parts[1].toUpperCase(), parts[2].toUpperCase());
    } else if (parts[0] === "country" && parts.length === 2) {
      showView("country");
      done = renderCountry(parts[1].toUpperCase());
    } else if (parts.length === 0 || parts[0] === "") {
      showView("home");
      done = renderHome();
    } else {
      // e.g. #story-2: an anchor inside the current page, not a route
      setState("ready");
      return;
    }
    done.then(function () { setState("ready"); }, function (err) {
      showMessage(err.status === 503 ? "The database is busy: " + err.message : err.message);
      setState("error");
    });
  }

  window.addEventListener("hashchange", function () {
    if (/^#story-/.test(location.hash)) return;
    route();
  });

  if (window.Chart) {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false;
  }
  loadCountries().then(route, function (err) {
    showMessage(err.message);
    setState("error");
  });
})();
