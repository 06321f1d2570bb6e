-- Each application's open follow-ups, kept ready by the planner whenever that application's
-- data changes, so the agenda reads what is due instead of replanning every history.
CREATE TABLE planned_actions (
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,            -- KIND:INTERVIEW:TO[:N]
    kind           TEXT NOT NULL,
    round_id       TEXT NOT NULL,
    contact_id     TEXT NOT NULL,
    n              INTEGER NOT NULL,
    channel        TEXT NOT NULL,
    opens          TEXT NOT NULL,            -- RFC 3339 in the recipient's offset
    due            TEXT NOT NULL,
    late_after     TEXT,
    suggested      TEXT NOT NULL,
    opens_ns       INTEGER NOT NULL,         -- the same instants as Unix nanoseconds, for ranges
    due_ns         INTEGER NOT NULL,
    zone           TEXT NOT NULL,            -- the recipient's IANA zone
    optional       INTEGER NOT NULL,
    alternative_to TEXT,
    reason         TEXT NOT NULL,
    -- Copies of what the agenda shows and filters by, so reading it needs no joins; any
    -- change to them replans the application and rewrites these rows.
    company        TEXT NOT NULL,
    role           TEXT NOT NULL,
    contact_name   TEXT NOT NULL,
    archived       INTEGER NOT NULL,
    PRIMARY KEY (application_id, name)
);
CREATE INDEX planned_actions_by_opening ON planned_actions (opens_ns);

-- What the history settles about the whole application (see followup_plan::Schedule).
ALTER TABLE applications ADD COLUMN plan_outcome TEXT;            -- 'offer' or 'rejection'
ALTER TABLE applications ADD COLUMN plan_quiet_from_ns INTEGER;   -- no-response from this instant
ALTER TABLE applications ADD COLUMN plan_thank_yous_done INTEGER NOT NULL DEFAULT 0;

-- Facts about the store itself, such as which planner version filled planned_actions.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
