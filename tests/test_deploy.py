"""The repository deploys as it is: a fresh environment from requirements.txt runs the app on the bundled sample.

This is what a hosted Streamlit share link does: install requirements.txt at the repository's root, run
dashboard/app.py, with a home folder it may not be able to write to and no secrets.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SKIP = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", "static"}

RUN_APP = textwrap.dedent("""
    import json, os, pathlib, tempfile
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("dashboard/app.py", default_timeout=240).run()
    assert not at.exception, [e.message for e in at.exception]
    store = pathlib.Path(tempfile.gettempdir()) / "incident-atlas" / "sample.sqlite"
    print(json.dumps({"title": [t.value for t in at.title], "captions": [c.value for c in at.caption],
                      "store": store.is_file()}))
""")


def copy_of_repo(dst: Path) -> Path:
    """The repository's files (no environments, caches or build output), as a fresh checkout has them."""
    shutil.copytree(REPO, dst, ignore=lambda folder, names: [n for n in names if n in SKIP or n.endswith(".egg-info")])
    return dst


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """A copy of the repository with a fresh virtual environment installed from its requirements.txt."""
    if not (REPO / "requirements.txt").is_file():
        pytest.fail("requirements.txt is missing at the repository's root")
    root = tmp_path_factory.mktemp("deploy")
    app = copy_of_repo(root / "app")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                              "-r", "requirements.txt"], cwd=app, capture_output=True, text=True, timeout=1200)
    assert install.returncode == 0, install.stderr[-3000:]
    return app, python


def test_a_fresh_environment_from_requirements_runs_the_app_on_the_sample(deployed, tmp_path):
    app, python = deployed
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the home folder's parent should be")
    home = blocker / "home"  # a home no one can create or write to, root included: the store goes to the temp folder
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ATLAS_", "XDG_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), TMPDIR=str(tmp_path), PATH=f"{python.parent}{os.pathsep}{env.get('PATH', '')}")
    run = subprocess.run([str(python), "-c", RUN_APP], cwd=app, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["title"] == ["Map"] and result["store"] is True
    assert any("16 of 16 incidents match" in c for c in result["captions"])


def test_the_deployed_app_is_configured_for_a_share_link():
    config = (REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "gatherUsageStats = false" in config
    assert "[theme]" in config
    assert (REPO / "requirements.txt").read_text().splitlines()[-1].strip() == "."
    assert sys.version_info >= (3, 11)
