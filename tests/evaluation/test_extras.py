"""The other evaluations under the `make eval` table: each runs or is skipped with its reason."""

from bilat.errors import InputNotFound
from bilat.evaluation import extras


def test_a_failing_extra_is_reported_as_skipped_with_its_reason(monkeypatch):
    def absent() -> str:
        raise InputNotFound("no data under /nowhere")

    monkeypatch.setattr(extras, "EXTRAS", {"ok": lambda: "fine 1.0", "absent": absent})
    out = extras.run_extras()
    assert [(o.name, o.line) for o in out] == [("ok", "fine 1.0"),
                                               ("absent", "skipped: E101 no data under /nowhere")]
    text = extras.format_extras(out)
    assert "other evaluations" in text and "skipped: E101" in text


def test_only_the_named_extras_run(monkeypatch):
    ran = []
    monkeypatch.setattr(extras, "EXTRAS", {"a": lambda: ran.append("a") or "a",
                                           "b": lambda: ran.append("b") or "b"})
    extras.run_extras(["b"])
    assert ran == ["b"]


def test_nothing_to_show():
    assert extras.format_extras([]) == ""
