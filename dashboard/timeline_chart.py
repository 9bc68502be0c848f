"""The Map page's timeline as Altair charts: incidents per period (brush a span to choose dates), claimed ranges.

    counts_chart(series, "M", window=(lo, hi))   # bars; the window chosen shaded; a brush named BRUSH
    ranges_chart(series, "M")                    # per period, the lowest and highest killed figure claimed

`series` is `dashboard.incident_view.timeline(frame, period)`. The charts hold figures only, no text of the data.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from .incident_view import PERIODS

#: The brush's name: Streamlit reports the span brushed under it.
BRUSH = "span"
#: Axis labels by period.
AXIS_FORMAT = {"M": "%b %Y", "W": "%d %b %Y"}
BAR_COLOUR, RANGE_COLOUR, WINDOW_COLOUR = "#1f5f8b", "#d35400", "#7a1f1f"
HEIGHT = 170


def _x(series: pd.DataFrame, period: str) -> alt.X:
    """The time axis, over the same span in both charts: the first period to the end of the last."""
    first = pd.Timestamp(series["period"].min())
    last = pd.Timestamp(series["period"].max()) + (pd.DateOffset(months=1) if period == "M" else pd.Timedelta(weeks=1))
    return alt.X("period:T", title=None, scale=alt.Scale(domain=[first.isoformat(), last.isoformat()]),
                 axis=alt.Axis(format=AXIS_FORMAT.get(period, "%b %Y"), labelAngle=0, labelOverlap=True))


def counts_chart(series: pd.DataFrame, period: str, *,
                 window: tuple[dt.date, dt.date] | None = None) -> alt.LayerChart | alt.Chart:
    """Bars of incidents per period with an x brush (`BRUSH`); the date window chosen drawn behind them."""
    brush = alt.selection_interval(name=BRUSH, encodings=["x"])
    bars = alt.Chart(series).mark_bar(color=BAR_COLOUR).encode(
        x=_x(series, period), y=alt.Y("incidents:Q", title="incidents", axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("period:T", title=PERIODS[period], format=AXIS_FORMAT.get(period, "%b %Y")),
                 alt.Tooltip("incidents:Q")],
    ).add_params(brush)
    if window is None:
        return bars.properties(height=HEIGHT)
    shade = alt.Chart(pd.DataFrame({"start": [pd.Timestamp(window[0])], "end": [pd.Timestamp(window[1])]})) \
        .mark_rect(color=WINDOW_COLOUR, opacity=0.1).encode(x="start:T", x2="end:T")
    return alt.layer(shade, bars).properties(height=HEIGHT)


def ranges_chart(series: pd.DataFrame, period: str) -> alt.LayerChart:
    """Per period, a rule from the lowest to the highest killed figure claimed (a range of claims, never a sum), with
    a tick at each end so a single figure shows too."""
    data = series.dropna(subset=["killed_min", "killed_max"])
    tooltip = [alt.Tooltip("period:T", title=PERIODS[period], format=AXIS_FORMAT.get(period, "%b %Y")),
               alt.Tooltip("killed_min:Q", title="lowest claim"), alt.Tooltip("killed_max:Q", title="highest claim")]
    base = alt.Chart(data).encode(x=_x(series, period), tooltip=tooltip)
    rule = base.mark_rule(color=RANGE_COLOUR, strokeWidth=3).encode(
        y=alt.Y("killed_min:Q", title="killed, claimed"), y2="killed_max:Q")
    low = base.mark_tick(color=RANGE_COLOUR, thickness=2, size=10).encode(y="killed_min:Q")
    high = base.mark_tick(color=RANGE_COLOUR, thickness=2, size=10).encode(y="killed_max:Q")
    return alt.layer(rule, low, high).properties(height=HEIGHT)
