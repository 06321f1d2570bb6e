-- The tracker: the user's profile and settings, applications, rounds, the people met in them
-- (with what each said per round), the follow-ups sent and the employer's responses.
-- Instants are RFC 3339 text with the offset they were entered with.

CREATE TABLE profile (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL,
    email      TEXT,
    phone      TEXT,
    signature  TEXT,
    timezone   TEXT NOT NULL,
    highlights TEXT NOT NULL DEFAULT '[]'   -- JSON array of strings
);

CREATE TABLE settings (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    body TEXT NOT NULL                      -- JSON object, see followup_core::Settings
);

-- The next number to try for each kind of short id ('a', 'r', 'p').
CREATE TABLE id_counters (
    kind TEXT PRIMARY KEY,
    next INTEGER NOT NULL
);

CREATE TABLE applications (
    id               TEXT PRIMARY KEY,
    company          TEXT NOT NULL,
    role             TEXT NOT NULL,
    industry         TEXT,
    culture          TEXT CHECK (culture IN ('formal', 'neutral', 'casual')),
    prefers_no_calls INTEGER NOT NULL DEFAULT 0,
    stage            TEXT NOT NULL,
    source           TEXT,
    notes            TEXT,
    archived         INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL
);

CREATE TABLE rounds (
    id                   TEXT PRIMARY KEY,
    application_id       TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind                 TEXT NOT NULL CHECK (kind IN ('phone', 'video', 'onsite', 'panel', 'networking')),
    start_at             TEXT NOT NULL,
    end_at               TEXT,
    timezone             TEXT,
    decision_expected_by TEXT,
    personal_rapport     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE contacts (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    title          TEXT,
    role           TEXT NOT NULL CHECK (role IN ('recruiter', 'hiring-manager', 'panelist', 'other')),
    email          TEXT,
    phone          TEXT,
    linkedin       TEXT,
    timezone       TEXT
);

-- Who was in which round, in the order given, with what they talked about there.
CREATE TABLE round_interviewers (
    round_id   TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    topics     TEXT NOT NULL DEFAULT '[]',  -- JSON arrays of strings
    shared     TEXT NOT NULL DEFAULT '[]',
    concerns   TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (round_id, contact_id)
);

CREATE TABLE touchpoints (
    id             INTEGER PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    round_id       TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    contact_id     TEXT REFERENCES contacts (id),
    n              INTEGER NOT NULL DEFAULT 1,
    channel        TEXT NOT NULL,
    at             TEXT NOT NULL,
    subject        TEXT,
    message        TEXT
);

CREATE TABLE responses (
    id                   INTEGER PRIMARY KEY,
    application_id       TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    contact_id           TEXT REFERENCES contacts (id),
    at                   TEXT NOT NULL,
    outcome              TEXT NOT NULL CHECK (outcome IN ('reply', 'update', 'next-round', 'offer', 'rejection')),
    decision_expected_by TEXT,
    note                 TEXT
);
