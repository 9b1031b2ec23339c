"""Gold sets' actor codes -> the country codes bilat writes (ISO3 or an IGO short name).

bilat's own tables (``bilat/data/actors/countries.tsv`` and ``igos.tsv``) say
which codes exist. Gold sets write actors in other ways:

    PETRARCH / CAMEO codes    "USAGOV" -> USA, "IGOEUREEC" -> EU, "---REB" -> None
    PLOVER actor objects      {"code": "IGO", "actorText": "World Bank"} -> WB
    country names             "The Bahamas", "Cote d'Ivoire (Ivory Coast)" -> BHS, CIV

An actor that names no country or IGO bilat codes (rebels without a country,
NGOs, militant groups, historical states) maps to None.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bilat.errors import TableError

__all__ = [
    "ActorTables", "PLOVER_CODE_FIXES", "PLOVER_IGO_NAMES", "country_by_name", "igo_in_text", "petr_actor", "plover_actor",
    "tables", "name_key",
]

#: CAMEO IGO codes are "IGO" + three-letter parts ("IGO" "UNO" "DEV" "WBK"); the
#: most specific part that names an organisation bilat codes wins (WBK -> WB).
CAMEO_IGO_PARTS: dict[str, str] = {
    "UNO": "UN", "EEC": "EU", "NAT": "NATO", "ASN": "ASEAN", "AFU": "AU", "OAU": "AU",
    "ARL": "ARL", "OAS": "OAS", "IMF": "IMF", "WBK": "WB", "WTO": "WTO", "WHO": "WHO",
    "IAE": "IAEA", "ICC": "ICC", "ICJ": "ICJ", "HCR": "UNHCR", "KID": "UNICEF", "WFP": "WFP",
    "ILO": "ILO", "OPC": "OPEC", "EBR": "EBRD", "ADB": "ADB", "AFB": "AFDB", "WAS": "ECOWAS",
    "SAD": "SADC", "EAC": "EAC", "OIC": "OIC", "CIS": "CIS", "SAA": "SAARC", "GCC": "GCC",
    "ITP": "INTERPOL", "EFT": "EFTA",
}

#: Country codes in the PLOVER gold records that are not ISO 3166-1 alpha-3
#: (the records say they are): the ISO code meant.
PLOVER_CODE_FIXES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

#: Names of IGOs in the PLOVER records that bilat's IGO table does not list under
#: that name (a predecessor, a bare organ, the head of the organisation).
PLOVER_IGO_NAMES: dict[str, str] = {
    "Security Council": "UNSC", "European Community": "EU", "European common market": "EU",
    "Kofi Annan": "UN",
}

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")


def name_key(text: str) -> str:
    """Lookup key of a name: no accents, no leading "the", one space, lower case."""
    text = " ".join(text.translate(_APOS).replace("*", " ").split())
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if text.lower().startswith("the "):
        text = text[4:]
    return text.casefold()


@dataclass(frozen=True, slots=True)
class ActorTables:
    """The codes bilat knows and the names that lead to them."""

    countries: frozenset[str]
    igos: frozenset[str]
    names: dict[str, str]  # name_key(country name/alias) -> ISO3
    igo_names: dict[str, str]  # name_key(IGO name/alias) -> IGO code
    igo_pattern: re.Pattern[str]  # any IGO name/alias as whole words, longest first
    igo_forms: dict[str, str]  # a name/alias as written -> IGO code

    def known(self, code: str) -> bool:
        return code in self.countries or code in self.igos


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise TableError(f"{path}: cannot read bilat's actor table ({e}); reinstall bilat") from e
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise TableError(f"{path}: no header row; reinstall bilat")
    header = [c.strip() for c in lines[0].split("\t")]
    return [dict(zip(header, (c.strip() for c in ln.split("\t")))) for ln in lines[1:]]


def _split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


@functools.lru_cache(maxsize=1)
def tables() -> ActorTables:
    """bilat's country and IGO tables, read once."""
    folder = Path(str(resources.files("bilat") / "data" / "actors"))
    names: dict[str, str] = {}
    countries: set[str] = set()
    for row in _rows(folder / "countries.tsv"):
        iso = row.get("iso3", "")
        if not iso:
            continue
        countries.add(iso)
        for name in (row.get("name", ""), row.get("official", ""), *_split(row.get("aliases"))):
            if name:
                names.setdefault(name_key(name), iso)
    igo_names: dict[str, str] = {}
    igos: set[str] = set()
    forms: dict[str, str] = {}  # as written -> code
    for row in _rows(folder / "igos.tsv"):
        code = row.get("code", "")
        if not code:
            continue
        igos.add(code)
        for name in (row.get("name", ""), *_split(row.get("aliases"))):
            if name:
                igo_names.setdefault(name_key(name), code)
                forms.setdefault(name, code)
    for name, code in PLOVER_IGO_NAMES.items():
        if code in igos:
            forms.setdefault(name, code)
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):
        body = re.escape(form)
        # acronyms match as written ("UN", not "un"); names in any case
        alternatives.append(body if _is_acronym(form) else f"(?i:{body})")
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(alternatives) + r")(?![\w])")
    return ActorTables(frozenset(countries), frozenset(igos), names, igo_names, pattern, forms)


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def igo_in_text(text: str) -> str | None:
    """The IGO named in a phrase ("United Nations peacekeepers" -> UN), longest name first."""
    t = tables()
    m = t.igo_pattern.search(text)
    if m is None:
        return None
    found = m.group(0)
    if found in t.igo_forms:
        return t.igo_forms[found]
    return t.igo_names.get(name_key(found))


def petr_actor(code: str | None) -> str | None:
    """Country of a PETRARCH/CAMEO actor code: its first three letters when they are a
    country bilat codes, the IGO's short name for "IGO..." codes, else None."""
    if not code:
        return None
    code = code.strip().upper()
    t = tables()
    if code.startswith("IGO"):
        parts = [code[i:i + 3] for i in range(3, len(code), 3)]
        for part in reversed(parts):
            igo = CAMEO_IGO_PARTS.get(part)
            if igo is not None and igo in t.igos:
                return igo
        return None
    head = code[:3]
    return head if head in t.countries else None


def plover_actor(actor: object) -> str | None:
    """Country of one PLOVER gold actor object (``{"code", "actorText", "sector"}``)."""
    if not isinstance(actor, dict):
        return None
    code = str(actor.get("code") or "").strip().upper()
    t = tables()
    code = PLOVER_CODE_FIXES.get(code, code)
    if code in t.countries:
        return code
    if code == "IGO":
        return igo_in_text(str(actor.get("actorText") or ""))
    return None


def country_by_name(name: str) -> str | None:
    """ISO3 of a country name ("The Bahamas", "Burkina Faso (Upper Volta)"), else None.

    Names marked with "*" (historical states in the Office of the Historian's
    list) are not looked up.
    """
    if "*" in name:
        return None
    t = tables()
    key = name_key(name)
    if key in t.names:
        return t.names[key]
    m = _PAREN.search(name)
    if m:
        for candidate in (_PAREN.sub(" ", name), m.group(1)):
            hit = t.names.get(name_key(candidate))
            if hit is not None:
                return hit
    return None
