"""A real dashboard server on 127.0.0.1 and headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
START_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, deadline: float) -> None:
    """Poll the server's health endpoint until it answers (or the process dies, or the deadline passes)."""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the dashboard exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)  # polling interval while the server starts, not a synchronisation by time
    raise RuntimeError(f"the dashboard did not answer {url} within {START_TIMEOUT:.0f} s")


def serve(store: Path, home: Path, env: dict[str, str] | None = None):
    """Start the dashboard on 127.0.0.1 over `store` (with `env` added to its environment); yield its base URL."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    port = free_port()
    env = {**os.environ, "ATLAS_STORE": str(store), "ATLAS_CACHE_DIR": str(home / "cache"), "PYTHONPATH": str(REPO),
           **(env or {})}
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard" / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/_stcore/health", proc, time.monotonic() + START_TIMEOUT)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def dashboard(tmp_path_factory):
    """The base URL of a dashboard serving the sample corpus, on 127.0.0.1."""
    home = tmp_path_factory.mktemp("dash")
    yield from serve(home / "sample.sqlite", home)


#: Incidents in the crowded store: more than the map draws as markers at once.
CROWDED = 2500


def crowded_store(path: Path) -> None:
    """A store of CROWDED incidents on a 50 × 50 grid (0.05° apart, too far to join) in the east, one account each."""
    import datetime as dt

    from incidents.model import Account, Document, PlaceMention
    from incidents.store import Store

    with Store(path) as store, store.transaction():
        for k in range(CROWDED):
            lat, lon = 34.2 + (k // 50) * 0.05, 39.5 + (k % 50) * 0.05
            text = f"Strike {k}\n\nLocal sources said {k % 40 + 1} people were killed in village {k}."
            doc = Document(text=text, file=f"crowded{k}.txt", outlet="Test Wire", title=f"Strike {k}")
            place = PlaceMention(f"village {k}", 0, 5, name=f"Village {k}", place_id=f"v{k}", lat=lat, lon=lon,
                                 precision="exact", admin1="SY09")
            store.add_document(doc, [Account(
                document_id=doc.id, file=doc.file, article=0, quote=text.split("\n")[-1], start=0, end=10,
                claimed_by="local sources", outlet="Test Wire", places=(place,), date_min=dt.date(2018, 1, 1),
                date_max=dt.date(2018, 1, 1), killed_min=k % 40 + 1, killed_max=k % 40 + 1)])
        store.recluster()


@pytest.fixture(scope="session")
def crowded_dashboard(tmp_path_factory):
    """The base URL of a dashboard serving CROWDED incidents, on 127.0.0.1."""
    home = tmp_path_factory.mktemp("crowded")
    crowded_store(home / "crowded.sqlite")
    yield from serve(home / "crowded.sqlite", home)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None and not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every URL it requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.requested = []
    context.on("request", lambda req: pg.requested.append(req.url))
    yield pg
    context.close()
