"""An iCalendar (.ics, RFC 5545) file of follow-up due dates and UPR milestones, for any calendar application.

All-day events with stable UIDs, so importing a newer file updates the events instead of doubling them.
Owners and next steps are internal: they are written only when asked (`internal=True`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pandas as pd

from upr_sheets.core.model import Dataset

MILESTONES = {"review_date": "UPR review", "adoption_date": "Adoption of the UPR outcome",
              "midterm_due": "UPR mid-term report due", "next_review": "Next UPR review"}
PRODUCT = "-//UPR Monitor//Follow-up calendar//EN"


def escape(text: str) -> str:
    """Text as an iCalendar TEXT value (backslash, semicolon, comma and newlines escaped)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> list[str]:
    """One content line folded at 75 octets, continuation lines starting with a space."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    return [out[0], *(" " + part for part in out[1:])] + [" " + current] if out else [current]


def _day(value: object) -> date | None:
    stamp = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(stamp) else stamp.date()


def _event(uid: str, day: date, summary: str, description: str, stamp: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
             f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}", f"SUMMARY:{escape(summary)}"]
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    return [*lines, "TRANSP:TRANSPARENT", "END:VEVENT"]


def calendar_ics(dataset: Dataset, *, internal: bool = False, now: datetime | None = None) -> str:
    """The .ics text: one event per recommendation with a Due date, one per date of the Cycles tab."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:UPR follow-up"]
    recs = dataset.recommendations
    for rec in recs.to_dict("records") if "due_date" in recs else []:
        day = _day(rec.get("due_date"))
        if day is None:
            continue
        summary = f"UPR {rec['id']} (cycle {rec['cycle']}) due"
        parts = [str(rec.get("text") or "")]
        if internal:
            parts += [f"Next step: {rec['next_step']}" if rec.get("next_step") else "",
                      f"Owner: {rec['owner']}" if rec.get("owner") else ""]
        lines += _event(f"due-{rec['cycle']}-{rec['id']}@upr-monitor", day, summary,
                        "\n".join(p for p in parts if p), stamp)
    cycles = dataset.cycles
    for row in cycles.to_dict("records") if len(cycles) else []:
        for key, label in MILESTONES.items():
            day = _day(row.get(key))
            if day is not None:
                lines += _event(f"{key}-{row['cycle']}@upr-monitor", day, f"{label} (cycle {row['cycle']})", "",
                                stamp)
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))
