"""bilat: news about international relations -> coded dyadic events -> relationship profiles."""

from bilat.about import __version__

__all__ = ["__version__"]
