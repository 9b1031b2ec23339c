"""UD-PETRARCH's coding ontology: negation recodes an event."""

from __future__ import annotations

import pytest

from bilat.compat.petrarch.pico import load_pico, parse_pico
from bilat.errors import TableError


@pytest.fixture(scope="module")
def pico(fixtures_dir):
    return load_pico(fixtures_dir / "mini.ontology.txt", strict=True)


@pytest.mark.parametrize("code,negated", [("040", "125"), ("125", "040"), ("070", None),
                                          ("999", None)])
def test_negate(pico, code, negated):
    assert pico.negate(code) == negated


def test_values_are_sums_of_hex_terms():
    p = parse_pico("011:0x1000-0xFFFF\n121:-0xFFFF+0x0070\n", origin="o")
    assert p.values == {"011": 0x1000 - 0xFFFF, "121": 0x70 - 0xFFFF}


def test_bad_line_names_file_and_line():
    with pytest.raises(TableError, match=r"my\.ontology:2: "):
        parse_pico("010:0x1000\n011:ten\n", origin="my.ontology", strict=True)
