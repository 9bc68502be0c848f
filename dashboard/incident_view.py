"""What the Map and Incident pages show, computed without Streamlit: frames, accounts side by side, quotes, links.

    accounts_side_by_side(incident)               # one column per account: who claims what, where, when
    quote_in_article(document, account)           # the article as escaped HTML, the quoted sentence in <mark>
    timeline(frame, freq="M")                     # per month: incidents, and the range of claimed killed figures

Article text, titles and outlet names are untrusted: every HTML string built here escapes them.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.account_text import escape_html
from gazetteer import Gazetteer
from incidents.export import figure_text
from incidents.maps.popups import date_bounds, safe_url  # noqa: F401  (re-exported: pages read them from here)
from incidents.model import Account, Document, Incident
from incidents.store import Store

#: The bundled sample corpus a fresh dashboard shows.
SAMPLE_CORPUS = Path(__file__).resolve().parents[1] / "incidents" / "sample"

#: Periods of the timeline: pandas offset alias -> label.
PERIODS = {"W": "week", "M": "month"}


# -- the store ------------------------------------------------------------------------------------------------


def ensure_sample_store(path: Path, gazetteer: Gazetteer) -> bool:
    """Build a store at `path` from the bundled sample corpus unless one is there; True when it was built.

    A store that exists is left alone, even if empty: it is someone's data.
    """
    from incidents.ingest import ingest  # the extraction stack, needed only on a first run

    path = Path(path)
    if path.is_file() and path.stat().st_size > 0:
        return False
    with Store(path) as store:
        ingest([SAMPLE_CORPUS], store, gazetteer)
    return True


def writable_folder(*candidates: Path) -> Path:
    """The first of `candidates` that exists or can be made and can be written to (the last one as a last resort)."""
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK | os.X_OK):
            return folder
    return candidates[-1]


# -- the incidents frame (built in incidents.selection) --------------------------------------------------


#: Lists a person picks from (tables, select boxes) hold at most this many incidents.
MAX_LISTED = 1000


def largest_first(frame: pd.DataFrame, limit: int = MAX_LISTED, keep: str | None = None) -> pd.DataFrame:
    """At most `limit` rows, those with the largest claimed figures first (then by id), and the row `keep` too.

    Only the rows that can be among the first `limit` are sorted (those at least as large as the limit-th largest).
    """
    killed = pd.to_numeric(frame["killed_max"], errors="coerce").fillna(-1).to_numpy(dtype=float)
    candidates = frame
    if len(frame) > limit > 0:
        threshold = np.partition(killed, len(killed) - limit)[len(killed) - limit]
        chosen = killed >= threshold
        candidates, killed = frame[chosen], killed[chosen]
    ranked = candidates.assign(_k=killed).sort_values(["_k", "id"], ascending=[False, True]).drop(columns="_k")
    top = ranked.head(limit)
    if keep and keep not in set(top["id"]):
        top = pd.concat([frame[frame["id"] == keep], top])
    return top


def choices(frame: pd.DataFrame, column: str) -> list[str]:
    """The distinct values of a tuple column, sorted (the options of a filter)."""
    return sorted({v for values in frame[column] for v in values}, key=str.casefold)


# -- one incident ---------------------------------------------------------------------------------------------


def _date_text(a: Account) -> str:
    """An account's date window in words."""
    if not (a.date_min or a.date_max):
        return "date unknown"
    if a.date_min == a.date_max:
        return a.date_min.isoformat()  # type: ignore[union-attr]
    lo = a.date_min.isoformat() if a.date_min else "?"
    hi = a.date_max.isoformat() if a.date_max else "?"
    return f"{lo} … {hi}"


def place_text(a: Account) -> str:
    """The account's places: "as written → resolved (precision)"; unresolved mentions say so."""
    parts = []
    for p in a.places:
        if p.name:
            shown = p.text if p.text == p.name else f"{p.text} → {p.name}"
            parts.append(f"{shown} ({p.precision})")
        else:
            parts.append(f"{p.text} (unresolved)")
    return "; ".join(parts) or "no place"


def account_label(a: Account, n: int) -> str:
    """A column heading for account `n` (1-based): "1. SANA"."""
    return f"{n}. {a.claimed_by}"


#: The rows of the accounts table, in order.
ACCOUNT_ROWS = ("claimed by", "figures", "victims", "date", "date as written", "places", "perpetrator", "target",
                "weapon", "outlet", "published", "title")


def accounts_side_by_side(incident: Incident) -> pd.DataFrame:
    """One column per account, one row per attribute (ACCOUNT_ROWS): the claims next to each other, as text."""
    columns = {}
    for n, a in enumerate(incident.accounts, start=1):
        columns[account_label(a, n)] = [
            a.claimed_by, figure_text(a), a.victims, _date_text(a), a.date_text or "not said", place_text(a),
            a.perpetrator or "not said", a.target or "not said", a.weapon or "not said", a.outlet or "unknown outlet",
            a.published.isoformat() if a.published else "unknown", a.title or "untitled",
        ]
    return pd.DataFrame(columns, index=list(ACCOUNT_ROWS))


def quote_in_article(document: Document, account: Account) -> str:
    """The article's text as escaped HTML with the account's quoted span wrapped in <mark>; paragraphs kept.

    The span is the account's (start, end) in the document's text; a span out of range marks nothing.
    """
    text = document.text
    start, end = account.start, account.end
    if not 0 <= start <= end <= len(text):
        start = end = 0
    parts = [escape_html(text[:start]), escape_html(text[start:end]), escape_html(text[end:])]
    body = parts[0] + (f"<mark>{parts[1]}</mark>" if parts[1] else "") + parts[2]
    paragraphs = [p.replace("\n", "<br>") for p in body.split("\n\n")]
    return "".join(f"<p>{p}</p>" for p in paragraphs if p.strip())


def quote_in_context(document: Document, account: Account) -> str:
    """The line(s) holding the account's quote, as escaped HTML with the quote in <mark> ("" when out of range).

    Shown above the whole article, so the highlight is in view without scrolling.
    """
    text, start, end = document.text, account.start, account.end
    if not 0 <= start < end <= len(text):
        return ""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    marked = (escape_html(text[first:start]) + f"<mark>{escape_html(text[start:end])}</mark>"
              + escape_html(text[end:last]))
    return f"<p>{marked.strip().replace(chr(10), '<br>')}</p>"


def source_link(account: Account, document: Document | None) -> str | None:
    """An HTML link to the article the account came from, or None when it has no http(s) URL."""
    url = safe_url(document.url if document else None)
    if url is None:
        return None
    label = account.title or (document.title if document else None) or account.outlet or url
    return (f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">'
            f"{html.escape(label)}</a>")


# -- the timeline -------------------------------------------------------------------------------------------------


def timeline(frame: pd.DataFrame, freq: str = "W") -> pd.DataFrame:
    """Per period ("W" weeks, "M" months) that holds a dated incident: how many, and the range of claimed killed.

    An incident counts in the period of its window's start (its end when the start is unknown). The columns are
    `period` (the period's first day), `incidents`, `killed_min` (lowest claimed) and `killed_max` (highest
    claimed): a range of claims, never a sum.
    """
    if freq not in PERIODS:
        raise ValueError(f"freq must be one of {tuple(PERIODS)}, got {freq!r}")
    columns = ["period", "incidents", "killed_min", "killed_max"]
    start = frame["date_min"].where(frame["date_min"].map(lambda d: isinstance(d, dt.date)), frame["date_max"])
    dated = frame.assign(_start=start)[start.map(lambda d: isinstance(d, dt.date))]
    if dated.empty:
        return pd.DataFrame(columns=columns)
    periods = pd.to_datetime(dated["_start"]).dt.to_period(freq).dt.start_time
    grouped = dated.assign(period=periods).groupby("period")
    out = pd.DataFrame({
        "incidents": grouped.size(),
        "killed_min": grouped["killed_min"].min(),
        "killed_max": grouped["killed_max"].max(),
    }).reset_index()
    return out[columns]
