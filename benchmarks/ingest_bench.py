"""Ingestion throughput: articles per second through the whole extraction chain, on one core.

    python benchmarks/ingest_bench.py [--articles 10000] [--runs 3]

A corpus of N articles is generated from the sample corpus by variation (places, numbers, days, claimants and
outlets swapped; sentences shuffled within paragraphs), so no two articles are the same text. Printed beside a
baseline run in the same process: splitting the same articles into sentences and scanning them with one
"number + casualty word" regex (the least any extractor must do). Also: the time to cluster the accounts and to write
them into a fresh SQLite store, and to store and cluster them in one transaction beside in chunks as `ingest` does.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gazetteer import Gazetteer  # noqa: E402
from incidents.cluster import cluster  # noqa: E402
from incidents.extraction import extract_accounts  # noqa: E402
from incidents.model import Document  # noqa: E402
from incidents.reading import read_documents  # noqa: E402
from incidents.extraction.sentences import split_sentences  # noqa: E402
from incidents.ingest import CHUNK_DOCUMENTS  # noqa: E402
from incidents.store import Store  # noqa: E402

SAMPLE = REPO / "incidents" / "sample"
PLACES = ["Hajin", "al-Baghouz", "Abu Kamal", "al-Mayadin", "al-Shaafah", "al-Souseh", "Albu Badran", "Raqqa",
          "Tabqa", "al-Bukamal", "Deir Ezzor", "al-Dweir", "al-Kashma", "al-Buqa’an", "Thiban", "Gharanij"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CLAIMANTS = ["SANA", "SOHR", "local sources", "activists", "the White Helmets", "medical sources"]
OUTLETS = ["SANA", "Press TV", "Syria Times", "Reuters", "AFP", "Al Masdar"]
_PLACE_RE = re.compile("|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True)))
_NUM_RE = re.compile(r"\b\d{1,3}\b")
_DAY_RE = re.compile("|".join(DAYS))
_CLAIM_RE = re.compile(r"\b(?:SANA|SOHR|local sources)\b")
_BASELINE_RE = re.compile(r"\b\d+\b[^.]{0,40}\b(?:killed|dead|died|injured|wounded|casualties)\b", re.IGNORECASE)


def sample_articles() -> list[Document]:
    """The sample corpus's articles."""
    return [d for f in sorted(SAMPLE.glob("0*.txt")) for d in read_documents(f)]


def vary(doc: Document, rng: random.Random, k: int) -> Document:
    """A new article from `doc`: places, numbers, days and claimants swapped, paragraphs shuffled."""
    body = doc.text[doc.body_start:]
    body = _PLACE_RE.sub(lambda m: rng.choice(PLACES), body)
    body = _NUM_RE.sub(lambda m: str(rng.randint(2, 120)), body)
    body = _DAY_RE.sub(lambda m: rng.choice(DAYS), body)
    body = _CLAIM_RE.sub(lambda m: rng.choice(CLAIMANTS), body)
    paragraphs = body.split("\n\n")
    rng.shuffle(paragraphs)
    text = f"Report {k}\nSource: {rng.choice(OUTLETS)}\n\n" + "\n\n".join(paragraphs)
    return Document(text=text, file=f"gen_{k:05d}.txt", body_start=text.index("\n\n") + 2,
                    outlet=rng.choice(OUTLETS))


def corpus(n: int, seed: int = 1) -> list[Document]:
    """N generated articles."""
    rng = random.Random(seed)
    base = sample_articles()
    return [vary(base[k % len(base)], rng, k) for k in range(n)]


def timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def baseline(docs: list[Document]) -> int:
    """Sentence splitting and one regex scan per article."""
    return sum(len(_BASELINE_RE.findall(s.text)) for d in docs for s in split_sentences(d.text))


def store_and_cluster(docs: list[Document], accounts: list, chunk: int) -> float:
    """Seconds to store the documents with their accounts into a fresh SQLite store, `chunk` documents per
    transaction, and cluster them once after the last (as `incidents.ingest` does)."""
    by_doc: dict[str, list] = {}
    for a in accounts:
        by_doc.setdefault(a.document_id, []).append(a)
    unique = list({d.id: d for d in docs}.values())
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "chunks.sqlite") as store:
        t = time.perf_counter()
        for start in range(0, len(unique), chunk):
            with store.transaction():
                for d in unique[start:start + chunk]:
                    store.add_document(d, by_doc.get(d.id, []))
        with store.transaction():
            store.recluster()
        return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    gaz = Gazetteer.load()
    docs = corpus(args.articles)
    chars = sum(len(d.text) for d in docs)
    base_t, full_t = [], []
    accounts: list = []
    for _ in range(args.runs):
        t, _ = timed(lambda: baseline(docs))
        base_t.append(t)
        t, accounts = timed(lambda: [a for d in docs for a in extract_accounts(gaz, d)])
        full_t.append(t)
    b, f = statistics.median(base_t), statistics.median(full_t)
    cluster_t, incidents = timed(lambda: cluster(accounts))
    commit_t: dict[int, list[float]] = {}
    for _ in range(args.runs):
        for chunk in (len(docs), CHUNK_DOCUMENTS):
            commit_t.setdefault(chunk, []).append(store_and_cluster(docs, accounts, chunk))
    whole, chunked = (statistics.median(commit_t[k]) for k in (len(docs), CHUNK_DOCUMENTS))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.sqlite") as store:
        def write():
            by_doc: dict[str, list] = {}
            for a in accounts:
                by_doc.setdefault(a.document_id, []).append(a)
            seen: set[str] = set()
            with store.transaction():
                for d in docs:
                    if d.id not in seen:
                        seen.add(d.id)
                        store.add_document(d, by_doc.get(d.id, []))
        store_t, _ = timed(write)
    print(f"articles: {len(docs):,} generated ({chars / len(docs):,.0f} characters each on average); "
          f"runs: {args.runs}; median shown")
    print(f"{'stage':34} {'seconds':>9} {'articles/s':>11} {'vs baseline':>12}")
    print(f"{'baseline: sentences + one regex':34} {b:9.2f} {len(docs) / b:11,.0f} {'1.00x':>12}")
    print(f"{'full extraction (accounts)':34} {f:9.2f} {len(docs) / f:11,.0f} {b / f:11.2f}x")
    print(f"accounts extracted: {len(accounts):,}; incidents after clustering: {len(incidents):,} "
          f"(clustering {cluster_t:.2f} s); writing documents+accounts to SQLite: {store_t:.2f} s")
    print(f"storing and clustering in one transaction: {whole:.2f} s; in chunks of {CHUNK_DOCUMENTS} documents (as "
          f"ingest does, so a crash keeps what was done): {chunked:.2f} s ({chunked / whole:.2f}x)")
    target = len(docs) / f >= 200
    print(f"target ≥ 200 articles/s on one core: {'met' if target else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
