"""Fixtures for the API tests: a synthetic store on disk and a TestClient over it."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from bilat.interfaces.api import create_app


def _load_synthetic() -> ModuleType:
    path = Path(__file__).resolve().parent / "synthetic.py"
    spec = importlib.util.spec_from_file_location("bilat_tests_synthetic", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


synthetic = _load_synthetic()


@pytest.fixture(scope="session")
def synth() -> ModuleType:
    return synthetic


@pytest.fixture(scope="session")
def api_db(tmp_path_factory) -> Path:
    return synthetic.build_store(tmp_path_factory.mktemp("api") / "synthetic.duckdb")


@pytest.fixture(scope="session")
def client(api_db) -> Iterator[TestClient]:
    app = create_app(api_db)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
