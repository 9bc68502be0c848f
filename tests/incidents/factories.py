"""Small builders of accounts and documents for tests."""

import datetime as dt

from incidents.model import Account, Document, PlaceMention

HAJIN = PlaceMention("Hajin", 0, 5, name="Hajin", place_id="p:hajin", lat=34.6927, lon=40.827, precision="exact")
SUSAH = PlaceMention("al-Souseh", 0, 9, name="As Susah", place_id="p:susah", lat=34.5337, lon=40.9582,
                     precision="exact")
BAGHUZ = PlaceMention("al-Baghouz Fowqani", 0, 18, name="Baghuz Fawqani", place_id="p:baghuz", lat=34.461,
                      lon=40.949, precision="exact")
GOVERNORATE = PlaceMention("the same province", 0, 17, name="Deir ez-Zor", place_id="p:dez", lat=35.2, lon=40.29,
                           precision="governorate")


def account(doc="d1", start=0, claimed_by="SANA", places=(HAJIN,), day=None, days=None, killed=(20, 20), **kw):
    """An account with sensible defaults; `day` is a date string, `days` a (min, max) pair of date strings."""
    if day:
        days = (day, day)
    lo, hi = (dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[1])) if days else (None, None)
    return Account(document_id=doc, file=f"{doc}.txt", article=0, quote=kw.pop("quote", f"quote {doc} {start}"),
                   start=start, end=start + 10, claim_start=kw.pop("claim_start", start), claimed_by=claimed_by, places=tuple(places), date_min=lo, date_max=hi,
                   killed_min=killed[0], killed_max=killed[1], **kw)


def document(text="Title\n\nTwenty civilians were killed in Hajin.", file="a.txt", **kw):
    return Document(text=text, file=file, **kw)
