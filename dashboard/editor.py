"""Editor mode: the one gate every control that writes to the store goes through.

A hosted share link is read-only. The app writes (ingest, review actions, corrections, undo) only in a session
where the person typed the editor password, which the app is started with: the environment variable
``ATLAS_EDITOR_PASSWORD`` or ``editor_password`` in Streamlit's secrets. Without one configured, every session is
read-only and the pages that would write say so.

    password = configured_password(os.environ, secrets)      # None: read-only
    password_matches(typed, password)                        # constant time; False when no password is set
    clean_author(" Rana  K. ")                               # "Rana K." (ValueError when empty or hostile)

In a page:

    if editor.gate("review"):                  # the read-only line, or the password form, or True
        name = editor.author_box()             # the correction's author, typed once per session
        ...
        editor.require()                       # again right before the write: PermissionError when read-only

The password is never logged, never kept in the session (only that this session passed), never put in a URL, and
its box is emptied when submitted.
"""

from __future__ import annotations

import hmac
import os
import unicodedata
from collections.abc import Mapping

import streamlit as st

#: The environment variable holding the editor password.
PASSWORD_ENV = "ATLAS_EDITOR_PASSWORD"
#: The key holding the editor password in Streamlit's secrets (.streamlit/secrets.toml or the host's settings).
SECRET_KEY = "editor_password"
#: What a page that would write says in read-only mode.
READ_ONLY_NOTE = f"This view is read-only: start the app with {PASSWORD_ENV} to review and correct."
#: Longest author name kept (characters).
MAX_AUTHOR = 80

_PASSED = "editor_passed"  # session flag: this session typed the right password (never the password itself)
_AUTHOR = "editor_author"


# -- pure rules (tested without Streamlit) -------------------------------------------------------------------------


def configured_password(environ: Mapping[str, str], secrets: Mapping | None = None) -> str | None:
    """The editor password the app was started with: the environment's, else the secrets'; None when neither.

    A blank value counts as none (an empty password would open editor mode to anyone).
    """
    for source in (environ, secrets or {}):
        value = source.get(PASSWORD_ENV if source is environ else SECRET_KEY)
        if isinstance(value, str) and value.strip():
            return value
    return None


def password_matches(typed: str | None, password: str | None) -> bool:
    """True when `typed` is the configured `password`, compared in constant time; always False with no password."""
    if not password or not typed:
        return False
    return hmac.compare_digest(typed.encode("utf-8"), password.encode("utf-8"))


def clean_author(name: str | None) -> str:
    """An author's name as typed, spaces collapsed; ValueError when empty, too long or holding control characters."""
    text = " ".join(str(name or "").split())
    if not text:
        raise ValueError("author: type your name before the first correction")
    if any(unicodedata.category(c).startswith("C") for c in text):
        raise ValueError(f"author: {text!r} holds control characters")
    if len(text) > MAX_AUTHOR:
        raise ValueError(f"author: at most {MAX_AUTHOR} characters, got {len(text)}")
    return text


# -- the gate in a page --------------------------------------------------------------------------------------------


def _secrets() -> Mapping:
    """Streamlit's secrets, or nothing when the app has no secrets file (no error shown on the page)."""
    try:
        return st.secrets if st.secrets.load_if_toml_exists() else {}
    except (FileNotFoundError, OSError, ValueError):
        return {}


def password() -> str | None:
    """The configured editor password (read per call: not cached anywhere)."""
    return configured_password(os.environ, _secrets())


def configured() -> bool:
    """True when the app was started with an editor password (editor mode can be entered)."""
    return password() is not None


def is_editor() -> bool:
    """True when this session may write: a password is configured and this session typed it."""
    return st.session_state.get(_PASSED) is True and configured()


def require() -> None:
    """Raise PermissionError unless this session is in editor mode (call right before every write)."""
    if not is_editor():
        raise PermissionError(READ_ONLY_NOTE)


def _check() -> None:
    """The password form's submit: compare, keep only the outcome, empty the box."""
    typed = st.session_state.get("editor_password_box", "")
    st.session_state["editor_password_box"] = ""
    ok = password_matches(typed, password())
    st.session_state[_PASSED] = ok
    st.session_state["editor_refused"] = not ok


def gate(where: str) -> bool:
    """At the top of a page's writing part: True in editor mode; else the read-only line or the password box.

    `where` keys this page's widgets (one gate per page).
    """
    if is_editor():
        return True
    if not configured():
        st.info(READ_ONLY_NOTE, icon=":material/lock:")
        return False
    with st.form(f"editor_form_{where}", clear_on_submit=True, border=False):
        st.text_input("Editor password", type="password", key="editor_password_box",
                      help="Reviewing, correcting and adding articles need the editor password this app was "
                           "started with. Without it the pages are read-only.")
        st.form_submit_button("Enter editor mode", on_click=_check)
    if st.session_state.get("editor_refused"):
        st.error("That is not the editor password.")
    st.caption("Read-only until the editor password is entered.")
    return False


def author() -> str | None:
    """The name this session's corrections are signed with, once typed (None before)."""
    return st.session_state.get(_AUTHOR) if is_editor() else None


def _set_author() -> None:
    try:
        st.session_state[_AUTHOR] = clean_author(st.session_state.get("editor_author_box"))
        st.session_state.pop("editor_author_error", None)
    except ValueError as e:
        st.session_state["editor_author_error"] = str(e)


def author_box(where: str) -> str | None:
    """Ask once per session for the name corrections are signed with; the name, or None until it is typed."""
    if not is_editor():
        return None
    name = author()
    if name:
        st.caption(f"Corrections are signed **{_escape(name)}**.")
        return name
    with st.form(f"editor_author_form_{where}", border=False):
        st.text_input("Your name (signs your corrections)", key="editor_author_box", max_chars=MAX_AUTHOR)
        st.form_submit_button("Sign corrections with this name", on_click=_set_author)
    if st.session_state.get("editor_author_error"):
        st.error(_escape(st.session_state["editor_author_error"]))
    return None


def sign_out_button(where: str) -> None:
    """A button that ends editor mode for this session."""
    if is_editor() and st.button("Leave editor mode", key=f"editor_leave_{where}"):
        st.session_state[_PASSED] = False
        st.rerun()


def _escape(text: str) -> str:
    from dashboard.gazetteer_view import escape_markdown

    return escape_markdown(text)
