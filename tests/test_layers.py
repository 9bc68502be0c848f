"""The packages stack one way: gazetteer below incidents below dashboard; none imports a package above it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Each package and the packages of ours it must never import.
ABOVE = {"gazetteer": ("incidents", "dashboard"), "incidents": ("dashboard",)}


def imported(tree: ast.AST) -> set[str]:
    """Every absolute module name a file imports, anywhere in it (inside functions too)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None))
              in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant)):
            names.add(str(node.args[0].value))
    return names


def offending(source: str, forbidden: tuple[str, ...]) -> list[str]:
    """The imports of `source` that name one of the `forbidden` packages or a module in one."""
    return sorted(n for n in imported(ast.parse(source)) if n.split(".")[0] in forbidden)


@pytest.mark.parametrize("source", [
    "import dashboard",
    "import dashboard.snapshot as s",
    "from dashboard import data",
    "from dashboard.snapshot import write_snapshot",
    "def f():\n    from dashboard.snapshot import write_snapshot\n",
    "import importlib\nimportlib.import_module('dashboard.data')",
])
def test_an_import_of_the_dashboard_is_found(source):
    assert offending(source, ("dashboard",))


@pytest.mark.parametrize("source", [
    "from .maps.snapshot import write_snapshot",
    "from incidents.maps import snapshot",
    "import dashboards_of_someone_else",
    "x = 'dashboard.snapshot'",
])
def test_what_is_not_an_import_of_the_dashboard(source):
    assert not offending(source, ("dashboard",))


@pytest.mark.parametrize("package", sorted(ABOVE))
def test_no_package_imports_one_above_it(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    found = {str(f.relative_to(ROOT)): bad for f in files
             if (bad := offending(f.read_text(encoding="utf-8"), ABOVE[package]))}
    assert found == {}, f"{package} must not import {', '.join(ABOVE[package])}: {found}"
