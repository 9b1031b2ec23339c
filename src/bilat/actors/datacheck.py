"""Read and validate the leaders table (``data/actors/leaders.tsv``).

`check_leaders(path)` reports every problem of a hand-edited table at once,
each with its line number, so one run of ``bilat data check`` shows all that
must be fixed. `read_leader_rows(path)` is the single parser: it returns the
rows that parsed and the per-row problems; `bilat.actors.leaders` builds its
index from the same rows, so the checker and the loader never disagree.

Errors (the loader refuses the table):
  wrong header or column count, unknown office, unknown ISO3 code (for
  office IGO: unknown organisation code of igos.tsv), empty name or title,
  bad date, end before start, duplicate row, overlapping terms of the same
  country and office (rows whose title starts with "Acting" or "Co-" may
  overlap others; rows of office IGO, heads of organisations whose organs
  serve side by side, are not checked for overlaps or gaps).
Warnings (the table loads):
  a gap of more than 60 days between consecutive terms of the same country
  and office (unless a note declares the gap: "vacant after" or "unlisted
  after" on the term before it, "vacant before" or "unlisted before" on the
  term after it), stray spaces, empty variants, and one person spelled two
  ways as the canonical name.

The file format is described in ``data/actors/LEADERS.md``.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Literal

from bilat.errors import InputEncodingError, InputError, InputNotFound

__all__ = [
    "COLUMNS", "OFFICES", "IGO_OFFICE", "ISO3_CODES", "MAX_GAP_DAYS", "COVERAGE_START",
    "igo_codes",
    "Problem", "LeaderRow", "read_leader_rows", "check_rows", "check_leaders",
    "is_exempt_title",
]

COLUMNS = ("country", "office", "title", "name", "variants", "start", "end", "note")
# The last two columns may be left off a line (an incumbent without a note).
_MIN_COLUMNS = 6
OFFICES = frozenset({"HOS", "HOG", "FM", "IGO"})
# IGO: the head of an intergovernmental organisation or of one of its organs
# (UN Secretary-General, President of the European Commission); the country
# column then holds the organisation's code from data/actors/igos.tsv.
IGO_OFFICE = "IGO"
_IGO_TABLE = Path(__file__).resolve().parent.parent / "data" / "actors" / "igos.tsv"
MAX_GAP_DAYS = 60
COVERAGE_START = date(1991, 1, 1)
_EXEMPT_PREFIXES = ("acting", "co-")

Severity = Literal["error", "warning"]

# ISO 3166-1 alpha-3: the 249 officially assigned codes, plus XKX (Kosovo,
# user-assigned but in common use).
ISO3_CODES = frozenset("""
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE
BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA
CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE
DEU DJI DMA DNK DOM DZA
ECU EGY ERI ESH ESP EST ETH
FIN FJI FLK FRA FRO FSM
GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
HKG HMD HND HRV HTI HUN
IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA
JAM JEY JOR JPN
KAZ KEN KGZ KHM KIR KNA KOR KWT
LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA
MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT
NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL
OMN
PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF
QAT
REU ROU RUS RWA
SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR
TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA
UGA UKR UMI URY USA UZB
VAT VCT VEN VGB VIR VNM VUT
WLF WSM
YEM
ZAF ZMB ZWE
XKX
""".split())


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a table, at a line (0 = the file as a whole)."""

    path: str
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


@dataclass(frozen=True, slots=True)
class LeaderRow:
    """A row of the leaders table that parsed, with the line it came from."""

    line: int
    country: str
    office: str
    title: str
    name: str
    variants: tuple[str, ...]
    start: date
    end: date | None
    note: str


@functools.cache
def igo_codes() -> frozenset[str]:
    """The organisation codes of the bundled igos.tsv (first column), for office IGO."""
    try:
        text = _IGO_TABLE.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    codes = (line.split("\t", 1)[0].strip() for line in text.splitlines()
             if line.strip() and not line.startswith("#"))
    return frozenset(c for c in codes if c and c != "code")


def is_exempt_title(title: str) -> bool:
    """Acting and co-holders may overlap the regular holder of an office."""
    return title.strip().casefold().startswith(_EXEMPT_PREFIXES)


def read_leader_rows(path: Path | str) -> tuple[list[LeaderRow], list[Problem]]:
    """Parse a leaders table: the rows that parsed, and every per-row problem.

    Raises InputNotFound / InputEncodingError when the file itself cannot be read.
    """
    p = Path(path)
    text = _read_text(p)
    where = str(p)
    rows: list[LeaderRow] = []
    problems: list[Problem] = []
    header_seen = False
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = raw.split("\t")
        if not header_seen:
            header_seen = True
            if tuple(f.strip() for f in fields) == COLUMNS:
                continue
            problems.append(Problem(where, lineno, "error",
                                    "first line must be the header: " + " ".join(COLUMNS)
                                    + " (tab-separated)"))
        row = _parse_row(where, lineno, fields, problems)
        if row is not None:
            rows.append(row)
    if not header_seen:
        problems.append(Problem(where, 0, "error", "the table is empty: write the header line "
                                + " ".join(COLUMNS) + " (tab-separated) and some rows"))
    return rows, problems


def check_leaders(path: Path | str) -> list[Problem]:
    """Every problem of the leaders table at `path`, sorted by line."""
    rows, problems = read_leader_rows(path)
    problems.extend(check_rows(rows, path=path))
    return sorted(problems, key=lambda pr: (pr.line, pr.severity != "error", pr.message))


# ---- parsing -------------------------------------------------------------------------------

def _read_text(p: Path) -> str:
    try:
        return p.read_text(encoding="utf-8-sig")
    except FileNotFoundError as e:
        raise InputNotFound(f"leaders table {p} does not exist: pass the path of a "
                            "leaders TSV file") from e
    except IsADirectoryError as e:
        raise InputNotFound(f"leaders table {p} is a directory: pass the path of a "
                            "leaders TSV file") from e
    except UnicodeDecodeError as e:
        raise InputEncodingError(f"leaders table {p} is not UTF-8 text: save it as "
                                 "UTF-8") from e
    except OSError as e:
        raise InputError(f"leaders table {p} cannot be read ({e.strerror}): check its "
                         "permissions") from e


def _parse_row(where: str, lineno: int, fields: list[str],
               problems: list[Problem]) -> LeaderRow | None:
    def err(msg: str) -> None:
        problems.append(Problem(where, lineno, "error", msg))

    def warn(msg: str) -> None:
        problems.append(Problem(where, lineno, "warning", msg))

    n = len(fields)
    if not _MIN_COLUMNS <= n <= len(COLUMNS):
        err(f"{n} tab-separated columns, expected {len(COLUMNS)} "
            f"({' '.join(COLUMNS)}; end and note may be left off)")
        return None
    fields = fields + [""] * (len(COLUMNS) - n)
    if any(f != f.strip() for f in fields):
        warn("a field has leading or trailing spaces")
    country, office, title, name, variants_s, start_s, end_s, note = (f.strip() for f in fields)
    ok = True
    if office not in OFFICES:
        err(f"unknown office {office!r}: use one of {', '.join(sorted(OFFICES))}")
        ok = False
    if office == IGO_OFFICE:
        if country not in igo_codes():
            err(f"unknown organisation code {country!r} for office IGO: use a code of "
                "data/actors/igos.tsv such as UN or NATO")
            ok = False
    elif country not in ISO3_CODES:
        err(f"unknown country code {country!r}: use an ISO 3166-1 alpha-3 code such as KAZ"
            + (" (organisations take office IGO)" if country in igo_codes() else ""))
        ok = False
    if not title:
        err("empty title: write the title of the office, e.g. President")
        ok = False
    if not name:
        err("empty name: write the holder's canonical name")
        ok = False
    variants: list[str] = []
    if variants_s:
        for v in variants_s.split("|"):
            if not v.strip():
                warn("empty variant between '|' separators")
            else:
                variants.append(v.strip())
    start = _parse_date(start_s, "start", err)
    end = _parse_date(end_s, "end", err) if end_s else None
    if start is None or (end_s and end is None):
        ok = False
    if start is not None and end is not None and end < start:
        err(f"end {end.isoformat()} is before start {start.isoformat()}")
        ok = False
    if not ok or start is None:
        return None
    return LeaderRow(lineno, country, office, title, name, tuple(variants), start, end, note)


def _parse_date(s: str, column: str, err: Callable[[str], None]) -> date | None:
    if not s:
        err(f"empty {column} date: write YYYY-MM-DD")
        return None
    if len(s) != 10:
        err(f"bad {column} date {s!r}: write YYYY-MM-DD")
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        err(f"bad {column} date {s!r}: write YYYY-MM-DD (a real calendar day)")
        return None


# ---- checks across rows ---------------------------------------------------------------------

def _fold(s: str) -> str:
    """Loose key to spot one person spelled two ways (case and accents ignored)."""
    s = unicodedata.normalize("NFKD", s.casefold())
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).replace("-", " ").split())


def check_rows(rows: list[LeaderRow], *, path: Path | str) -> list[Problem]:
    """Problems between parsed rows: duplicates, overlaps, gaps, double spellings."""
    where = str(Path(path))
    problems: list[Problem] = []
    # duplicates: same country, office, person and start date
    seen: dict[tuple[str, str, str, date], LeaderRow] = {}
    unique: list[LeaderRow] = []
    for r in rows:
        key = (r.country, r.office, _fold(r.name), r.start)
        first = seen.get(key)
        if first is not None:
            problems.append(Problem(where, r.line, "error",
                                    f"duplicate of line {first.line} ({r.name}, {r.country} "
                                    f"{r.office} from {r.start.isoformat()}): delete one"))
            continue
        seen[key] = r
        unique.append(r)

    # one person, two spellings of the canonical name
    spelled: dict[str, LeaderRow] = {}
    for r in unique:
        first = spelled.setdefault(_fold(r.name), r)
        if first.name != r.name:
            problems.append(Problem(where, r.line, "warning",
                                    f"name {r.name!r} differs from {first.name!r} on line "
                                    f"{first.line} only in case, accents or hyphens: "
                                    "spell one person's name the same on every row"))

    groups: dict[tuple[str, str], list[LeaderRow]] = {}
    for r in unique:
        groups.setdefault((r.country, r.office), []).append(r)
    for (country, office), terms in groups.items():
        if office == IGO_OFFICE:
            continue  # heads of several organs of one organisation serve side by side
        terms.sort(key=lambda r: (r.start, r.line))
        problems.extend(_overlaps(where, country, office, terms))
        problems.extend(_gaps(where, country, office, terms))
    return problems


def _overlaps(where: str, country: str, office: str, terms: list[LeaderRow]) -> list[Problem]:
    out: list[Problem] = []
    prev: LeaderRow | None = None  # the regular term reaching furthest so far
    for r in terms:
        if is_exempt_title(r.title):
            continue
        if prev is not None and (prev.end is None or r.start < prev.end):
            until = prev.end.isoformat() if prev.end else "now"
            out.append(Problem(where, r.line, "error",
                               f"{country} {office} term of {r.name} from {r.start.isoformat()} "
                               f"overlaps line {prev.line} ({prev.name}, until {until}): fix the "
                               "dates, or start the title with 'Acting' or 'Co-'"))
        if prev is None or prev.end is not None and (r.end is None or r.end > prev.end):
            prev = r
    return out


_GAP_AFTER = ("vacant after", "unlisted after")
_GAP_BEFORE = ("vacant before", "unlisted before")


def _declared_vacancy(before: str, after: str) -> bool:
    """A gap the table declares: "vacant after" or "unlisted after" in the note of the
    term before it, or "vacant before" or "unlisted before" in the note of the term
    after it (the office was vacant, or its holders of that period are not listed)."""
    before, after = before.casefold(), after.casefold()
    return any(w in before for w in _GAP_AFTER) or any(w in after for w in _GAP_BEFORE)


def _gaps(where: str, country: str, office: str, terms: list[LeaderRow]) -> list[Problem]:
    out: list[Problem] = []
    covered_until: date | None = terms[0].end
    last = terms[0]
    for r in terms[1:]:
        if covered_until is None:  # an incumbent covers everything after
            break
        days = (r.start - covered_until).days
        if (days > MAX_GAP_DAYS and r.start > COVERAGE_START
                and not _declared_vacancy(last.note, r.note)):
            out.append(Problem(where, r.line, "warning",
                               f"{country} {office}: nobody listed for {days} days between "
                               f"{covered_until.isoformat()} (line {last.line}) and "
                               f"{r.start.isoformat()}: add the holder of that period, or write "
                               "'vacant before' (or 'unlisted before') in this row's note"))
        if r.end is None or r.end > covered_until:
            covered_until, last = r.end, r
    return out
