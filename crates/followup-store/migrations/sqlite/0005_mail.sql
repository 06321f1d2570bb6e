-- Mail: drafts the user edited, the outbox that sends each email at most once, what the
-- inbox said back, and an out-of-office return date on the person.

-- A draft the user changed, kept until it is sent; `followup send` takes it over a fresh one.
CREATE TABLE drafts (
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    action         TEXT NOT NULL,            -- KIND:INTERVIEW:TO[:N]
    subject        TEXT,
    body           TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (application_id, action)
);

-- Every email we mean to send. `sending` is written and committed before the server is
-- contacted, so a crash leaves a row that says "this may have gone out" instead of nothing.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    message_id      TEXT NOT NULL UNIQUE,    -- without angle brackets
    application_id  TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    action          TEXT NOT NULL,
    recipient_name  TEXT NOT NULL,
    recipient       TEXT NOT NULL,           -- the address
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    raw             BLOB,                    -- the exact bytes of the last attempt
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    send_after_ns   INTEGER NOT NULL,        -- not before this instant (Unix nanoseconds)
    next_attempt_ns INTEGER NOT NULL,        -- after a transient failure, the next try
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,                    -- the server's answer
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
-- One email per follow-up: a second can only be queued once the first failed or was cancelled.
CREATE UNIQUE INDEX outbox_one_per_action ON outbox (application_id, action)
    WHERE state IN ('queued', 'sending', 'sent');
CREATE INDEX outbox_by_state ON outbox (state, next_attempt_ns);

ALTER TABLE touchpoints ADD COLUMN message_id TEXT;
ALTER TABLE contacts ADD COLUMN away_until TEXT;   -- YYYY-MM-DD

-- Mail that came back, matched to an application, with what it seems to say. Nothing in it
-- changes the tracker until the user accepts it.
CREATE TABLE inbox (
    id              INTEGER PRIMARY KEY,
    message_id      TEXT NOT NULL UNIQUE,
    application_id  TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    contact_id      TEXT REFERENCES contacts (id) ON DELETE SET NULL,
    received_at     TEXT NOT NULL,
    sender          TEXT NOT NULL,
    subject         TEXT NOT NULL,
    excerpt         TEXT NOT NULL,
    matched_by      TEXT NOT NULL CHECK (matched_by IN ('thread', 'address', 'domain')),
    automatic       INTEGER NOT NULL,        -- an auto-reply (RFC 3834)
    outcome         TEXT CHECK (outcome IN ('reply', 'update', 'next-round', 'offer', 'rejection')),
    decision_expected_by TEXT,
    away_until      TEXT,
    state           TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'dismissed', 'noted'))
);

-- Where the last sync of each mailbox stopped.
CREATE TABLE mailboxes (
    name         TEXT PRIMARY KEY,
    uid_validity INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL
);
