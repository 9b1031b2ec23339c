"""Find and remove the dateline at the head of a news story.

Forms read (the dash may be "-", "--", an en dash or an em dash; ":" only
after a date or an agency):

    ASTANA. KAZINFORM - ...              place. AGENCY
    WASHINGTON (Reuters) - ...           place (agency)
    TOKYO, March 3 (Kyodo) - ...         place, month day (agency)
    MOSCOW, Jan. 5 (Xinhua) -- ...
    BUCHAREST, 15 July /Agerpres/ - ...  place, day month /agency/
    KYIV, Ukraine (AP) — ...             place, region (agency)
    ANKARA, TURKEY - ...                 place, region
    Tokyo, March 3 (Kyodo) - ...         a Title-case place needs a date

The place must stand at the very start and be a group of at most four words
in capitals; without a date or agency it needs four letters or more, so
"EU - China talks" stays text. A Title-case place is accepted only when a
comma and a date follow it, so ordinary first sentences ("The UN said - ...")
are left alone. `Dateline.place` is the place as written, without a region
after a comma (that stays in `Dateline.text`).
"""

from __future__ import annotations

import re

from bilat.ingest.months import MONTH_PATTERN, month_number, valid_day
from bilat.schemas import Dateline

_L = r"[^\W\d_]"  # any letter
_WORD = (
    r"(?:(?:ST|STE|FT|MT|PT|St|Ste|Ft|Mt|Pt)\."  # ST. PETERSBURG
    rf"|{_L}(?:\.{_L})++\.?"  # U.S., D.C.
    rf"|{_L}++(?:['’\-]{_L}++)*+)"  # NUR-SULTAN, SAN'A (possessive: no backtracking)
)
_GROUP = rf"{_WORD}(?:[ ]{_WORD}){{0,3}}"
_MONTH_DAY = (
    rf"(?:(?P<m1>{MONTH_PATTERN})[ ](?P<d1>[0-3]?\d)(?:st|nd|rd|th)?"
    rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?[ ](?P<m2>{MONTH_PATTERN}))(?!\d)"
    r"(?:,?[ ](?:19|20)\d\d(?!\d))?"
)
_MAX_HEAD = 200  # a dateline never runs longer; bounds the work on long texts
_LEADING_SPACE = re.compile(r"\s*")
_DATELINE = re.compile(
    rf"(?P<place>{_GROUP})"
    rf"(?:,[ ]+(?P<region>{_GROUP}))?"
    rf"(?:[,.][ ]+(?P<date>{_MONTH_DAY}))?"
    r"(?:[ ]*\((?P<paren>[^()\n]{1,40})\)"
    r"|[ ]*/(?P<slash>[^/\n]{1,40})/"
    rf"|[.,][ ]+(?P<caps>{_GROUP}))?"
    r"\.?[ \t]*(?P<dash>--|[—–―]|-(?=\s)|:(?=\s))"
)

# Words that open ordinary sentences, never a dateline place.
_NOT_PLACES = frozenset({
    "A", "An", "The", "In", "On", "At", "As", "By", "For", "From", "To", "Of", "If", "It",
    "This", "That", "Last", "Next", "Since", "After", "Before", "Until", "When", "While",
    "Today", "Yesterday", "Earlier", "Later", "Meanwhile", "However", "But", "And",
})

# Wire agencies that may stand after a comma where a region could ("ASTANA, KAZINFORM -").
KNOWN_AGENCIES = frozenset({
    "AFP", "AP", "REUTERS", "XINHUA", "TASS", "ITAR-TASS", "RIA NOVOSTI", "INTERFAX",
    "KAZINFORM", "AGERPRES", "KYODO", "JIJI", "YONHAP", "KCNA", "IRNA", "ANADOLU", "TREND",
    "APA", "AZERTAC", "BELTA", "UKRINFORM", "UNIAN", "ARMENPRESS", "BERNAMA", "ANTARA",
    "PTI", "IANS", "ANI", "MENA", "WAFA", "SANA", "SPA", "WAM", "QNA", "KUNA", "PETRA",
    "NNA", "BSS", "APP", "PNA", "VNA", "ANSA", "EFE", "DPA", "PAP", "CTK", "MTI", "BTA",
    "HINA", "TANJUG", "ATA", "UPI", "CNA", "KABAR", "AKIPRESS", "UZA", "DUNYO", "TURKMENINFORM",
})


def _capitalised(group: str) -> bool:
    return all(word[0].isupper() for word in group.split(" "))


def _title_place(place: str) -> bool:
    return _capitalised(place) and place.split(" ", 1)[0] not in _NOT_PLACES


def _agency(text: str) -> bool:
    return text.isupper() or text.upper() in KNOWN_AGENCIES


def parse_dateline(text: str) -> tuple[Dateline | None, str]:
    """Split a leading dateline off `text`: (Dateline, the rest) or (None, text unchanged)."""
    space = _LEADING_SPACE.match(text)
    start = space.end() if space else 0
    m = _DATELINE.match(text, start, start + _MAX_HEAD)
    if m is None:
        return None, text
    place, region, caps = m["place"], m["region"], m["caps"]
    month = day = None
    if m["date"]:
        month = month_number(m["m1"] or m["m2"])
        day = int(m["d1"] or m["d2"])
        if not valid_day(month, day):
            month = day = None
    has_date = month is not None
    if not (place.isupper() or (has_date and _title_place(place))):
        return None, text
    letters = sum(c.isalpha() for c in place)
    if letters < 2:
        return None, text
    if region is not None and not _capitalised(region):
        return None, text
    if caps is not None and not _agency(caps):
        return None, text
    agency = m["paren"] or m["slash"] or caps
    if agency is None and region is not None and region.upper() in KNOWN_AGENCIES:
        agency = region
    if not (has_date or agency):
        # Without date or agency: a dash, 4+ letters ("EU - China talks", "UN: x" stay text).
        if m["dash"] == ":" or letters < 4:
            return None, text
    head = m.group(0).rstrip()
    rest = text[m.end():].lstrip()
    return Dateline(text=head, place=place, agency=agency.strip() if agency else None,
                    month=month, day=day), rest
