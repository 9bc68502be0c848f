"""A person's corrections, with an audit trail: who changed what, when, why; each can be undone.

    c = correct(store, "place", author="Rana", reason="the village, not the city", account_id=a.id,
                place_id="SY:...", place_name="al-Joura", lat=35.34, lon=40.1)
    c.describe()   # "place changed from Deir ez-Zor to al-Joura by Rana on 2026-12-05 (the village, not the city)"
    undo(store, c.id, author="Omar", reason="wrong village")
    history(store, incident_id)          # the incident's corrections, oldest first

Each correction is anchored to the document and the span of its text, not to account ids alone (which change when
the extractor reads a figure differently): a place to the first character of the mention (or the sentence, when the
sentence names no place), a date window, a figure and "not a casualty claim" to the sentence and the claimant. A
merge, a split and "not about this incident" link accounts by id; re-extraction follows each id to the account read
from the same sentence (`incidents.reextract`). A correction whose anchor is no longer read "no longer applies": it is
listed, never dropped, and applies again if the text is read so again.

The quote always stays as the article has it; a corrected figure or date is what the account says *as corrected*,
and the correction says what it was before. Applying one re-derives only the incidents it touches.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from .export import figure_text
from .model import PRECISIONS, Account

KINDS = ("place", "date", "merge", "split", "not_about", "not_casualty", "figure")
KIND_LABELS = {"place": "Place", "date": "Date", "merge": "Merge", "split": "Split out",
               "not_about": "Not about this incident", "not_casualty": "Not a casualty claim", "figure": "Figure"}
STATUSES = ("applied", "undone", "no longer applies")
FIGURE_FIELDS = ("killed", "injured", "casualties")
_ACCOUNT_KINDS = ("date", "figure", "not_casualty")  # anchored to a sentence and a claimant


@dataclass(frozen=True)
class Correction:
    """One correction as recorded, with its status now."""

    id: int
    kind: str
    author: str
    reason: str
    created_at: str
    document_id: str | None
    span: tuple[int, int] | None
    before: str
    after: str
    status: str
    undone_by: str | None = None
    undone_at: str | None = None
    account_id: str | None = None
    other_account_id: str | None = None
    undo_reason: str | None = None
    settled: int = 0

    @property
    def label(self) -> str:
        """The kind in words."""
        return KIND_LABELS[self.kind]

    def describe(self) -> str:
        """One line for people: "place changed from Deir ez-Zor to al-Joura by Rana on 2026-12-05 (reason)"."""
        day = self.created_at[:10]
        if self.kind in ("place", "date", "figure"):
            text = f"{self.kind} changed from {self.before} to {self.after} by {self.author} on {day}"
        elif self.kind == "merge":
            text = f"{self.before} merged into one incident by {self.author} on {day}"
        elif self.kind == "split":
            text = f"{self.before} split out ({self.after}) by {self.author} on {day}"
        elif self.kind == "not_about":
            text = f"{self.before} marked not about this incident by {self.author} on {day}"
        else:
            text = f"{self.before} marked not a casualty claim by {self.author} on {day}"
        if self.reason:
            text += f" ({self.reason})"
        if self.status == "undone":
            text += f"; undone by {self.undone_by} on {(self.undone_at or '')[:10]}" + (
                f" ({self.undo_reason})" if self.undo_reason else "")
        elif self.status == "no longer applies":
            text += "; no longer applies (the text is no longer read so)"
        return text

    def to_json(self) -> dict:
        """The correction as JSON-ready values, its description included."""
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["span"] = list(self.span) if self.span else None
        d["description"] = self.describe()
        return d


def _of_row(r: dict) -> Correction:
    status = "undone" if r["undone_at"] else ("applied" if r["applies"] else "no longer applies")
    span = (r["mention_start"], r["span_end"]) if r["mention_start"] is not None else None
    if span and span[1] is None:
        span = (span[0], span[0])
    return Correction(id=int(r["id"]), kind=r["kind"], author=r["author"], reason=r["reason"] or r["note"] or "",
                      created_at=r["created_at"], document_id=r["document_id"], span=span,
                      before=r["before_text"] or "?", after=r["after_text"] or r["place_name"] or "?", status=status,
                      undone_by=r["undone_by"], undone_at=r["undone_at"], account_id=r["account_id"] or None,
                      other_account_id=r["other_account_id"], undo_reason=r["undo_reason"],
                      settled=int(r["settled"] or 0))


# -- making one ---------------------------------------------------------------------------------------------------


def _text(name: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name}: give a non-empty text (it is kept with the correction), got {value!r}")
    return value.strip()


def _account(store, account_id: str | None, document_id: str | None, span) -> tuple[Account, str | None]:
    """The account a correction is about (as corrected so far), and its incident: by id, or by its sentence."""
    if account_id:
        found = store.corrected_accounts([account_id]).get(account_id)
        if found is None:
            raise LookupError(f"no account with id {account_id!r} in {store.path}")
        return found
    if not document_id:
        raise ValueError("account_id: name the account (or give document_id and span of its sentence)")
    if store.document(document_id) is None:
        raise LookupError(f"no document with id {document_id!r} in {store.path}")
    rows = [x for x in store.document_accounts(document_id) if span is None or (x[0].start, x[0].end) == tuple(span)
            or any((m.start, m.end) == tuple(span) for m in x[0].places)]
    if len(rows) != 1:
        raise LookupError(f"document {document_id!r}: {len(rows)} accounts at span {span}; give account_id")
    return rows[0]


def _window(a: Account) -> str:
    if not (a.date_min or a.date_max):
        return "date unknown"
    lo, hi = a.date_min, a.date_max
    return lo.isoformat() if lo == hi else f"{lo.isoformat() if lo else '?'} … {hi.isoformat() if hi else '?'}"


def _day(name: str, value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{name}: not a day (YYYY-MM-DD): {value!r}") from None


def _count(name: str, value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) and not (isinstance(value, str) and value.isdigit()):
        raise ValueError(f"{name}: a whole number of people, got {value!r}")
    n = int(value)
    if n < 0:
        raise ValueError(f"{name}: cannot be negative, got {n}")
    return n


def _place(store, a: Account, mention, place_id, place_name, lat, lon, precision) -> tuple:
    """The place a correction sets: (place_id, name, lat, lon, precision, admin1), from the gazetteer when only an id
    or a name is given."""
    if precision is not None and precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
    if (lat is None) != (lon is None):
        raise ValueError("lat and lon: give both or neither")
    if lat is not None:
        for name, v, lim in (("lat", lat, 90), ("lon", lon, 180)):
            if not isinstance(v, (int, float)) or isinstance(v, bool) or math.isnan(v) or not -lim <= v <= lim:
                raise ValueError(f"{name}: not a coordinate: {v!r}")
        if not (place_name or "").strip():
            raise ValueError("place_name: give the name of the place at these coordinates")
        around = next((m.admin1 for m in a.places if m.admin1), None)  # the governorate the sentence is in
        return (place_id or f"point:{lat:.5f},{lon:.5f}", place_name.strip(), float(lat), float(lon),
                precision or "exact", around)
    from gazetteer import Gazetteer

    gaz = Gazetteer.load().with_user_layer(store.user_layer())
    if place_id:
        p = gaz.get(place_id)
        if p is None:
            raise LookupError(f"place_id: no place {place_id!r} in the gazetteer")
    elif (place_name or "").strip():
        admin1 = next((m.admin1 for m in a.places if m.admin1), None)
        r = gaz.resolve(place_name, prefer_admin1=admin1)
        if r.place is None:
            names = ", ".join(f"{c.place.name} ({c.place.admin1}, {c.place.id})" for c in r.candidates[:4])
            raise ValueError(f"place_name: {place_name!r} is not one place ({r.reason or 'unresolved'})"
                             + (f"; candidates: {names}" if names else ""))
        p = r.place
    else:
        raise ValueError("place: give place_id, place_name, or lat and lon with place_name")
    prec = precision or ("exact" if p.type not in ("governorate", "district", "country") else
                         p.type if p.type in PRECISIONS else "district")
    return p.id, p.name, p.lat, p.lon, prec, p.admin1 or None


def correct(store, kind: str, *, author: str, reason: str, account_id: str | None = None,
            other_account_id: str | None = None, document_id: str | None = None, span=None,
            place_id: str | None = None, place_name: str | None = None, lat: float | None = None,
            lon: float | None = None, precision: str | None = None, date_min=None, date_max=None,
            figure_field: str | None = None, figure_min=None, figure_max=None) -> Correction:
    """Record a person's correction and apply it (only the incidents it touches are derived again).

    LookupError names an unknown account, document or place; ValueError names the field that cannot be used."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    author, reason = _text("author", author), _text("reason", reason)
    a, incident_id = _account(store, account_id, document_id, span)
    touched = [a.id]
    record = {"author": author, "reason": reason}
    if kind == "place":
        mention = _mention(a, span)
        pid, name, plat, plon, prec, admin1 = _place(store, a, mention, place_id, place_name, lat, lon, precision)
        before = (mention.name or f"unresolved “{mention.text}”") if mention else "no place"
        fix = {"admin1": admin1 or (mention.admin1 if mention else None)}
        if mention is None:
            fix.update(anchor="sentence", claimed_by=a.claimed_by)
            where = (a.start, a.end)
        else:
            where = (mention.start, mention.end)
        record.update(document_id=a.document_id, span=where, place=(pid, name, plat, plon, prec), fix=fix,
                      before=before, after=name)
    elif kind == "date":
        lo, hi = _day("date_min", date_min), _day("date_max", date_max)
        if lo is None and hi is None:
            raise ValueError("date_min and date_max: give at least one end of the window")
        if lo and hi and lo > hi:
            raise ValueError(f"date_min {lo} is after date_max {hi}")
        after = lo.isoformat() if lo == hi else f"{lo.isoformat() if lo else '?'} … {hi.isoformat() if hi else '?'}"
        record.update(fix={"claimed_by": a.claimed_by, "date_min": lo and lo.isoformat(),
                           "date_max": hi and hi.isoformat()}, before=_window(a), after=after)
    elif kind == "figure":
        if figure_field not in FIGURE_FIELDS:
            raise ValueError(f"figure_field must be one of {', '.join(FIGURE_FIELDS)}, got {figure_field!r}")
        lo, hi = _count("figure_min", figure_min), _count("figure_max", figure_max)
        if lo is None and hi is None:
            raise ValueError("figure_min and figure_max: give at least one")
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(f"figure_min {lo} exceeds figure_max {hi}")
        new = Account(document_id="", file="", article=0, quote="", start=0, end=0, claimed_by="",
                      **{f"{figure_field}_min": lo, f"{figure_field}_max": hi})
        old = Account(document_id="", file="", article=0, quote="", start=0, end=0, claimed_by="",
                      **{f"{figure_field}_min": getattr(a, f"{figure_field}_min"),
                         f"{figure_field}_max": getattr(a, f"{figure_field}_max")})
        record.update(fix={"claimed_by": a.claimed_by, "figure_field": figure_field, "figure_min": lo,
                           "figure_max": hi}, before=f"{a.claimed_by}: {figure_text(old)}",
                      after=f"{a.claimed_by}: {figure_text(new)}")
    elif kind == "not_casualty":
        record.update(fix={"claimed_by": a.claimed_by}, before=f"{a.claimed_by}: {figure_text(a)}",
                      after="not a casualty claim")
    elif kind == "merge":
        if not other_account_id:
            raise ValueError("other_account_id: a merge names the account of the other incident")
        b, other_incident = _account(store, other_account_id, None, None)
        if other_incident and other_incident == incident_id:
            raise ValueError(f"other_account_id: {other_account_id!r} is already in the same incident")
        touched.append(b.id)
        record.update(account_id=a.id, other_account_id=b.id, before=f"{_claim(a)} and {_claim(b)}",
                      after="one incident", fix={"other": _anchor(b)})
    else:  # split, not_about
        others = []
        if other_account_id and kind == "split":
            b, _ = _account(store, other_account_id, None, None)
            others = [b.id]
        else:
            incident = store.incident(incident_id) if incident_id else None
            others = [x.id for x in incident.accounts if x.id != a.id] if incident else []
        if not others:
            raise ValueError(f"account_id: {a.id!r} is alone in its incident: nothing to split it from")
        touched.extend(others)
        record.update(account_id=a.id, other_account_id=others[0] if len(others) == 1 else None,
                      fix={"others": others} if len(others) > 1 else {},
                      before=_claim(a), after=f"apart from {len(others)} other account(s)")
    if kind in _ACCOUNT_KINDS:
        record.update(account_id=a.id, document_id=a.document_id, span=(a.start, a.end))
    elif kind == "place":
        record["account_id"] = a.id
    with store.transaction():
        flags, merges = _queue_around(store, touched)
        cid = store.record_correction(kind, **record)
        store.apply_correction(cid)
        after_flags, after_merges = _queue_around(store, touched)
        settled = len(flags - after_flags) + max(0, len(merges) - len(after_merges))
        store.set_correction(cid, settled=settled)
    return _of_row(store.correction_row(cid))


def _mention(a: Account, span):
    """The mention a place correction is about: the one at `span`, else the first unresolved, else the first."""
    if span is not None:
        at = [m for m in a.places if (m.start, m.end) == tuple(span) or m.start == span[0]]
        if at:
            return at[0]
        if tuple(span) != (a.start, a.end):
            raise ValueError(f"span: no place mention at {tuple(span)} in the account's sentence")
    unresolved = [m for m in a.places if not m.resolved]
    return (unresolved or list(a.places) or [None])[0]


def _claim(a: Account) -> str:
    return f"{a.claimed_by}: {figure_text(a)}"


def _anchor(a: Account) -> dict:
    return {"document_id": a.document_id, "start": a.start, "end": a.end, "claimed_by": a.claimed_by}


def _queue_around(store, account_ids) -> tuple[set, set]:
    """The review items of these accounts and the possible merges of their incidents (what a correction settles)."""
    found = store.corrected_accounts(account_ids)
    incidents = [iid for _, iid in found.values() if iid]
    return store.review_flags_of(list(found)), store.merges_of(incidents)


# -- undoing, listing ---------------------------------------------------------------------------------------------


def undo(store, correction_id: int, *, author: str, reason: str = "") -> Correction:
    """Undo a correction (the undo is recorded on it: who, when, why); what it touched is derived again."""
    author = _text("author", author)
    row = store.correction_row(int(correction_id))
    if row is None:
        raise LookupError(f"no correction #{correction_id} in {store.path}")
    if row["undone_at"]:
        raise ValueError(f"correction #{correction_id} was already undone by {row['undone_by']} on "
                         f"{row['undone_at'][:10]}")
    with store.transaction():
        store.set_correction(int(correction_id), undone_at=_now(), undone_by=author, undo_reason=reason.strip())
        store.apply_correction(int(correction_id))
        if row["kind"] == "place" and row["document_id"]:
            _read_again_if_taught(store, row["document_id"], row["mention_start"])
    return _of_row(store.correction_row(int(correction_id)))


def _read_again_if_taught(store, document_id: str, start: int | None) -> None:
    """After a place correction is undone: when the extractor placed its mention by a lesson of the store's user
    layer (the correction's own, learned before a re-extraction), read the article again with the layer as it now
    is, so the mention is not left at the undone place with nothing saying why."""
    taught = [a for a, _ in store.document_accounts(document_id) for m in a.places
              if m.start == start and (m.place_id or "").startswith("user:")]
    doc = store.document(document_id) if taught else None
    if doc is None:
        return
    from gazetteer import Gazetteer

    from .extraction import extract_accounts
    from .reextract import _follow

    old = [a for a, _ in store.document_accounts(document_id)]
    new = extract_accounts(Gazetteer.load().with_user_layer(store.user_layer()), doc)
    moved = {a.id: b.id for a in old for b in [_follow(a, new)] if b is not None and b.id != a.id}
    store.replace_accounts(doc, new)
    store.move_corrections(moved)
    store.recluster()


def corrections(store, *, incident_id: str | None = None, document_id: str | None = None,
                status: str | None = None) -> list[Correction]:
    """The recorded corrections, oldest first: all, or those of one incident's accounts or one document."""
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, got {status!r}")
    if incident_id is not None:
        rows = _incident_rows(store, incident_id)
    elif document_id is not None:
        rows = store.correction_rows("WHERE document_id = ?", (document_id,))
    else:
        rows = store.correction_rows()
    out = [_of_row(r) for r in rows]
    return [c for c in out if status is None or c.status == status]


def _incident_rows(store, incident_id: str) -> list[dict]:
    incident = store.incident(incident_id)
    if incident is None:
        raise LookupError(f"no incident {incident_id!r} in {store.path}")
    ids = {a.id for a in incident.accounts}
    docs = sorted({a.document_id for a in incident.accounts})
    marks = ",".join("?" * len(docs))
    rows = store.correction_rows(f"WHERE document_id IN ({marks}) OR account_id IN ({','.join('?' * len(ids))}) "
                                 f"OR other_account_id IN ({','.join('?' * len(ids))})",
                                 (*docs, *sorted(ids), *sorted(ids)))
    spans = {(a.document_id, a.start, a.end) for a in incident.accounts}
    mentions = {(a.document_id, m.start) for a in incident.accounts for m in a.places}
    out = []
    for r in rows:
        linked = r["account_id"] in ids or r["other_account_id"] in ids
        anchored = (r["document_id"], r["mention_start"], r["span_end"]) in spans or \
            (r["kind"] == "place" and (r["document_id"], r["mention_start"]) in mentions)
        if linked or anchored:
            out.append(r)
    return out


def history(store, incident_id: str) -> list[Correction]:
    """The corrections of an incident's accounts, oldest first (undone ones included, saying so)."""
    return corrections(store, incident_id=incident_id)


def settled_by(store, correction_id: int) -> int:
    """How many review items the correction settled when it was made."""
    row = store.correction_row(int(correction_id))
    if row is None:
        raise LookupError(f"no correction #{correction_id} in {store.path}")
    return int(row["settled"] or 0)


def check_anchors(store) -> list[Correction]:
    """Mark each correction whose anchor is read no longer as not applying (and those read again as applying);
    those that no longer apply (undone ones left out)."""
    stale = []
    for r in store.correction_rows("WHERE undone_at IS NULL"):
        applies = store.anchor_exists(r)
        if bool(r["applies"]) != applies:
            store.set_correction(int(r["id"]), applies=int(applies))
            r["applies"] = int(applies)
        if not applies:
            stale.append(_of_row(r))
    return stale


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
