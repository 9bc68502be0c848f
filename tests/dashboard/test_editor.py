"""Editor mode's rules: where the password comes from, how it is compared, who signs a correction."""

import pytest

from dashboard.editor import (MAX_AUTHOR, PASSWORD_ENV, SECRET_KEY, clean_author, configured_password,
                              password_matches)

CONFIGURED = [
    ({PASSWORD_ENV: "s3cret"}, {}, "s3cret"),
    ({}, {SECRET_KEY: "from-secrets"}, "from-secrets"),
    ({PASSWORD_ENV: "env wins"}, {SECRET_KEY: "from-secrets"}, "env wins"),
    ({PASSWORD_ENV: "  "}, {SECRET_KEY: "from-secrets"}, "from-secrets"),
    ({PASSWORD_ENV: " keeps its spaces "}, {}, " keeps its spaces "),
    ({}, None, None),
    ({PASSWORD_ENV: ""}, {}, None),
    ({}, {SECRET_KEY: ""}, None),
    ({}, {SECRET_KEY: 1234}, None),  # a number in secrets.toml is not a password: read-only, not a crash
    ({"OTHER": "x"}, {"other": "y"}, None),
]


@pytest.mark.parametrize(("environ", "secrets", "expected"), CONFIGURED)
def test_the_password_comes_from_the_environment_then_the_secrets(environ, secrets, expected):
    assert configured_password(environ, secrets) == expected


ACCEPTED = [("s3cret", "s3cret"), ("ünïcödé pass", "ünïcödé pass"), ("كلمة", "كلمة")]
REFUSED = [
    ("s3cre", "s3cret"), ("s3cret ", "s3cret"), ("S3CRET", "s3cret"), ("", "s3cret"), (None, "s3cret"),
    ("anything", None), ("", None), ("", ""), ("x", ""),
]


@pytest.mark.parametrize(("typed", "password"), ACCEPTED)
def test_the_right_password_opens_editor_mode(typed, password):
    assert password_matches(typed, password) is True


@pytest.mark.parametrize(("typed", "password"), REFUSED)
def test_anything_else_keeps_the_app_read_only(typed, password):
    assert password_matches(typed, password) is False


def test_the_comparison_is_in_constant_time(monkeypatch):
    import hmac

    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert password_matches("abc", "abc")
    assert calls == [(b"abc", b"abc")]


AUTHORS = [("Rana", "Rana"), ("  Rana   K. ", "Rana K."), ("رنا", "رنا"), ("a" * MAX_AUTHOR, "a" * MAX_AUTHOR)]
BAD_AUTHORS = [(None, "type your name"), ("", "type your name"), ("   ", "type your name"),
               ("Ra\x00na", "control characters"), ("Ra\u202ena", "control characters"),
               ("a" * (MAX_AUTHOR + 1), "at most")]


@pytest.mark.parametrize(("typed", "expected"), AUTHORS)
def test_an_author_is_kept_as_typed_with_spaces_collapsed(typed, expected):
    assert clean_author(typed) == expected


@pytest.mark.parametrize(("typed", "reason"), BAD_AUTHORS)
def test_an_empty_or_hostile_author_is_refused_with_the_reason(typed, reason):
    with pytest.raises(ValueError, match=reason):
        clean_author(typed)
