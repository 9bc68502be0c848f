"""Run a benchmark against a previous git revision of this repository, in the same run as the current code.

    with checkout("1e05a72") as folder:
        subprocess.run([sys.executable, "benchmarks/x.py", "--json"], cwd=folder, env=env_for(folder))

The revision is written out with ``git archive`` into a temporary folder; the subprocess imports the packages from
that folder (first on ``PYTHONPATH``), not from the installed working tree.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


class RevisionError(RuntimeError):
    """A revision that cannot be written out (unknown name, not a git checkout)."""


@contextlib.contextmanager
def checkout(rev: str) -> Iterator[Path]:
    """A temporary folder holding the tree of `rev` (removed afterwards)."""
    try:
        tar = subprocess.run(["git", "archive", "--format=tar", rev], cwd=REPO, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        detail = getattr(e, "stderr", b"") or b""
        raise RevisionError(f"cannot write out revision {rev!r}: {detail.decode(errors='replace').strip() or e}") from e
    with tempfile.TemporaryDirectory(prefix="atlas-rev-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            archive.extractall(tmp, filter="data")
        yield Path(tmp)


def env_for(folder: Path) -> dict[str, str]:
    """The environment of a subprocess that must import the packages of `folder` (and a cache of its own)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(folder), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["ATLAS_CACHE_DIR"] = str(folder / ".cache")
    return env
