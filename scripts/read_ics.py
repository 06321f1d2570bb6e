#!/usr/bin/env python3
"""Reads an iCalendar file with the independent `icalendar` package and prints its events as
JSON (uid, start and end in UTC, summary, description, alarms), so tests can check what
followup wrote against a parser that is not ours. Usage: read_ics.py FILE.ics"""
import datetime
import json
import sys

import icalendar


def utc(value):
    moment = value.dt
    if moment.tzinfo is None:
        raise SystemExit(f"floating time {moment!r}: every time must be UTC")
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main() -> int:
    with open(sys.argv[1], "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    events = []
    for event in calendar.walk("VEVENT"):
        alarms = [
            {"action": str(alarm.get("ACTION")), "trigger": str(alarm.get("TRIGGER").to_ical().decode())}
            for alarm in event.walk("VALARM")
        ]
        events.append(
            {
                "uid": str(event.get("UID")),
                "start": utc(event.get("DTSTART")),
                "end": utc(event.get("DTEND")),
                "summary": str(event.get("SUMMARY")),
                "description": str(event.get("DESCRIPTION")),
                "alarms": alarms,
            }
        )
    json.dump({"prodid": str(calendar.get("PRODID")), "events": events}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
