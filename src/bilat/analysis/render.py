"""A DyadProfile as a terminal report, as Markdown, or as the JSON the API serves."""

from __future__ import annotations

import dataclasses
import textwrap
from datetime import date
from typing import Any

from bilat.analysis.labels import QUAD_LABELS
from bilat.analysis.profile import DyadProfile, ProfileEvent, ProfileFact, Visit
from bilat.facts.describe import describe_fact

WIDTH = 100
_QUAD_SHORT = ("verb.coop", "mat.coop", "verb.conf", "mat.conf")


# -- shared helpers ------------------------------------------------------------

def title(p: DyadProfile, *, gap: str = "  ") -> str:
    """ "Kazakhstan – Romania  (KAZ–ROU)", or "KAZ – ROU" without names."""
    if p.name_a and p.name_b:
        return f"{p.name_a} – {p.name_b}{gap}({p.a}–{p.b})"
    return f"{p.a} – {p.b}"


def _date(value: str | None) -> str:
    return value if value else "undated"


def _count(n: int) -> str:
    return f"×{n}" if n > 1 else ""


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: max(width - 1, 1)].rstrip() + "…"


def _goldstein(x: float | None) -> str:
    return "–" if x is None else f"{x:+.2f}"


# -- text ----------------------------------------------------------------------

def render_text(p: DyadProfile, *, max_rows: int = 20, width: int = WIDTH) -> str:
    """A readable plain-text report; each list shows at most `max_rows` rows."""
    out = [title(p)]
    if p.established is None:
        out.append("Relations established: not found in the stored events")
    else:
        e = p.established
        out.append(textwrap.fill(
            f'Relations established: {_date(e.date)}  ("{" ".join(e.sentence.split())}")  [{e.doc_id}]',
            width=width, subsequent_indent="  ",
        ))
    out += _text_visits(p.visits, max_rows, width)
    for heading, rows in (("Consultations", p.consultations), ("Agreements", p.agreements),
                          ("Cooperation", p.cooperation)):
        out += _text_events(heading, rows, max_rows, width)
    out += _text_facts(p.facts, max_rows, width)
    out += _text_years(p)
    t = p.totals
    span = f"{_date(t.first_date)} – {_date(t.last_date)}" if t.n_events else "no events"
    quads = ", ".join(f"{QUAD_LABELS[i + 1]} {n}" for i, n in enumerate(t.quad))
    out.append(textwrap.fill(
        f"Total: {t.n_events} events ({span}); {quads}; mean Goldstein {_goldstein(t.mean_goldstein)}"
        + (f"; {t.n_undated} undated" if t.n_undated else ""),
        width=width, subsequent_indent="  ",
    ))
    out += _text_events("Recent events", p.recent, max_rows, width)
    out.append(f"Sources ({len(p.sources)}):" if p.sources else "Sources: none")
    for s in p.sources[:max_rows]:
        head = f"  {_date(s.story_date):<10}  {s.doc_id}"
        tail = f"({s.n_events} event{'s' if s.n_events != 1 else ''})"
        room = width - len(head) - len(tail) - 4
        story_title = _shorten(s.title, room) if s.title and room > 10 else ""
        out.append(f"{head}  {story_title}  {tail}" if story_title else f"{head}  {tail}")
    out += _more(len(p.sources), max_rows)
    return "\n".join(out) + "\n"


def _more(n: int, max_rows: int) -> list[str]:
    return [f"  … and {n - max_rows} more"] if n > max_rows else []


def _text_visits(visits: tuple[Visit, ...], max_rows: int, width: int) -> list[str]:
    if not visits:
        return ["Visits: none"]
    shown = visits[:max_rows]
    dw = max(len(_date(v.date)) for v in shown)
    cw = max(4, *(len(_count(v.count)) for v in shown))
    out = ["Visits:"]
    for v in shown:
        head = f"  {_date(v.date):<{dw}}  {_count(v.count):<{cw}}  {v.visitor} → {v.host}  "
        out.append(head + _shorten(v.visitor_text or "", max(width - len(head), 10)))
    return [line.rstrip() for line in out] + _more(len(visits), max_rows)


def _text_events(heading: str, rows: tuple[ProfileEvent, ...], max_rows: int, width: int) -> list[str]:
    if not rows:
        return [f"{heading}: none"]
    shown = rows[:max_rows]
    dw = max(len(_date(e.date)) for e in shown)
    cw = max(4, *(len(_count(e.count)) for e in shown))
    out = [f"{heading}:"]
    for e in shown:
        head = (f"  {_date(e.date):<{dw}}  {_count(e.count):<{cw}}  "
                f"{e.source or '?'} → {e.target or '?'}  {e.cameo} {e.label or ''}".rstrip())
        out.append(head)
        out.append("      " + _shorten(f'"{e.sentence}" [{e.doc_id}]', width - 6))
    return out + _more(len(rows), max_rows)


def _text_facts(facts: tuple[ProfileFact, ...], max_rows: int, width: int) -> list[str]:
    """The "Facts" section: one line a fact, its kind first."""
    if not facts:
        return ["Facts: none"]
    out = ["Facts:"]
    kw = max(len(f.kind) for f in facts[:max_rows])
    for f in facts[:max_rows]:
        head = f"  {f.kind:<{kw}}  "
        out.append(head + _shorten(describe_fact(f), max(width - len(head), 10)))
    return out + _more(len(facts), max_rows)


def _text_years(p: DyadProfile) -> list[str]:
    if not p.by_year:
        return ["Events by year: none"]
    out = ["Events by year:",
           f"  {'year':<6}{'n':>6}" + "".join(f"{h:>11}" for h in _QUAD_SHORT) + f"{'Goldstein':>11}"]
    for y in p.by_year:
        out.append(f"  {y.year:<6}{y.n:>6}" + "".join(f"{n:>11}" for n in y.quad)
                   + f"{_goldstein(y.mean_goldstein):>11}")
    return out


# -- markdown ------------------------------------------------------------------

class _Markdown(str):
    """Cell text that is already Markdown: only its pipes still need escaping."""


def _cell(value: object) -> str:
    text = "" if value is None else " ".join(str(value).split())
    if not isinstance(value, _Markdown):
        text = text.replace("\\", "\\\\")
    return text.replace("|", "\\|")


def _link(text: str, url: str) -> _Markdown:
    label = "".join("\\" + c if c in "\\[]" else c for c in " ".join(text.split()))
    target = url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return _Markdown(f"[{label}]({target})")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return out


def render_markdown(p: DyadProfile) -> str:
    """Headings and tables; every list in full."""
    out = [f"# {title(p, gap=' ')}", ""]
    if p.established is None:
        out.append("**Relations established:** not found in the stored events")
    else:
        e = p.established
        out.append(f"**Relations established:** {_date(e.date)} — “{_cell(e.sentence)}” (`{e.doc_id}`)")
    out += ["", "## Visits", ""]
    if p.visits:
        out += _table(["Date", "Visitor", "Host", "Count", "Visitor named as", "Story"],
                      [[_date(v.date), v.visitor, v.host, v.count, v.visitor_text, v.doc_id]
                       for v in p.visits])
    else:
        out.append("None found.")
    for heading, rows in (("Consultations", p.consultations), ("Agreements", p.agreements),
                          ("Cooperation", p.cooperation), ("Recent events", p.recent)):
        out += ["", f"## {heading}", ""]
        if rows:
            out += _table(["Date", "From", "To", "CAMEO", "Count", "Sentence", "Story"],
                          [[_date(e.date), e.source, e.target, f"{e.cameo} {e.label or ''}".strip(),
                            e.count, e.sentence, e.doc_id] for e in rows])
        else:
            out.append("None found.")
    out += ["", "## Facts", ""]
    if p.facts:
        out += _table(["Kind", "Fact", "Countries", "Sentence", "Stories"],
                      [[f.kind, describe_fact(f), "–".join(c for c in (f.country_a, f.country_b)
                                                           if c),
                        f.sentence, ", ".join(f.doc_ids)] for f in p.facts])
    else:
        out.append("None found.")
    out += ["", "## Events by year", ""]
    if p.by_year:
        out += _table(["Year", "Events"] + [QUAD_LABELS[i].capitalize() for i in range(1, 5)]
                      + ["Mean Goldstein"],
                      [[y.year, y.n, *y.quad, _goldstein(y.mean_goldstein)] for y in p.by_year])
    else:
        out.append("None found.")
    t = p.totals
    out += ["", "## Totals", ""]
    out += _table(["Events", "First", "Last"] + [QUAD_LABELS[i].capitalize() for i in range(1, 5)]
                  + ["Mean Goldstein", "Undated"],
                  [[t.n_events, t.first_date, t.last_date, *t.quad, _goldstein(t.mean_goldstein),
                    t.n_undated]])
    out += ["", "## Sources", ""]
    if p.sources:
        out += _table(["Date", "Story", "Title", "Events"],
                      [[_date(s.story_date), s.doc_id,
                        _link(s.title or s.url, s.url) if s.url else s.title, s.n_events]
                       for s in p.sources])
    else:
        out.append("None found.")
    return "\n".join(out) + "\n"


# -- JSON ----------------------------------------------------------------------

def profile_to_dict(p: DyadProfile) -> dict[str, Any]:
    """The profile as JSON-ready data: lists for tuples, strings for dates."""
    data = _plain(dataclasses.asdict(p))
    data["title"] = title(p, gap=" ")
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 3)
    return value
