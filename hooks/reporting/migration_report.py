"""The migration report's three forms: text for people, JSON for programs,
and a markdown table to paste into a pull request."""

from __future__ import annotations

import json
from typing import Dict, List, NamedTuple, Sequence

from .findings import printable, safe_path

FORMATS = ("text", "json", "markdown")
STATUSES = ("covered", "missing", "partial", "none")


class PairReport(NamedTuple):
    descriptor: str
    manifest: str
    rows: List[Dict[str, str]]  # kind, connect, forge, status, note


def summary(reports: Sequence[PairReport]) -> str:
    counts = {status: 0 for status in STATUSES}
    for report in reports:
        for row in report.rows:
            counts[row["status"]] = counts.get(row["status"], 0) + 1
    parts = ", ".join(f"{counts[status]} {status}" for status in STATUSES)
    pairs = f"{len(reports)} pair" + ("" if len(reports) == 1 else "s")
    return f"{parts} ({pairs})"


def render(reports: Sequence[PairReport], form: str) -> str:
    if form == "json":
        data = [
            {"descriptor": report.descriptor, "manifest": report.manifest, "rows": report.rows}
            for report in reports
        ]
        return json.dumps(data, indent=2, ensure_ascii=True) + "\n"
    if form == "markdown":
        return _markdown(reports)
    return _text(reports)


def _text(reports: Sequence[PairReport]) -> str:
    lines: List[str] = []
    for report in reports:
        lines.append(printable(f"{safe_path(report.descriptor)} -> {report.manifest}"))
        for row in report.rows:
            note = f"  ({row['note']})" if row["note"] else ""
            cells = (row["kind"], row["connect"], row["forge"] or "-", row["status"])
            # Two spaces at least between columns, however long a cell is.
            line = "  " + "".join(
                cell.ljust(width) + "  " for cell, width in zip(cells, (9, 30, 46, 8))
            )
            lines.append(printable((line + note.lstrip()).rstrip()))
    lines.append(summary(reports))
    return "\n".join(lines) + "\n"


def _markdown(reports: Sequence[PairReport]) -> str:
    lines: List[str] = []
    for report in reports:
        lines.append(f"#### {_cell(report.descriptor)} → {_cell(report.manifest)}")
        lines.append("")
        lines.append("| kind | Connect | Forge | status | note |")
        lines.append("| --- | --- | --- | --- | --- |")
        for row in report.rows:
            forge = f"`{_cell(row['forge'])}`" if row["forge"] else "—"
            lines.append(
                f"| {row['kind']} | `{_cell(row['connect'])}` | {forge} | {row['status']} "
                f"| {_cell(row['note'])} |"
            )
        lines.append("")
    lines.append(f"**{summary(reports)}**")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A table cell's text: one line, no column break, no code-span break."""
    flat = printable(" ".join(text.split()))
    return flat.replace("\\", "\\\\").replace("|", "\\|").replace("`", "'")
