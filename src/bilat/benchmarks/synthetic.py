"""A store of made-up events, built in seconds with DuckDB bulk inserts, for load tests.

    from bilat.benchmarks.synthetic import build_store
    info = build_store("load.duckdb", n_events=1_000_000)   # ~10 s, ~150 MB
    info.top_dyads[:3]                                      # [("CHN", "USA"), ...]

    python -m bilat.benchmarks.synthetic load.duckdb --events 1000000

The store is a normal bilat store (created and migrated by `Store.open`), so the
API and the CLI read it as they read coded news. Every value comes from a hash
of the row number and `seed`, so the same arguments always give the same store:

- countries: the states of `CountryTable` and a few IGOs, picked with Zipf
  weights (`BUSIEST` first), source != target;
- codes: every CAMEO code of `bilat.ontology`, with its Goldstein score, quad
  class and PLOVER type;
- dates: days from 1990 to 2024 (one event in ten known only to its year);
- stories: `events_per_story` consecutive events make one document;
- each event's two actors go to the `actors` table, as coding would put them.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from bilat.errors import BadParameter, StoreError
from bilat.store import Store

IGOS = ("UN", "EU", "NATO", "AU", "ASEAN")
# The busiest actors of international news come first (Zipf rank 1, 2, ...); the rest follow
# in table order.
BUSIEST = ("USA", "CHN", "RUS", "GBR", "FRA", "DEU", "UKR", "JPN", "IND", "ISR", "IRN", "TUR",
           "KOR", "PRK", "PAK", "SAU", "BRA", "EGY", "SYR", "AFG", "IRQ", "ITA", "CAN", "AUS",
           "KAZ", "ROU", "POL", "ESP", "MEX", "IDN")
FIRST_DAY = "1990-01-01"
N_DAYS = 12_784  # 1990-01-01 .. 2024-12-31
_MOD = 1_000_003  # a prime: hash(...) % _MOD / _MOD is uniform enough in [0, 1)


@dataclass(frozen=True, slots=True)
class SyntheticStore:
    """What `build_store` made."""

    path: Path
    n_events: int
    n_documents: int
    seconds: float
    top_dyads: tuple[tuple[str, str], ...]  # the busiest pairs, most events first
    countries: tuple[str, ...]  # every code used, busiest first


def _u(salt: int) -> str:
    """SQL for a uniform number in [0, 1) from the row number, the seed and a salt."""
    return f"((hash(i, $seed, {salt}) % {_MOD})::DOUBLE / {_MOD})"


_FILL = f"""
CREATE TEMP TABLE syn AS
SELECT i,
       least(floor(exp({_u(1)} * ln($n_countries + 1)))::INTEGER - 1, $n_countries - 1) AS s,
       least(floor(exp({_u(2)} * ln($n_countries + 1)))::INTEGER - 1, $n_countries - 1) AS t0,
       floor({_u(3)} * $n_codes)::INTEGER AS c,
       floor({_u(4)} * {N_DAYS})::INTEGER AS day,
       {_u(5)} < 0.1 AS year_only,
       {_u(6)} < 0.15 AS historical,
       {_u(7)} < 0.2 AS located
FROM range($n_events) r(i)
"""

_EVENTS = f"""
INSERT INTO events (event_id, doc_id, story_date, "date", date_start, date_precision, historical,
                    source_actor, source_country, target_actor, target_country, cameo, root,
                    quad_class, goldstein, plover, "count", sentence_index, sentence,
                    source_text, target_text, "trigger", extra, location_name, location_country,
                    lat, lon)
SELECT 'syn' || lpad(to_hex(i), 17, '0'),
       'syn-' || lpad((i // $per_story)::VARCHAR, 9, '0'),
       strftime(DATE '{FIRST_DAY}' + day, '%Y-%m-%d'),
       CASE WHEN year_only THEN strftime(DATE '{FIRST_DAY}' + day, '%Y')
            ELSE strftime(DATE '{FIRST_DAY}' + day, '%Y-%m-%d') END,
       CASE WHEN year_only THEN date_trunc('year', DATE '{FIRST_DAY}' + day)::DATE
            ELSE DATE '{FIRST_DAY}' + day END,
       CASE WHEN year_only THEN 'year' ELSE 'day' END,
       historical,
       sc.code, sc.code, tc.code, tc.code, cc.code, cc.root, cc.quad, cc.goldstein, cc.plover,
       1, (i % $per_story)::INTEGER,
       sc.name || ' and ' || tc.name || ': ' || cc.name || ' (synthetic event ' || i || ').',
       sc.name, tc.name, NULL, NULL,
       CASE WHEN located THEN tc.name END, CASE WHEN located THEN tc.code END, NULL, NULL
FROM (SELECT *, CASE WHEN t0 = s THEN (s + 1) % $n_countries ELSE t0 END AS t FROM syn) e
JOIN syn_country sc ON sc.k = e.s
JOIN syn_country tc ON tc.k = e.t
JOIN syn_code cc ON cc.k = e.c
"""

_ACTORS = """
INSERT INTO actors (event_id, doc_id, role, code, country, sector, "text")
SELECT event_id, doc_id, 'source', source_actor, source_country, NULL, source_text FROM events
WHERE event_id LIKE 'syn%'
UNION ALL
SELECT event_id, doc_id, 'target', target_actor, target_country, NULL, target_text FROM events
WHERE event_id LIKE 'syn%'
"""

_DOCUMENTS = """
INSERT INTO documents (doc_id, content_hash, story_date, story_date_source, title, url, source,
                       path, coded_at, n_events)
SELECT doc_id, substr(sha256(doc_id), 1, 16), max(date_start), 'metadata',
       'Synthetic story ' || doc_id, NULL, 'bilat synthetic', NULL, TIMESTAMP '2025-01-01', count(*)
FROM events WHERE event_id LIKE 'syn%' GROUP BY doc_id
"""

_TOP_DYADS = """
SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b
FROM events GROUP BY a, b ORDER BY count(*) DESC, a, b LIMIT ?
"""


def _countries() -> list[tuple[int, str, str]]:
    from bilat.actors.countries import CountryTable

    table = CountryTable.load()
    codes = [c for c in BUSIEST if table.is_known(c)]
    codes += [c.code for c in table.all() if c.code not in codes]
    codes += [g for g in IGOS if table.is_known(g)]
    return [(k, code, table.name(code)) for k, code in enumerate(codes)]


def _codes() -> list[tuple[int, str, str, int, float, str | None, str]]:
    from bilat import ontology

    return [(k, c.code, c.root, c.quad_class, c.goldstein, c.plover, c.name)
            for k, c in enumerate(ontology.all_codes())]


def build_store(path: str | Path, *, n_events: int = 1_000_000, events_per_story: int = 10,
                seed: int = 0, top: int = 50) -> SyntheticStore:
    """Create a new store at `path` holding `n_events` synthetic events.

    Refuses (BadParameter) a path that exists: it never adds to a real store.
    """
    for name, value, low in (("n_events", n_events, 1), ("events_per_story", events_per_story, 1),
                             ("top", top, 1)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise BadParameter(f"{name} must be an integer >= {low}, got {value!r}")
    p = Path(path)
    if p.exists():
        raise BadParameter(f"{p} exists; build_store writes a new store only, choose a new path")
    started = time.perf_counter()
    countries = _countries()
    codes = _codes()
    with Store.open(p) as store:
        con = store._writable()  # bulk SQL on the one writer connection, in one transaction
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute("CREATE TEMP TABLE syn_country (k INTEGER, code VARCHAR, name VARCHAR)")
            con.executemany("INSERT INTO syn_country VALUES (?, ?, ?)", countries)
            con.execute("CREATE TEMP TABLE syn_code (k INTEGER, code VARCHAR, root VARCHAR, "
                        "quad TINYINT, goldstein DOUBLE, plover VARCHAR, name VARCHAR)")
            con.executemany("INSERT INTO syn_code VALUES (?, ?, ?, ?, ?, ?, ?)", codes)
            con.execute(_FILL, {"seed": seed, "n_countries": len(countries), "n_codes": len(codes),
                                "n_events": n_events})
            con.execute(_EVENTS, {"per_story": events_per_story, "n_countries": len(countries)})
            con.execute(_ACTORS)
            con.execute(_DOCUMENTS)
            con.execute("DROP TABLE syn; DROP TABLE syn_country; DROP TABLE syn_code")
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        except duckdb.Error as e:  # leave nothing half built
            con.execute("ROLLBACK")
            raise StoreError(f"cannot build the synthetic store {p}: {e}") from e
        stats = store.stats()
        dyads = tuple((a, b) for a, b in con.execute(_TOP_DYADS, [top]).fetchall())
    return SyntheticStore(path=p, n_events=stats.n_events, n_documents=stats.n_documents,
                          seconds=time.perf_counter() - started, top_dyads=dyads,
                          countries=tuple(code for _, code, _ in countries))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bilat.benchmarks.synthetic",
                                     description="Build a store of synthetic events.")
    parser.add_argument("db", type=Path, help="the new store (must not exist)")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        info = build_store(args.db, n_events=args.events, seed=args.seed)
    except (BadParameter, StoreError) as e:
        print(f"bilat: {e}", file=sys.stderr)
        return 1
    print(f"{info.path}: {info.n_events:,} events in {info.n_documents:,} stories, "
          f"built in {info.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
