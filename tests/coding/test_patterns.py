"""The pattern dictionary: the bundled file loads, covers every root, and bad entries are reported."""

import pytest

from bilat import ontology
from bilat.coding.patterns import load_patterns, parse_patterns
from bilat.errors import TableError


def test_bundled_dictionary_covers_all_20_roots():
    pats = load_patterns()
    assert pats.roots == {f"{n:02d}" for n in range(1, 21)}


def test_every_bundled_code_is_a_cameo_code():
    for p in load_patterns().patterns:
        assert ontology.is_valid(p.code), p.code


def test_object_constrained_patterns_come_first():
    sign = load_patterns().for_verb("reject")
    assert sign[0].objects, "a verb's pattern with an object list must be tried first"


@pytest.mark.parametrize("body, fragment", [
    ('[[pattern]]\ncode = "999"\nverbs = ["x"]\n', "not a CAMEO event code"),
    ('[[pattern]]\ncode = "042"\n', "needs `verbs` or `nouns`"),
    ('[[pattern]]\ncode = "042"\nverbs = ["pay visit"]\n', "single lower-case words"),
    ('[[pattern]]\ncode = "042"\nverbs = ["visit"]\ncolour = "red"\n', "colour"),
    ('[[pattern\n', "not valid TOML"),
    ('[meta]\nname = "x"\n', "no [[pattern]] entries"),
])
def test_bad_entries_raise_table_error_naming_the_file(body, fragment):
    with pytest.raises(TableError) as e:
        parse_patterns(body, origin="mine.toml")
    assert "mine.toml" in str(e.value)
    assert fragment in str(e.value)


def test_every_bad_entry_is_reported_at_once():
    body = ('[[pattern]]\ncode = "999"\nverbs = ["x"]\n'
            '[[pattern]]\ncode = "042"\nverbs = ["visit"]\n'
            '[[pattern]]\ncode = "1"\nverbs = ["y"]\n')
    with pytest.raises(TableError) as e:
        parse_patterns(body, origin="mine.toml")
    assert "2 bad pattern(s)" in str(e.value)
    assert "pattern #1" in str(e.value) and "pattern #3" in str(e.value)


def test_user_file_that_does_not_exist(tmp_path):
    with pytest.raises(TableError, match="cannot read"):
        load_patterns(str(tmp_path / "missing.toml"))
