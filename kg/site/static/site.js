/* qzqd-kg site: offline search and network drawing.
 *
 * Everything here builds the DOM with textContent / createElement, never
 * innerHTML, so text from a power list is always shown as text.
 */
(function () {
  "use strict";

  var MAX_RESULTS = 60;
  var BASE_FONT_PX = 14;
  var LABEL_WIDTH_PX = 180;
  var FIT_MARGIN = 0.85;
  var KIND_NAMES = {
    instrument: "法律法规文件",
    provision: "条款",
    agency: "实施主体",
    item: "权责事项",
  };
  var KIND_RANK = { instrument: 0, provision: 1, agency: 2, item: 3 };

  /* The search key of kg.site.search.search_key, and nothing more: NFKC, lower case, no
   * spaces, quotes or brackets (人社部[2016]120号 = 人社部〔2016〕120号 = 人社部2016120号).
   * What a reference means is worked out at build time by kg trace's parser (KG_SEARCH_KEYS). */
  function normalise(text) {
    return String(text || "")
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\s《》〈〉<>“”"'‘’()（）〔〕［］【】[\]{}]/g, "");
  }
  window.kgSearchKey = normalise;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* ---------------------------------------------------------------- search */

  function rootPrefix() {
    var body = document.body;
    return (body && body.getAttribute("data-root")) || "";
  }

  function searchEntries() {
    var raw = window.KG_SEARCH_INDEX || [];
    if (!raw._prepared) {
      raw.forEach(function (e) {
        e._keys = normalise(e.k + " " + e.l + " " + (e.s || ""));
        e._label = normalise(e.l);
      });
      raw._prepared = true;
    }
    return raw;
  }

  /* Pages a whole reference names (社保法第五十八条 → the article), from the build's table. */
  function referenceHits(q) {
    var urls = (window.KG_SEARCH_KEYS || {})[q] || [];
    if (!urls.length) return [];
    var byUrl = {};
    searchEntries().forEach(function (e) {
      byUrl[e.u] = e;
    });
    return urls
      .map(function (u) {
        return byUrl[u];
      })
      .filter(Boolean);
  }

  function search(query) {
    var q = normalise(query);
    if (!q) return [];
    var exact = referenceHits(q);
    var seen = {};
    exact.forEach(function (e) {
      seen[e.u] = true;
    });
    var hits = [];
    searchEntries().forEach(function (e) {
      if (seen[e.u]) return;
      var pos = e._keys.indexOf(q);
      if (pos < 0) return;
      var score = e._label === q ? 0 : e._label.indexOf(q) === 0 ? 1 : e._label.indexOf(q) >= 0 ? 2 : 3;
      hits.push({ e: e, score: score });
    });
    hits.sort(function (a, b) {
      return (
        a.score - b.score ||
        KIND_RANK[a.e.t] - KIND_RANK[b.e.t] ||
        a.e.o - b.e.o
      );
    });
    return exact.concat(
      hits.map(function (h) {
        return h.e;
      })
    );
  }

  function renderResults(box, list, query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var hits = search(query);
    var status = box.querySelector(".search-status");
    if (status) {
      status.textContent = query.trim()
        ? hits.length + " 条结果 results" + (hits.length > MAX_RESULTS ? "（显示前 " + MAX_RESULTS + " 条）" : "")
        : "";
    }
    hits.slice(0, MAX_RESULTS).forEach(function (e) {
      var li = el("li", "hit hit-" + e.t);
      var a = el("a", null, e.l);
      a.href = rootPrefix() + e.u;
      li.appendChild(el("span", "hit-kind", KIND_NAMES[e.t] || e.t));
      li.appendChild(a);
      if (e.s) li.appendChild(el("span", "hit-sub", e.s));
      list.appendChild(li);
    });
  }

  function initSearch() {
    Array.prototype.forEach.call(document.querySelectorAll(".search"), function (box) {
      var input = box.querySelector("input");
      var list = box.querySelector(".search-results");
      if (!input || !list) return;
      var update = function () {
        renderResults(box, list, input.value);
      };
      input.addEventListener("input", update);
      box.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var first = list.querySelector("a");
        if (first) window.location.href = first.href;
      });
      if (input.value) update();
    });
  }

  /* ---------------------------------------------------------------- graphs */

  function tooltip(lines) {
    var box = el("div", "kg-tip");
    (lines || []).forEach(function (line, i) {
      box.appendChild(el("div", i === 0 ? "kg-tip-head" : "kg-tip-line", line));
    });
    return box;
  }

  var MIN_LABEL_PX = 11;

  /* Fit the drawing to its canvas, then make sure no label is smaller than MIN_LABEL_PX
   * on screen at that zoom: fonts grow in canvas units by as much as the fit shrank them.
   * Bigger labels widen the drawing, so fit and grow again until both hold (a few rounds). */
  function fitWithMargin(network) {
    /* vis fits node shapes; labels drawn beside dots and diamonds can stick out: keep a margin. */
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * FIT_MARGIN, animation: false });
  }

  function readableLabels(network, nodes, container) {
    var scale = 1;
    var smallest = 0;
    for (var round = 0; round < 6; round++) {
      fitWithMargin(network);
      scale = network.getScale();
      smallest = Infinity;
      var grown = false;
      var updates = nodes.get().map(function (n) {
        var size = (n.font && n.font.size) || BASE_FONT_PX;
        var wanted = Math.max(size, Math.ceil(MIN_LABEL_PX / scale));
        if (wanted !== size) grown = true;
        smallest = Math.min(smallest, wanted * scale);
        return {
          id: n.id,
          font: Object.assign({}, n.font || {}, { size: wanted }),
          widthConstraint: { maximum: Math.round((LABEL_WIDTH_PX * wanted) / BASE_FONT_PX) },
        };
      });
      if (!grown) break;
      nodes.update(updates);
    }
    /* No refit here: the last round either needed no growth (fitted as it is) or grew the
     * labels at this zoom, which a refit would shrink again. */
    scale = network.getScale();
    smallest = Math.min.apply(
      null,
      nodes.get().map(function (n) {
        return ((n.font && n.font.size) || BASE_FONT_PX) * scale;
      })
    );
    container.setAttribute("data-label-px", String(Math.round(smallest * 10) / 10));
    container.setAttribute("data-scale", String(scale));
  }

  function drawGraph(container) {
    var source = document.getElementById(container.getAttribute("data-graph"));
    if (!source || typeof vis === "undefined") return null;
    var data = JSON.parse(source.textContent);
    var root = rootPrefix();
    var nodes = new vis.DataSet(
      data.nodes.map(function (n) {
        var copy = {};
        Object.keys(n).forEach(function (k) {
          /* "group" would make vis restyle the node from its (undefined) groups on update. */
          if (k !== "tip" && k !== "group") copy[k] = n[k];
        });
        copy.title = tooltip(n.tip);
        return copy;
      })
    );
    var edges = new vis.DataSet(
      data.edges.map(function (e, i) {
        var edge = { id: i, from: e.from, to: e.to, title: e.title, arrows: "to" };
        if (e.value) edge.value = e.value;
        return edge;
      })
    );
    var started = Date.now();
    var options = {
      autoResize: true,
      interaction: { hover: true, tooltipDelay: 120, navigationButtons: false, keyboard: false },
      nodes: {
        font: { face: window.getComputedStyle(document.body).fontFamily, size: BASE_FONT_PX, multi: false },
        widthConstraint: { maximum: LABEL_WIDTH_PX },
        borderWidth: 1,
      },
      edges: {
        color: { color: "#9aa5b1", highlight: "#333333" },
        smooth: false,
        width: 1,
        scaling: { min: 1, max: 8 },
      },
      layout: { improvedLayout: data.nodes.length <= 150, randomSeed: 7 },
      physics: {
        solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -400, centralGravity: 0.008, springLength: 200, springConstant: 0.04, avoidOverlap: 1 },
        maxVelocity: 60,
        minVelocity: 1.5,
        timestep: 0.5,
        stabilization: { enabled: true, iterations: data.nodes.length > 150 ? 100 : 200, updateInterval: 50, fit: true },
      },
    };
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      readableLabels(network, nodes, container);
      container.setAttribute("data-settled-ms", String(Date.now() - started));
      container.classList.add("settled");
    });
    network.on("click", function (params) {
      if (!params.nodes.length) return;
      var node = nodes.get(params.nodes[0]);
      if (node && node.url) window.location.href = root + node.url;
    });
    network.on("hoverNode", function (params) {
      var node = nodes.get(params.node);
      container.style.cursor = node && node.url ? "pointer" : "default";
    });
    network.on("blurNode", function () {
      container.style.cursor = "default";
    });
    return { network: network, nodes: nodes, edges: edges };
  }

  function initGraphs() {
    window.kgNetworks = [];
    Array.prototype.forEach.call(document.querySelectorAll(".kg-graph"), function (container) {
      var drawn = drawGraph(container);
      if (drawn) window.kgNetworks.push(drawn);
    });
    if (window.kgNetworks.length) window.kgNetwork = window.kgNetworks[0];
  }

  function init() {
    initSearch();
    initGraphs();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
