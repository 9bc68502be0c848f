"""What a rendered map hands the browser: the incident layers' payloads (the data `atlas.incidents` draws)."""

import json

CALL = "atlas.incidents("


def payloads(html: str) -> list[dict]:
    """Every incident layer's payload in a rendered map (its third argument, JSON)."""
    out, decoder, at = [], json.JSONDecoder(), 0
    while (at := html.find(CALL, at)) >= 0:
        args = html.index("{", at)
        if html[at + len(CALL):args].count(",") == 2:  # a call, not the library's definition
            value, _ = decoder.raw_decode(html, args)  # "<\/" in strings is JSON's escaped "/"
            out.append(value)
        at += len(CALL)
    return out


def markers(html: str) -> list[dict]:
    """Every circle the browser is asked to draw (incidents, or grid cells)."""
    return [m for p in payloads(html) for m in p["markers"]]
