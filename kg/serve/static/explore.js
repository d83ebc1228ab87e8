// The graph explorer: an entity's neighbourhood (or the whole graph when small), drawn with
// vis-network. The server sends a class with many neighbours (an article per story, a
// coverage figure per article) as one group node; opening it adds its members, newest first.
//
// Layout: the first view starts on a ring by class and is relaxed by the physics once, then
// frozen. Expanding a node places its new neighbours on a ring around it, so nothing that
// was placed moves. A filter (class, region, year) or hiding a node changes which nodes are
// drawn: the drawn ones are then laid out again from where they stood and the view is
// fitted to them, so a filter never leaves a clump in a corner of an empty canvas.
//
// A tap (or click) fills the details panel with the entity's evidence: the sentence it was
// read from, its article and date; hovering shows the same card. Every text from the graph
// is put into the page with textContent, never as HTML.
(function () {
  "use strict";
  const root = document.getElementById("explorer");
  if (!root || typeof vis === "undefined") return;
  const focus = root.dataset.iri || null;
  const language = document.documentElement.lang === "en" ? "en" : "id";
  const other = language === "en" ? "id" : "en";
  const STRINGS = {
    id: {
      region: "Daerah",
      year: "Tahun",
      all: "semua",
      loading: "Memuat…",
      shown: "{shown} dari {total} ditampilkan",
      hidden: "{n} disembunyikan",
      unread: "{n} tautan lagi tidak dibaca",
      showHidden: "Tampilkan lagi yang disembunyikan",
      expand: "Tampilkan tetangganya",
      openGroup: "Tampilkan {n} anggota",
      hide: "Sembunyikan",
      page: "Buka halamannya",
      mentions: "{n} penyebutan",
      members: "{shown} dari {count} sesuai saringan",
      noEvidence: "Tidak ada kalimat sumber.",
      pick: "Ketuk entitas untuk melihat kalimat sumbernya.",
      hint: "Ketuk entitas untuk kalimat sumbernya; ketuk dua kali untuk tetangganya atau anggota kelompok; klik kanan untuk menyembunyikannya.",
      tooLarge: "Graf terlalu besar untuk digambar utuh: cari entitas di atas.",
    },
    en: {
      region: "Region",
      year: "Year",
      all: "all",
      loading: "Loading…",
      shown: "{shown} of {total} shown",
      hidden: "{n} hidden",
      unread: "{n} more links not read",
      showHidden: "Show the hidden again",
      expand: "Show its neighbours",
      openGroup: "Show {n} members",
      hide: "Hide",
      page: "Open its page",
      mentions: "{n} mentions",
      members: "{shown} of {count} match the filters",
      noEvidence: "No source sentence.",
      pick: "Tap an entity to see the sentence it was read from.",
      hint: "Tap an entity for its evidence; double-tap for its neighbours or a group's members; right-click to hide it.",
      tooLarge: "The graph is too large to draw whole: search for an entity above.",
    },
  };
  const container = document.getElementById("graph");
  const status = document.getElementById("explorer-status");
  const regionSelect = document.getElementById("filter-region");
  const yearSelect = document.getElementById("filter-year");
  const legend = document.getElementById("filter-classes");
  const details = document.getElementById("explorer-details");
  const restore = document.getElementById("explorer-restore");
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const info = new Map();
  const regionNames = new Map();
  const hiddenClasses = new Set();
  const hidden = new Set();
  const classColours = new Map();
  const classNames = new Map();
  const expanded = new Set();
  const LABEL_CHARS = 32;
  const RELAYOUT_ITERATIONS = 250;
  const GROUP_PAGE = 40;  // as kg.serve.explore.GROUP_PAGE: members sent per opening
  const state = {
    network: null, nodes: nodes, edges: edges, info: info, hidden: hidden, expanded: expanded,
    ready: false, busy: 0, layouts: 0, selected: null, truncated: 0,
  };
  window.kgExplorer = state;

  function say(key, fields) {
    return STRINGS[language][key].replace(/\{(\w+)\}/g, function (_, name) { return String(fields[name]); });
  }

  // A class as the reader's language names it (the server sends both names), else its local name.
  function className(cls) {
    const names = classNames.get(cls);
    return names ? names[language] || names[other] || cls : cls;
  }

  function cut(text) {
    return text.length <= LABEL_CHARS ? text : text.slice(0, LABEL_CHARS - 1) + "…";
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function safeHref(href) {
    return typeof href === "string" && /^(\/|https?:\/\/)/i.test(href) ? href : null;
  }

  function link(href, text) {
    const target = safeHref(href);
    if (!target) return element("span", "", text);
    const anchor = element("a", "", text);
    anchor.href = target;
    return anchor;
  }

  // --- filters ------------------------------------------------------------------------------

  function passes(years, regions) {
    const region = regionSelect.value;
    if (region && regions.indexOf(region) < 0) return false;
    const year = yearSelect.value;
    return !year || years.indexOf(Number(year)) >= 0;
  }

  function matchingMembers(node) {
    return node.group.members.filter(function (member) { return passes(member.years, member.regions); });
  }

  function visible(item) {
    const node = info.get(item.id);
    if (!node) return false;
    if (item.id === focus) return true;
    if (hidden.has(item.id) || hiddenClasses.has(node.cls)) return false;
    if (node.group) return matchingMembers(node).length > 0;
    return passes(node.years, node.regions);
  }

  const view = new vis.DataView(nodes, { filter: visible });
  state.view = view;

  function groupLabel(node) {
    const names = node.group.names;
    const count = regionSelect.value || yearSelect.value ? matchingMembers(node).length : node.group.members.length;
    return count + " " + names[language] + " / " + names[other];
  }

  function relabelGroups() {
    const changes = [];
    info.forEach(function (node) {
      if (node.group && nodes.get(node.id)) changes.push({ id: node.id, label: groupLabel(node), title: tooltip(node) });
    });
    nodes.update(changes);
  }

  function applyFilters() {
    relabelGroups();
    view.refresh();
    refreshLegend();
    report();
    relayout();
  }

  // --- layout ---------------------------------------------------------------------------------

  function ring(centre, count, index, base) {
    const radius = (base || 160) + 14 * Math.sqrt(count);
    const angle = (2 * Math.PI * index) / Math.max(count, 1);
    return { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
  }

  // vis-network's own storePositions fails on nodes a filter took out of the drawing.
  function keepPositions() {
    const positions = state.network.getPositions();
    nodes.update(Object.keys(positions).map(function (id) {
      return { id: id, x: positions[id].x, y: positions[id].y };
    }));
  }

  function settle() {
    const network = state.network;
    network.setOptions({ physics: { enabled: false } });
    keepPositions();
    network.fit({ animation: false });
    state.layouts += 1;
    state.ready = true;
    root.classList.add("ready");
  }

  function relayout() {
    const network = state.network;
    if (!network) return;
    state.ready = false;
    if (view.length < 2) {  // nothing to lay out, and vis-network would not say it is done
      settle();
      return;
    }
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(RELAYOUT_ITERATIONS);
  }

  // --- cards: the hover tooltip and the details panel ------------------------------------------------

  function evidenceBlock(evidence) {
    const box = element("div", "kg-evidence");
    const quote = element("blockquote", "kg-tip-text");
    const text = evidence.text;
    const anchor = evidence.anchor;
    if (anchor && anchor[0] < anchor[1] && anchor[1] <= text.length) {
      quote.append(text.slice(0, anchor[0]), element("mark", "", text.slice(anchor[0], anchor[1])), text.slice(anchor[1]));
    } else {
      quote.textContent = text;
    }
    const source = element("div", "kg-tip-meta");
    source.append(link(evidence.href, evidence.article));
    if (evidence.date) source.append(" · " + evidence.date);
    if (evidence.count > 1) source.append(" · " + say("mentions", { n: evidence.count }));
    box.append(quote, source);
    return box;
  }

  function heading(node) {
    const head = element("div", "kg-tip-head");
    head.append(element("b", "", node.group ? groupLabel(node) : node.label), " ", element("span", "kg-tip-cls", className(node.cls)));
    return head;
  }

  function facts(node) {
    const box = element("div", "kg-tip-meta");
    const years = node.group ? [] : node.years;
    if (years.length) box.append(element("div", "", say("year") + ": " + years.join(", ")));
    const regions = node.regions.map(function (iri) { return regionNames.get(iri); }).filter(Boolean);
    if (!node.group && regions.length) box.append(element("div", "", say("region") + ": " + regions.join(", ")));
    if (node.group) {
      box.append(element("div", "", say("members", { shown: matchingMembers(node).length, count: node.group.members.length })));
    }
    return box;
  }

  function tooltip(node) {
    const box = element("div", "kg-tip");
    box.append(heading(node), facts(node));
    if (node.evidence) box.append(evidenceBlock(node.evidence));
    return box;
  }

  function button(text, action, name) {
    const control = element("button", "", text);
    control.type = "button";
    control.dataset.action = name;
    control.addEventListener("click", function () {
      Promise.resolve(action()).catch(function (error) { status.textContent = String(error.message || error); });
    });
    return control;
  }

  function showDetails(id) {
    const node = info.get(id);
    state.selected = node ? id : null;
    if (!node) {
      details.replaceChildren(element("p", "muted", say("pick")));
      return;
    }
    const title = element("h3");
    title.append(node.group ? element("span", "", groupLabel(node)) : link(node.href, node.label));
    const actions = element("div", "actions");
    if (node.group) {
      const count = Math.min(matchingMembers(node).length, GROUP_PAGE);
      actions.append(button(say("openGroup", { n: count }), function () { return openGroup(id); }, "open"));
    } else if (!expanded.has(id)) {
      actions.append(button(say("expand"), function () { return expand(id); }, "expand"));
    }
    if (id !== focus) actions.append(button(say("hide"), function () { hide(id); }, "hide"));
    if (safeHref(node.href)) actions.append(link(node.href, say("page")));
    details.replaceChildren(title, element("span", "kg-tip-cls", className(node.cls)), facts(node));
    details.append(node.evidence ? evidenceBlock(node.evidence) : element("p", "muted", node.group ? "" : say("noEvidence")));
    details.append(actions);
  }

  // --- the graph: adding, expanding, opening groups, hiding ------------------------------------------

  function item(node, position) {
    const group = Boolean(node.group);
    const shown = {
      id: node.id,
      label: group ? groupLabel(node) : cut(node.label),
      title: tooltip(node),
      color: group ? { background: "#fff", border: node.color, highlight: { background: "#f0f4f8", border: node.color } } : node.color,
      shape: group ? "box" : "dot",
      borderWidth: group ? 3 : 1,
      size: node.id === focus ? 22 : 13,
    };
    if (position) Object.assign(shown, position);
    return shown;
  }

  // What a payload says besides its nodes: region and class names, links not read.
  function learn(graph) {
    Object.keys(graph.regions || {}).forEach(function (iri) { regionNames.set(iri, graph.regions[iri]); });
    Object.keys(graph.classes || {}).forEach(function (cls) { classNames.set(cls, graph.classes[cls]); });
    state.truncated += graph.truncated || 0;
  }

  function add(graph, centre) {
    learn(graph);
    const fresh = graph.nodes.filter(function (node) { return !info.has(node.id); });
    fresh.forEach(function (node, index) {
      info.set(node.id, node);
      classColours.set(node.cls, node.color);
      nodes.add(item(node, centre ? ring(centre, fresh.length, index) : null));
    });
    graph.edges.forEach(function (edge) {
      if (!edges.get(edge.id) && info.has(edge.from) && info.has(edge.to)) {
        edges.add({ id: edge.id, from: edge.from, to: edge.to, label: edge.label, title: edge.predicate });
      }
    });
    refreshControls();
    view.refresh();
    report();
  }

  // The first view: the focus in the middle, its neighbours on a ring in class order, for the physics to relax.
  function placeFirst(graph) {
    const around = graph.nodes.filter(function (node) { return node.id !== focus; });
    around.sort(function (a, b) { return a.cls.localeCompare(b.cls) || a.label.localeCompare(b.label); });
    const places = new Map();
    around.forEach(function (node, index) { places.set(node.id, ring({ x: 0, y: 0 }, around.length, index, 120)); });
    places.set(focus, { x: 0, y: 0 });
    learn(graph);
    graph.nodes.forEach(function (node) {
      info.set(node.id, node);
      classColours.set(node.cls, node.color);
      nodes.add(item(node, focus ? places.get(node.id) : null));
    });
    add({ nodes: [], edges: graph.edges }, null);
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
    const node = info.get(id);
    if (!node || node.group) return openGroup(id);
    if (expanded.has(id)) return;
    expanded.add(id);
    const graph = await load("/api/neighbourhood?iri=" + encodeURIComponent(id));
    add(graph, state.network.getPosition(id));
    state.network.fit({ animation: false });
    if (state.selected === id) showDetails(id);
  }

  async function openGroup(id) {
    const node = info.get(id);
    if (!node || !node.group || node.opening) return;
    node.opening = true;
    const group = node.group;
    // The members that pass the filters, newest first, a page at a time (the offset is per filter).
    const filters = "&year=" + encodeURIComponent(yearSelect.value) + "&region=" + encodeURIComponent(regionSelect.value);
    group.offsets = group.offsets || {};
    const url = "/api/neighbourhood?iri=" + encodeURIComponent(group.focus) + "&group=" +
      encodeURIComponent(group.cls) + "&offset=" + (group.offsets[filters] || 0) + filters;
    try {
      const page = await load(url);
      const centre = state.network.getPosition(id);
      const loaded = new Set(page.nodes.map(function (member) { return member.id; }));
      group.offsets[filters] = (group.offsets[filters] || 0) + page.nodes.length;
      group.members = group.members.filter(function (member) { return !loaded.has(member.id); });
      if (!group.members.length) {
        info.delete(id);
        nodes.remove(id);
        edges.remove(edges.getIds({ filter: function (edge) { return edge.from === id || edge.to === id; } }));
      } else {
        nodes.update({ id: id, label: groupLabel(node), title: tooltip(node) });
      }
      add(page, centre);
      state.network.fit({ animation: false });
      showDetails(info.has(id) ? id : null);
    } finally {
      node.opening = false;
    }
  }

  function hide(id) {
    if (id === focus) return;
    hidden.add(id);
    if (state.selected === id) showDetails(null);
    applyFilters();
  }

  // --- controls ---------------------------------------------------------------------------------

  function refreshControls() {
    const chosenRegion = regionSelect.value;
    const regions = Array.from(regionNames.entries()).sort(function (a, b) { return a[1].localeCompare(b[1]); });
    regionSelect.replaceChildren(new Option(say("all"), ""));
    regions.forEach(function (entry) { regionSelect.append(new Option(entry[1], entry[0])); });
    regionSelect.value = regionNames.has(chosenRegion) ? chosenRegion : "";
    const chosenYear = yearSelect.value;
    const years = new Set();
    info.forEach(function (node) {
      const lists = node.group ? node.group.members.map(function (member) { return member.years; }) : [node.years];
      lists.forEach(function (list) { list.forEach(function (year) { years.add(year); }); });
    });
    yearSelect.replaceChildren(new Option(say("all"), ""));
    Array.from(years).sort().forEach(function (year) { yearSelect.append(new Option(String(year), String(year))); });
    yearSelect.value = years.has(Number(chosenYear)) ? chosenYear : "";
    refreshLegend();
  }

  function refreshLegend() {
    const counts = new Map();
    info.forEach(function (node) {
      const size = node.group ? node.group.members.length : hidden.has(node.id) ? 0 : 1;
      counts.set(node.cls, (counts.get(node.cls) || 0) + size);
    });
    legend.replaceChildren.apply(legend, Array.from(counts.keys()).sort().map(function (cls) {
      const entry = element("li");
      const label = element("label");
      const box = element("input");
      box.type = "checkbox";
      box.checked = !hiddenClasses.has(cls);
      box.dataset.cls = cls;
      box.addEventListener("change", function () {
        if (box.checked) hiddenClasses.delete(cls); else hiddenClasses.add(cls);
        applyFilters();
      });
      const swatch = element("span", "swatch");
      swatch.style.background = classColours.get(cls);
      label.append(box, swatch, className(cls) + " ", element("span", "count", String(counts.get(cls))));
      entry.append(label);
      return entry;
    }));
  }

  function report() {
    const parts = [say("shown", { shown: view.length, total: nodes.length })];
    if (hidden.size) parts.push(say("hidden", { n: hidden.size }));
    if (state.truncated) parts.push(say("unread", { n: state.truncated }));
    status.textContent = parts.join(" · ");
    restore.hidden = hidden.size === 0;
  }

  function draw() {
    const options = {
      autoResize: true,
      layout: { randomSeed: 42, improvedLayout: !focus && info.size < 300 },
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
    network.on("stabilizationIterationsDone", settle);
    if (!info.size) settle();
    network.on("click", function (params) {
      if (params.nodes.length) showDetails(params.nodes[0]);
    });
    network.on("doubleClick", function (params) {
      if (params.nodes.length) expand(params.nodes[0]).catch(function (error) { status.textContent = String(error.message || error); });
    });
    network.on("oncontext", function (params) {
      const id = network.getNodeAt(params.pointer.DOM);
      if (id === undefined) return;
      params.event.preventDefault();
      hide(id);
    });
  }

  root.querySelectorAll("[data-text]").forEach(function (place) { place.textContent = say(place.dataset.text); });
  restore.addEventListener("click", function () {
    hidden.clear();
    applyFilters();
  });
  showDetails(null);
  regionSelect.addEventListener("change", applyFilters);
  yearSelect.addEventListener("change", applyFilters);

  const first = focus ? "/api/neighbourhood?iri=" + encodeURIComponent(focus) : "/api/graph";
  load(first)
    .then(function (graph) {
      if (focus) expanded.add(focus);
      placeFirst(graph);
      draw();
      if (focus) showDetails(focus);
    })
    .catch(function (error) {
      status.textContent = focus ? String(error.message || error) : say("tooLarge");
      state.ready = true;
    });
})();
