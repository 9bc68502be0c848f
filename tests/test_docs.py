"""Every command-line command and option, and every setting, is documented in the README."""

from pathlib import Path

import pytest

from gazetteer.cli import build_parser as gazetteer_parser
from incidents.cli import build_parser as incidents_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def options(parser):
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, p in sub.choices.items():
        yield name, [o for a in p._actions for o in a.option_strings if o.startswith("--") and o != "--help"]


@pytest.mark.parametrize(("module", "parser"), [("gazetteer", gazetteer_parser), ("incidents", incidents_parser)])
def test_every_command_and_option_is_in_the_readme(module, parser):
    for command, opts in options(parser()):
        assert f"python -m {module} {command}" in README
        for opt in opts:
            assert opt in README, f"{module} {command} {opt} is not documented"


@pytest.mark.parametrize("setting", ["ATLAS_STORE", "ATLAS_CACHE_DIR", "ATLAS_ONLINE_GEOCODER"])
def test_settings_are_documented(setting):
    assert setting in README


def test_readme_gives_the_two_commands():
    assert "streamlit run dashboard/app.py" in README
    assert '.venv/bin/python -m pytest' in README
