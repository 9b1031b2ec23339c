"""Analyses over the store: the profile of a bilateral relationship and its renderings."""

from bilat.analysis.profile import (
    DyadProfile,
    Established,
    ProfileEvent,
    SourceRow,
    Totals,
    Visit,
    YearRow,
    build_profile,
    normalise_visits,
)
from bilat.analysis.render import profile_to_dict, render_markdown, render_text

__all__ = [
    "DyadProfile", "Established", "ProfileEvent", "SourceRow", "Totals", "Visit", "YearRow",
    "build_profile", "normalise_visits", "profile_to_dict", "render_markdown", "render_text",
]
