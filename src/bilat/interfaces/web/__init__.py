"""The dashboard's files: `static/` holds the page, its script and style, and vendored libraries.

Everything the page loads ships here (no CDN, no web fonts): Chart.js for the
charts and Swagger UI for /docs, each with its licence under `static/vendor/`.
"""

from __future__ import annotations

from pathlib import Path


def static_dir() -> Path:
    """The folder served at /static."""
    return Path(__file__).resolve().parent / "static"
