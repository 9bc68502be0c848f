"""What a person's own data teaches the gazetteer: located names from imported rows and place corrections.

Each imported row that places its name at a point of its own (precision exact) and each place a person corrected
is an observation; `gazetteer.user_layer.learn` joins them into the store's user layer, which `Gazetteer
.with_user_layer` then resolves beside the shipped places.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from gazetteer.user_layer import Observation

from .model import Account

#: `PlaceMention.why` of a mention whose point is the dataset's own, and of one a person set.
FROM_DATASET, FROM_CORRECTION = "dataset", "correction"
#: Only points that locate a place itself teach its name.
LEARNED_PRECISIONS = frozenset({"exact"})


def observations(accounts: Iterable[Account]) -> Iterator[Observation]:
    """The located names of imported rows and corrected mentions."""
    for a in accounts:
        for m in a.places:
            if m.lat is None or m.lon is None or not m.text.strip() or m.precision not in LEARNED_PRECISIONS:
                continue
            if m.why == FROM_DATASET:
                yield Observation(m.text, m.admin1 or "", m.lat, m.lon, a.claimed_by)
            elif m.why == FROM_CORRECTION:
                yield Observation(m.text, m.admin1 or "", m.lat, m.lon, "correction")
