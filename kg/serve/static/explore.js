// The graph explorer: an entity's neighbourhood (or the whole graph when small), drawn with
// vis-network. The layout is stabilised once and then frozen; a click expands a node by
// placing its new neighbours on a ring around it, so nothing moves that was already placed.
// Every text from the graph is put into the page with textContent, never as HTML.
(function () {
  "use strict";
  const root = document.getElementById("explorer");
  if (!root || typeof vis === "undefined") return;
  const focus = root.dataset.iri || null;
  const container = document.getElementById("graph");
  const status = document.getElementById("explorer-status");
  const regionSelect = document.getElementById("filter-region");
  const yearSelect = document.getElementById("filter-year");
  const legend = document.getElementById("filter-classes");
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const info = new Map();
  const regionNames = new Map();
  const hiddenClasses = new Set();
  const classColours = new Map();
  const expanded = new Set();
  const LABEL_CHARS = 32;
  const state = { network: null, nodes: nodes, edges: edges, ready: false, expanded: expanded, busy: 0 };
  window.kgExplorer = state;

  function cut(text) {
    return text.length <= LABEL_CHARS ? text : text.slice(0, LABEL_CHARS - 1) + "…";
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function tooltip(node) {
    const box = element("div", "kg-tip");
    const head = element("div");
    head.append(element("b", "", node.label), document.createTextNode(" "), element("span", "kg-tip-cls", node.cls));
    box.append(head);
    if (node.years.length) box.append(element("div", "kg-tip-meta", "Year: " + node.years.join(", ")));
    const evidence = node.evidence;
    if (evidence) {
      box.append(element("blockquote", "kg-tip-text", evidence.text));
      const source = evidence.article + (evidence.date ? " · " + evidence.date : "");
      const more = evidence.count > 1 ? " · " + evidence.count + " mentions" : "";
      box.append(element("div", "kg-tip-meta", source + more));
    }
    return box;
  }

  function visible(item) {
    const node = info.get(item.id);
    if (!node) return false;
    if (item.id === focus) return true;
    if (hiddenClasses.has(node.cls)) return false;
    const region = regionSelect.value;
    if (region && node.regions.indexOf(region) < 0) return false;
    const year = yearSelect.value;
    if (year && node.years.length && node.years.indexOf(Number(year)) < 0) return false;
    return true;
  }

  const view = new vis.DataView(nodes, { filter: visible });

  function ring(centre, count, index) {
    const radius = 160 + 12 * Math.sqrt(count);
    const angle = (2 * Math.PI * index) / Math.max(count, 1);
    return { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
  }

  function add(graph, around) {
    const fresh = graph.nodes.filter(function (node) { return !info.has(node.id); });
    const centre = around && state.network ? state.network.getPosition(around) : null;
    fresh.forEach(function (node, index) {
      info.set(node.id, node);
      classColours.set(node.cls, node.color);
      const item = {
        id: node.id,
        label: cut(node.label),
        title: tooltip(node),
        color: node.color,
        shape: "dot",
        size: node.id === focus ? 22 : 13,
      };
      if (centre) Object.assign(item, ring(centre, fresh.length, index));
      nodes.add(item);
    });
    graph.edges.forEach(function (edge) {
      if (!edges.get(edge.id)) {
        edges.add({ id: edge.id, from: edge.from, to: edge.to, label: edge.label, title: edge.predicate });
      }
    });
    Object.keys(graph.regions || {}).forEach(function (iri) { regionNames.set(iri, graph.regions[iri]); });
    refreshControls();
    view.refresh();
    report(graph.truncated);
  }

  function refreshControls() {
    const chosenRegion = regionSelect.value;
    const regions = Array.from(regionNames.entries()).sort(function (a, b) { return a[1].localeCompare(b[1]); });
    regionSelect.replaceChildren(new Option("all", ""));
    regions.forEach(function (entry) { regionSelect.append(new Option(entry[1], entry[0])); });
    regionSelect.value = chosenRegion;
    const chosenYear = yearSelect.value;
    const years = new Set();
    info.forEach(function (node) { node.years.forEach(function (year) { years.add(year); }); });
    yearSelect.replaceChildren(new Option("all", ""));
    Array.from(years).sort().forEach(function (year) { yearSelect.append(new Option(String(year), String(year))); });
    yearSelect.value = chosenYear;
    const counts = new Map();
    info.forEach(function (node) { counts.set(node.cls, (counts.get(node.cls) || 0) + 1); });
    legend.replaceChildren.apply(legend, Array.from(counts.keys()).sort().map(function (cls) {
      const li = element("li");
      const label = element("label");
      const box = element("input");
      box.type = "checkbox";
      box.checked = !hiddenClasses.has(cls);
      box.dataset.cls = cls;
      box.addEventListener("change", function () {
        if (box.checked) hiddenClasses.delete(cls); else hiddenClasses.add(cls);
        view.refresh();
        report(0);
      });
      const swatch = element("span", "swatch");
      swatch.style.background = classColours.get(cls);
      label.append(box, swatch, document.createTextNode(cls + " "), element("span", "count", String(counts.get(cls))));
      li.append(label);
      return li;
    }));
  }

  function report(truncated) {
    const shown = view.length;
    const more = truncated ? " (" + truncated + " more not shown)" : "";
    status.textContent = shown + " of " + info.size + " entities shown" + more;
  }

  async function load(url) {
    state.busy += 1;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      const data = await response.json();
      if (!response.ok) throw new Error(data.error || response.statusText);
      return data;
    } finally {
      state.busy -= 1;
    }
  }

  async function expand(id) {
    if (expanded.has(id)) return;
    expanded.add(id);
    add(await load("/api/neighbourhood?iri=" + encodeURIComponent(id)), id);
  }

  function draw() {
    const options = {
      autoResize: true,
      layout: { randomSeed: 42, improvedLayout: info.size < 300 },
      nodes: { shape: "dot", borderWidth: 1, font: { size: 13, color: "#1f2933" } },
      edges: {
        arrows: { to: { enabled: true, scaleFactor: 0.5 } },
        color: { color: "#9aa5b1", highlight: "#334e68", hover: "#334e68" },
        font: { size: 10, color: "#52606d", strokeWidth: 3, align: "middle" },
        smooth: false,
        width: 1,
      },
      physics: {
        enabled: true,
        solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -60, springLength: 110, avoidOverlap: 0.3 },
        stabilization: { enabled: true, iterations: 600, updateInterval: 50, fit: true },
      },
      interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: info.size > 300 },
    };
    const network = new vis.Network(container, { nodes: view, edges: edges }, options);
    state.network = network;
    function freeze() {
      if (state.ready) return;
      network.setOptions({ physics: { enabled: false } });
      state.ready = true;
      root.classList.add("ready");
    }
    network.once("stabilizationIterationsDone", freeze);
    network.once("stabilized", freeze);
    if (!info.size) freeze();
    network.on("click", function (params) {
      if (params.nodes.length) expand(params.nodes[0]).catch(function (error) { status.textContent = String(error.message || error); });
    });
    network.on("doubleClick", function (params) {
      const node = params.nodes.length && info.get(params.nodes[0]);
      if (node && node.href) window.location.href = node.href;
    });
  }

  regionSelect.addEventListener("change", function () { view.refresh(); report(0); });
  yearSelect.addEventListener("change", function () { view.refresh(); report(0); });

  const first = focus ? "/api/neighbourhood?iri=" + encodeURIComponent(focus) : "/api/graph";
  load(first)
    .then(function (graph) {
      if (focus) expanded.add(focus);
      add(graph, null);
      draw();
    })
    .catch(function (error) {
      status.textContent = focus ? String(error.message || error) : "The graph is too large to draw whole: search for an entity above.";
      state.ready = true;
    });
})();
