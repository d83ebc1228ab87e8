"""Screenshots of every page of the web UI and of the offline export, at 1400 and 420 px wide.

    .venv/bin/python tools/screenshots.py                 # writes exports/screenshots/*.png
    .venv/bin/python tools/screenshots.py --out /tmp/shots

Builds the seeds into a temporary store, starts `kg serve` on a free loopback port, and
drives headless Chromium (/usr/bin/chromium, network off: only the local server is
reachable) over the home page, the header's links, one entity page of each kind, the
explorer, the query page running a saved query, search, and `exports/graph.html`. Each
page is captured whole at a desktop width and at a phone width.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / ".venv" / "bin" / "kg"
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from kg.namespaces import RESOURCE_BASE  # noqa: E402

WIDTHS = {"desktop": (1400, 900), "phone": (420, 860)}
ENTITY_KINDS = {
    "region": "kg:Region",
    "person": "kg:Person",
    "award": "kg:AwardConferral",
    "figure": "kg:CoverageFigure",
    "regulation": "kg:Regulation",
    "programme": "kg:Programme",
    "article": "kg:Article",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"kg serve did not answer at {base} within {seconds:g} s")


def first_of(base: str, cls: str) -> str | None:
    """The local path of one node of a class, the one with the most facts about it first."""
    query = (
        f"SELECT ?n (COUNT(?p) AS ?k) WHERE {{ ?n a {cls} ; ?p ?o }} GROUP BY ?n ORDER BY DESC(?k) ?n LIMIT 1"
    )
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        bindings = json.load(answer)["results"]["bindings"]
    if not bindings:
        return None
    iri = bindings[0]["n"]["value"]
    return "/id/" + iri.split("/id/", 1)[1] if "/id/" in iri else None


def pages(base: str, page: Page) -> dict[str, str]:
    """Name -> path of every page to capture."""
    found = {"home": "/", "search": "/search?q=madiun", "query": "/query#awards-by-year"}
    page.goto(base + "/")
    for link in page.locator("header a[href^='/']").all():
        href = link.get_attribute("href") or ""
        if href.startswith("/.well-known"):
            continue  # RDF for machines, not a page
        name = href.strip("/").split("?")[0].replace("/", "-") or "home"
        found.setdefault(name, href)
    page.goto(base + "/overview")
    for link in page.locator("main a[href^='/overview/']").all():
        href = link.get_attribute("href") or ""
        if "?" not in href and "/list/" not in href:
            found.setdefault(href.strip("/").replace("/", "-"), href)
    for kind, cls in ENTITY_KINDS.items():
        path = first_of(base, cls)
        if path:
            found[f"entity-{kind}"] = path
    region = found.get("entity-region")
    if region:
        iri = RESOURCE_BASE + region.removeprefix("/id/")
        found["explore"] = "/explore?" + urllib.parse.urlencode({"iri": iri})
    return found


def capture(page: Page, url: str, target: Path) -> None:
    response = page.goto(url, wait_until="networkidle")
    if response is not None and response.status >= 400:
        raise SystemExit(f"{url} answered {response.status}: no screenshot of a broken page")
    page.wait_for_timeout(800)  # the explorer and the query page settle after load
    page.screenshot(path=str(target), full_page=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "exports" / "screenshots")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        store = Path(work) / "store"
        subprocess.run([str(KG), "build", str(ROOT / "seeds"), "--store", str(store), "-q"], check=True)
        port = free_port()
        server = subprocess.Popen(
            [str(KG), "serve", "--store", str(store), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base)
            shoot(base, options.out)
        finally:
            server.terminate()
            server.wait(10)


def shoot(base: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        listing = browser.new_page()
        targets = pages(base, listing)
        listing.close()
        for width_name, size in WIDTHS.items():
            context = browser.new_context(viewport={"width": size[0], "height": size[1]})
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith((base, "file://")) else route.abort()
                ),
            )
            page = context.new_page()
            for name, path in sorted(targets.items()):
                capture(page, base + path, out / f"{name}-{width_name}.png")
                print(f"{name}-{width_name}.png  {path}")
            capture(page, (ROOT / "exports" / "graph.html").as_uri(), out / f"export-{width_name}.png")
            print(f"export-{width_name}.png  exports/graph.html")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
