// The query page: YASGUI on this server's endpoint, the saved queries one click away, results
// as a table or as a graph (a YASR plugin drawing with vis-network), and a download link.
// Nothing is fetched from elsewhere: prefixes come from YASGUI's bundled list, and the
// autocompleters that ask remote vocabulary services are left out.
(function () {
  "use strict";
  const saved = JSON.parse(document.getElementById("saved-data").textContent);
  const byName = new Map(saved.map(function (query) { return [query.name, query]; }));
  const endpoint = window.location.origin + "/sparql";
  const MAX_NODES = 400;
  const container = document.getElementById("yasgui");
  const base = container.dataset.base || "";
  // Read the deep link (/query#name) now: YASGUI reads the hash as its own state and clears it.
  const wanted = decodeURIComponent(window.location.hash.slice(1));

  function term(binding) {
    if (!binding) return null;
    const isIri = binding.type === "uri";
    return { id: (isIri ? "" : "literal:") + binding.value, label: binding.value, iri: isIri };
  }

  function shortLabel(text) {
    const tail = text.replace(/[#/]+$/, "").split(/[#/]/).pop() || text;
    const label = text.startsWith("http") ? tail : text;
    return label.length > 30 ? label.slice(0, 29) + "…" : label;
  }

  // Triples (CONSTRUCT, or SELECT ?s ?p ?o) become edges; any other SELECT links each row's
  // first value to its other values, the edge named after the column.
  function graphOf(results) {
    const vars = results.getVariables() || [];
    const bindings = results.getBindings() || [];
    const triple = ["subject", "predicate", "object"].every(function (v) { return vars.indexOf(v) >= 0; })
      ? ["subject", "predicate", "object"]
      : ["s", "p", "o"].every(function (v) { return vars.indexOf(v) >= 0; }) ? ["s", "p", "o"] : null;
    const nodes = new Map();
    const edges = [];
    function node(value) {
      if (!nodes.has(value.id) && nodes.size < MAX_NODES) {
        nodes.set(value.id, { id: value.id, label: shortLabel(value.label), title: value.label,
          shape: value.iri ? "dot" : "box", color: value.iri ? "#1f77b4" : "#e4e7eb" });
      }
      return nodes.has(value.id);
    }
    bindings.forEach(function (row) {
      if (triple) {
        const s = term(row[triple[0]]);
        const o = term(row[triple[2]]);
        const p = row[triple[1]];
        if (s && o && p && node(s) && node(o)) edges.push({ from: s.id, to: o.id, label: shortLabel(p.value), title: p.value });
        return;
      }
      const source = term(row[vars[0]]);
      if (!source || !node(source)) return;
      vars.slice(1).forEach(function (name) {
        const target = term(row[name]);
        if (target && node(target)) edges.push({ from: source.id, to: target.id, label: name });
      });
    });
    return { nodes: Array.from(nodes.values()), edges: edges };
  }

  function GraphPlugin(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = "Graph";
  }
  GraphPlugin.prototype.canHandleResults = function () {
    const results = this.yasr.results;
    return !!(results && results.getBindings && results.getBindings() && results.getBindings().length);
  };
  GraphPlugin.prototype.getIcon = function () {
    const icon = document.createElement("span");
    icon.textContent = "◉";
    return icon;
  };
  GraphPlugin.prototype.draw = function () {
    const data = graphOf(this.yasr.results);
    const box = document.createElement("div");
    box.className = "result-graph";
    this.yasr.resultsEl.appendChild(box);
    const network = new vis.Network(box, { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) }, {
      layout: { randomSeed: 42 },
      edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } }, font: { size: 10 }, smooth: false, color: "#9aa5b1" },
      physics: { solver: "forceAtlas2Based", stabilization: { iterations: 400, fit: true } },
      interaction: { hover: true },
    });
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
    window.kgResultGraph = network;
  };
  Yasgui.Yasr.registerPlugin("graph", GraphPlugin);

  const yasgui = new Yasgui(container, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { autocompleters: ["prefixes", "variables"], prefixCcApi: "" },
    yasr: { pluginOrder: ["table", "graph", "response"], defaultPlugin: "table", prefixes: {} },
  });
  window.kgYasgui = yasgui;

  function tab() {
    const current = yasgui.getTab();
    if (current.getEndpoint() !== endpoint) current.setEndpoint(endpoint);
    return current;
  }

  const download = document.getElementById("download");
  function updateDownload() {
    const yasqe = tab().getYasqe();
    if (!yasqe) return;
    const graph = ["CONSTRUCT", "DESCRIBE"].indexOf(yasqe.getQueryType()) >= 0;
    const format = graph ? "turtle" : "csv";
    download.textContent = "Download the results (" + (graph ? "Turtle" : "CSV") + ")";
    download.href = "/sparql?download=1&format=" + format + "&query=" + encodeURIComponent(yasqe.getValue());
  }

  function run(name) {
    const query = byName.get(name);
    if (!query) return;
    const current = tab();
    current.setQuery(query.sparql);
    updateDownload();
    current.query();
  }

  // The graph's own IRIs resolve on this server: a result's link goes to /id/..., not to the
  // public w3id.org address, which leaves the server (and needs the network).
  function localise(link) {
    const href = link.getAttribute("href") || "";
    if (base && href.indexOf(base) === 0) link.setAttribute("href", "/id/" + href.slice(base.length));
  }
  function localLinks() {
    if (!base) return;
    container.querySelectorAll("a[href]").forEach(localise);
    new MutationObserver(function () {
      container.querySelectorAll("a[href^='" + base + "']").forEach(localise);
    }).observe(container, { childList: true, subtree: true });
  }

  document.querySelectorAll("#saved-queries button").forEach(function (button) {
    button.addEventListener("click", function () {
      history.replaceState(null, "", "#" + button.dataset.name);
      run(button.dataset.name);
    });
  });
  yasgui.on("query", function () { updateDownload(); });
  yasgui.on("tabChange", function () { updateDownload(); });
  tab();
  updateDownload();
  localLinks();
  if (byName.has(wanted)) {
    history.replaceState(null, "", "#" + encodeURIComponent(wanted));
    run(wanted);
  }
})();
