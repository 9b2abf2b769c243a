"""Headless Chromium for tests: open a page with a probe script and read what it reports.

One Chromium run per page (``--dump-dom`` with a virtual-time budget). Every request goes
to a proxy that does not exist, and Chromium's NetLog records what the page asked for,
so "zero network requests" is observed, not assumed. ``HGMAP_CHROMIUM`` overrides the
browser path.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("HGMAP_CHROMIUM") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium"))

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--mute-audio", "--allow-file-access-from-files",
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
]

#: Wraps a probe body: it runs on load and must call ``report(obj)`` once.
_WRAP = """<script>
window.alert = function () { document.documentElement.dataset.xss = "alert"; };
window.addEventListener("load", function () {
  var report = function (obj) {
    var pre = document.createElement("pre"); pre.id = "hgmap-probe";
    pre.textContent = JSON.stringify(obj); document.body.appendChild(pre); };
  // Read the page a moment (of virtual time) after it loaded, as a reader would: a map's
  // own load handlers (fitting the view) may run after this one on a busy machine.
  setTimeout(function () {
    try { %s } catch (e) { report({error: String(e && e.stack || e)}); }
  }, 250);
});
</script>"""


def page_requests(netlog: Path) -> list[str]:
    """http(s)/ws(s) URLs the page asked for (Chromium's own background pings excluded)."""
    data = json.loads(netlog.read_text(encoding="utf-8"))
    names = {v: k for k, v in data["constants"]["logEventTypes"].items()}
    urls = []
    for event in data["events"]:
        params = event.get("params") or {}
        if names.get(event["type"]) != "URL_REQUEST_START_JOB" or "url" not in params:
            continue
        if params.get("initiator") == "not an origin":
            continue
        if urlsplit(params["url"]).scheme in ("http", "https", "ws", "wss", "ftp"):
            urls.append(params["url"])
    return urls


def probe(page: Path, body: str, tmp: Path, *, budget_ms: int = 5000) -> tuple[dict, list[str]]:
    """Open a copy of ``page`` (same folder, so relative assets load) with the probe ``body``.

    Returns the probe's report and the network requests the page made.
    """
    return run_script(page, _WRAP % body, tmp, beside=True, budget_ms=budget_ms)


def run_script(page: Path, script: str, tmp: Path, *, beside: bool, budget_ms: int = 5000) -> tuple[dict, list[str]]:
    """Open a copy of ``page`` with ``script`` (a whole ``<script>`` element that writes its
    report as JSON into ``<pre id="hgmap-probe">``) before ``</body>``; the copy is beside the
    page (``beside``) or in ``tmp``. Returns the report and the network requests made."""
    text = page.read_text(encoding="utf-8")
    cut = text.rfind("</body>")
    probed = page.with_name(f".{page.stem}.probe.html") if beside else tmp / f"{page.stem}.probe.html"
    probed.write_text(text[:cut] + script + text[cut:], encoding="utf-8")
    netlog = tmp / f"{page.stem}.netlog.json"
    try:
        proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp / 'profile'}",
                               f"--virtual-time-budget={budget_ms}", f"--log-net-log={netlog}",
                               "--dump-dom", probed.as_uri()],
                              capture_output=True, text=True, timeout=120, check=False)
    finally:
        if beside:
            probed.unlink()
    found = re.search(r'<pre id="hgmap-probe">(.*?)</pre>', proc.stdout, re.S)
    assert found, f"no probe report; chromium rc={proc.returncode}\n{proc.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1))), page_requests(netlog)
