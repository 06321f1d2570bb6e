//! Calendar events (iCalendar, RFC 5545) as interview rounds.
