"""Evaluation of coded events against gold data (see docs/SCORING.md)."""

from bilat.evaluation.score import (
    LEVELS,
    MAX_COUNT,
    EventList,
    GoldEvent,
    LevelScore,
    PredEvent,
    RootScore,
    ScoreReport,
    format_report,
    gold_from_records,
    load_gold,
    load_predictions,
    preds_from_records,
    report_to_dict,
    score,
)

__all__ = [
    "LEVELS", "MAX_COUNT", "EventList", "GoldEvent", "LevelScore", "PredEvent", "RootScore",
    "ScoreReport", "format_report", "gold_from_records", "load_gold", "load_predictions",
    "preds_from_records", "report_to_dict", "score",
]
