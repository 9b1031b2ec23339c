"""Facts in words, for reports: "ethnic Estonians: more than 10,000 people [EST → FIN]".

Works on anything with the fields of `bilat.schemas.Fact` (a stored Fact, or the
`ProfileFact` of a profile).
"""

from __future__ import annotations

from typing import Protocol

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


class FactLike(Protocol):
    kind: str
    name: str | None
    country_a: str | None
    country_b: str | None
    value: float | None
    unit: str | None
    qualifier: str | None
    places: tuple[str, ...]
    description: str | None
    period: str | None


def amount(value: float | None, unit: str | None = None, qualifier: str | None = None) -> str:
    """ "more than 20,000", "USD 1.2 billion", "about EUR 300 million"; "" without a value."""
    if value is None:
        return ""
    number = None
    for size, word in _SCALES:
        if abs(value) >= size:
            scaled = value / size
            number = f"{scaled:,.1f}".rstrip("0").rstrip(".") + f" {word}"
            break
    if number is None:
        number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    parts = [qualifier or "", unit if unit and unit != "people" else "", number]
    text = " ".join(p for p in parts if p)
    return text + (" people" if unit == "people" else "")


def describe_fact(f: FactLike) -> str:
    """One line about a fact (without its kind and story)."""
    head = f.name or f.description or f.kind
    extras = []
    if f.description and f.name and f.description.lower().endswith(f.name.lower()):
        head = f.description  # "important economic partner" says more than its name
    elif f.description and f.description != head and f.kind != "diaspora":
        extras.append(f.description)
    figure = amount(f.value, f.unit, f.qualifier)
    text = head
    if figure:
        text += f": {figure}" + (f" ({f.period})" if f.period else "")
    if extras:
        text += f" ({'; '.join(extras)})"
    if f.places:
        text += " — " + ", ".join(f.places)
    if f.kind in ("diaspora", "investment", "organization") and f.country_a and f.country_b:
        text += f" [{f.country_a} → {f.country_b}]"
    return text
