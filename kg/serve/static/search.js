// Suggestions as one types in the search box: /api/search, shown as a list of links.
(function () {
  "use strict";
  const input = document.getElementById("q");
  const list = document.getElementById("suggestions");
  if (!input || !list) return;
  let timer = null;
  let items = [];
  let active = -1;
  let sequence = 0;

  function hide() {
    list.hidden = true;
    active = -1;
  }

  function render() {
    const children = items.map(function (item, index) {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "suggestion-" + index;
      const link = document.createElement("a");
      if (item.href) link.href = item.href; // only this server's pages and http(s) IRIs
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = item.colour;
      const label = document.createElement("span");
      label.className = "label";
      label.textContent = item.label;
      const cls = document.createElement("span");
      cls.className = "cls";
      cls.textContent = item.cls;
      link.append(swatch, label, cls);
      if (item.matched && item.matched !== item.label) {
        const matched = document.createElement("span");
        matched.className = "muted";
        matched.textContent = item.matched;
        link.append(matched);
      }
      li.append(link);
      return li;
    });
    list.replaceChildren.apply(list, children);
    list.hidden = items.length === 0;
    highlight();
  }

  function highlight() {
    Array.prototype.forEach.call(list.children, function (li, index) {
      li.classList.toggle("active", index === active);
    });
    if (active >= 0) input.setAttribute("aria-activedescendant", "suggestion-" + active);
    else input.removeAttribute("aria-activedescendant");
  }

  async function suggest() {
    const text = input.value.trim();
    const mine = ++sequence;
    if (!text) {
      items = [];
      hide();
      return;
    }
    const response = await fetch("/api/search?limit=8&q=" + encodeURIComponent(text));
    if (!response.ok || mine !== sequence) return;
    items = await response.json();
    active = -1;
    render();
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden || !items.length) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      active = (active + step + items.length) % items.length;
      highlight();
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      if (items[active].href) window.location.href = items[active].href;
    } else if (event.key === "Escape") {
      hide();
    }
  });
  input.addEventListener("blur", function () {
    setTimeout(hide, 200);
  });
  input.addEventListener("focus", function () {
    if (items.length) list.hidden = false;
  });
})();
