"""Fixtures of the PETRARCH-compatibility tests: small invented dictionaries (fixtures/),
the shared validation suites (skipped when ../shared is absent), one spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def mini():
    """The invented test dictionaries, loaded from their folder."""
    from bilat.compat.petrarch import load_folder

    return load_folder(FIXTURES, strict=True)


@pytest.fixture(scope="session")
def nlp():
    from bilat.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def mini_coder(mini, nlp):
    from bilat.compat.petrarch import PetrarchCoder

    return PetrarchCoder(mini, nlp=nlp)


@pytest.fixture(scope="session")
def suite_dir(shared) -> Path:
    d = shared / "eval" / "petr-validation-suite"
    if not d.is_dir():
        pytest.skip(f"{d} is absent")
    return d
