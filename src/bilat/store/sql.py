"""EventQuery -> a WHERE clause with bound parameters. Values never enter the SQL text."""

from __future__ import annotations

from typing import Any

from bilat.store.records import EventQuery


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def where(query: EventQuery) -> tuple[str, list[Any]]:
    """`WHERE ...` (or "") over the events table, and its parameters in order."""
    parts: list[str] = []
    params: list[Any] = []
    if query.dyad is not None:
        a, b = query.dyad
        parts.append(
            "((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))"
        )
        params += [a, b, b, a]
    if query.actor is not None:
        parts.append("(source_country = ? OR target_country = ?)")
        params += [query.actor, query.actor]
    if query.root is not None:
        parts.append("root = ?")
        params.append(query.root)
    if query.cameo is not None:
        parts.append("starts_with(cameo, ?)")
        params.append(query.cameo)
    if query.quad_class is not None:
        parts.append("quad_class = ?")
        params.append(query.quad_class)
    if query.since is not None:
        parts.append("date_start >= ?")
        params.append(query.since_date)
    if query.until is not None:
        parts.append("date_start <= ?")
        params.append(query.until_date)
    if query.q is not None:
        for word in query.q.split():
            parts.append("sentence ILIKE ? ESCAPE '\\'")
            params.append(f"%{_like_escape(word)}%")
    if query.historical is not None:
        parts.append("historical = ?")
        params.append(query.historical)
    if query.doc_id is not None:
        parts.append("doc_id = ?")
        params.append(query.doc_id)
    if not parts:
        return "", params
    return "WHERE " + " AND ".join(parts), params


def order_by(query: EventQuery) -> str:
    if query.newest_first:
        return ("ORDER BY date_start DESC NULLS LAST, doc_id DESC, sentence_index DESC, "
                "event_id DESC")
    return "ORDER BY date_start ASC NULLS LAST, doc_id, sentence_index, event_id"


def page(query: EventQuery) -> tuple[str, list[Any]]:
    if query.limit is None:
        return ("OFFSET ?", [query.offset]) if query.offset else ("", [])
    return "LIMIT ? OFFSET ?", [query.limit, query.offset]
