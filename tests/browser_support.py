"""Headless Chromium for the browser tests: where it is, how it starts, and an offline page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

CHROMIUM = Path("/usr/bin/chromium")
# Flags that keep a headless Chromium off the network it would otherwise reach for at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def offline_page(
    browser: Browser,
    allowed: str,
    requested: list[str],
    errors: list[str],
    size: tuple[int, int] = (1400, 900),
) -> Page:
    """A page that may load URLs starting with `allowed` and nothing else.

    Every other request is aborted and recorded in `requested`; page errors, dialogs and
    console errors go to `errors`, so a page that reached for a CDN or failed shows it.
    """

    def only_allowed(route: Route) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    context.route("**/*", only_allowed)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return page
