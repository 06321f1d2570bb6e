-- The shared deployment (issue 19): many job seekers and their coaches in one database.
--
-- Every table of a person's data has the columns of the SQLite store (so one set of
-- statements serves both) and two more: `owner`, the user the row belongs to, first in every
-- key, and `rowid`, which numbers rows in the order they were added as SQLite's own does.
-- Row-level security is the second wall behind the store's own scoping: a row is visible only
-- to a connection that says it acts for its owner (`followup.user`), or for a coach assigned
-- to the owner, and only the owner may write it. It is forced, so it holds for the tables'
-- owner too; the store refuses to run as a role that bypasses it.

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,          -- kept lower-cased
    role          TEXT NOT NULL CHECK (role IN ('seeker', 'coach', 'admin')),
    password_hash TEXT NOT NULL,                 -- argon2id, PHC string
    created_at    TEXT NOT NULL
);

-- Which seekers a coach may read (and comment on).
CREATE TABLE coach_assignments (
    coach  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seeker BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (coach, seeker)
);
CREATE INDEX coach_assignments_by_seeker ON coach_assignments (seeker);

-- Whose data a connection reads (`followup.user`) and who is acting (`followup.actor`, the
-- same user unless a coach is reading a seeker's). Unset, they are NULL and match no row.
CREATE FUNCTION followup_user() RETURNS BIGINT LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('followup.user', true), '')::BIGINT $$;
CREATE FUNCTION followup_actor() RETURNS BIGINT LANGUAGE sql STABLE
    AS $$ SELECT COALESCE(NULLIF(current_setting('followup.actor', true), '')::BIGINT,
                          followup_user()) $$;
-- Whether the acting user is a coach assigned to `owner`.
CREATE FUNCTION followup_coaches(owner BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE
    AS $$ SELECT EXISTS (SELECT 1 FROM coach_assignments
                         WHERE coach = followup_actor() AND seeker = owner) $$;

CREATE TABLE profile (
    owner      BIGINT NOT NULL DEFAULT followup_user() REFERENCES users (id) ON DELETE CASCADE,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY,
    id         INTEGER NOT NULL CHECK (id = 1),
    name       TEXT NOT NULL,
    email      TEXT,
    phone      TEXT,
    signature  TEXT,
    timezone   TEXT NOT NULL,
    highlights TEXT NOT NULL DEFAULT '[]',
    locale     TEXT,
    PRIMARY KEY (owner, id)
);

CREATE TABLE settings (
    owner BIGINT NOT NULL DEFAULT followup_user() REFERENCES users (id) ON DELETE CASCADE,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY,
    id    INTEGER NOT NULL CHECK (id = 1),
    body  TEXT NOT NULL,
    PRIMARY KEY (owner, id)
);

CREATE TABLE id_counters (
    owner BIGINT NOT NULL DEFAULT followup_user() REFERENCES users (id) ON DELETE CASCADE,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY,
    kind  TEXT NOT NULL,
    next  BIGINT NOT NULL,
    PRIMARY KEY (owner, kind)
);

CREATE TABLE applications (
    owner            BIGINT NOT NULL DEFAULT followup_user() REFERENCES users (id) ON DELETE CASCADE,
    rowid            BIGINT GENERATED ALWAYS AS IDENTITY,
    id               TEXT NOT NULL,
    company          TEXT NOT NULL,
    role             TEXT NOT NULL,
    industry         TEXT,
    culture          TEXT CHECK (culture IN ('formal', 'neutral', 'casual')),
    prefers_no_calls BIGINT NOT NULL DEFAULT 0,
    stage            TEXT NOT NULL,
    source           TEXT,
    notes            TEXT,
    archived         BIGINT NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    plan_outcome         TEXT,
    plan_quiet_from_ns   BIGINT,
    plan_thank_yous_done BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (owner, id)
);
CREATE INDEX applications_in_order ON applications (owner, rowid);
CREATE INDEX applications_by_company ON applications (owner, lower(company));
CREATE INDEX applications_with_wide_names ON applications (owner, company)
    WHERE company ~ '[^ -~]';

CREATE TABLE rounds (
    owner                BIGINT NOT NULL DEFAULT followup_user(),
    rowid                BIGINT GENERATED ALWAYS AS IDENTITY,
    id                   TEXT NOT NULL,
    application_id       TEXT NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('phone', 'video', 'onsite', 'panel', 'networking')),
    start_at             TEXT NOT NULL,
    end_at               TEXT,
    timezone             TEXT,
    decision_expected_by TEXT,
    personal_rapport     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (owner, id),
    FOREIGN KEY (owner, application_id) REFERENCES applications (owner, id) ON DELETE CASCADE
);
CREATE INDEX rounds_by_application ON rounds (owner, application_id);

CREATE TABLE contacts (
    owner          BIGINT NOT NULL DEFAULT followup_user(),
    rowid          BIGINT GENERATED ALWAYS AS IDENTITY,
    id             TEXT NOT NULL,
    application_id TEXT NOT NULL,
    name           TEXT NOT NULL,
    title          TEXT,
    role           TEXT NOT NULL CHECK (role IN ('recruiter', 'hiring-manager', 'panelist', 'other')),
    email          TEXT,
    phone          TEXT,
    linkedin       TEXT,
    timezone       TEXT,
    away_until     TEXT,
    given          TEXT,
    family         TEXT,
    PRIMARY KEY (owner, id),
    FOREIGN KEY (owner, application_id) REFERENCES applications (owner, id) ON DELETE CASCADE
);
CREATE INDEX contacts_by_application ON contacts (owner, application_id);

CREATE TABLE round_interviewers (
    owner      BIGINT NOT NULL DEFAULT followup_user(),
    rowid      BIGINT GENERATED ALWAYS AS IDENTITY,
    round_id   TEXT NOT NULL,
    contact_id TEXT NOT NULL,
    position   BIGINT NOT NULL,
    topics     TEXT NOT NULL DEFAULT '[]',
    shared     TEXT NOT NULL DEFAULT '[]',
    concerns   TEXT NOT NULL DEFAULT '[]',
    highlights TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (owner, round_id, contact_id),
    FOREIGN KEY (owner, round_id) REFERENCES rounds (owner, id) ON DELETE CASCADE,
    FOREIGN KEY (owner, contact_id) REFERENCES contacts (owner, id) ON DELETE CASCADE
);
CREATE INDEX round_interviewers_by_contact ON round_interviewers (owner, contact_id);

CREATE TABLE touchpoints (
    owner          BIGINT NOT NULL DEFAULT followup_user(),
    rowid          BIGINT GENERATED ALWAYS AS IDENTITY,
    id             BIGINT GENERATED BY DEFAULT AS IDENTITY,
    application_id TEXT NOT NULL,
    kind           TEXT NOT NULL,
    round_id       TEXT NOT NULL,
    contact_id     TEXT,
    n              BIGINT NOT NULL DEFAULT 1,
    channel        TEXT NOT NULL,
    at             TEXT NOT NULL,
    subject        TEXT,
    message        TEXT,
    message_id     TEXT,
    PRIMARY KEY (owner, id),
    FOREIGN KEY (owner, application_id) REFERENCES applications (owner, id) ON DELETE CASCADE,
    FOREIGN KEY (owner, round_id) REFERENCES rounds (owner, id) ON DELETE CASCADE,
    FOREIGN KEY (owner, contact_id) REFERENCES contacts (owner, id)
);
CREATE INDEX touchpoints_by_application ON touchpoints (owner, application_id);

CREATE TABLE responses (
    owner                BIGINT NOT NULL DEFAULT followup_user(),
    rowid                BIGINT GENERATED ALWAYS AS IDENTITY,
    id                   BIGINT GENERATED BY DEFAULT AS IDENTITY,
    application_id       TEXT NOT NULL,
    contact_id           TEXT,
    at                   TEXT NOT NULL,
    outcome              TEXT NOT NULL CHECK (outcome IN ('reply', 'update', 'next-round', 'offer', 'rejection')),
    decision_expected_by TEXT,
    note                 TEXT,
    PRIMARY KEY (owner, id),
    FOREIGN KEY (owner, application_id) REFERENCES applications (owner, id) ON DELETE CASCADE,
    FOREIGN KEY (owner, contact_id) REFERENCES contacts (owner, id)
);
CREATE INDEX responses_by_application ON responses (owner, application_id);

CREATE TABLE planned_actions (
    owner          BIGINT NOT NULL DEFAULT followup_user(),
    rowid          BIGINT GENERATED ALWAYS AS IDENTITY,
    application_id TEXT NOT NULL,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    round_id       TEXT NOT NULL,
    contact_id     TEXT NOT NULL,
    n              BIGINT NOT NULL,
    channel        TEXT NOT NULL,
    opens          TEXT NOT NULL,
    due            TEXT NOT NULL,
    late_after     TEXT,
    suggested      TEXT NOT NULL,
    opens_ns       BIGINT NOT NULL,
    due_ns         BIGINT NOT NULL,
    zone           TEXT NOT NULL,
    optional       BIGINT NOT NULL,
    alternative_to TEXT,
    reason         TEXT NOT NULL,
    company        TEXT NOT NULL,
    role           TEXT NOT NULL,
    contact_name   TEXT NOT NULL,
    archived       BIGINT NOT NULL,
    PRIMARY KEY (owner, application_id, name),
    FOREIGN KEY (owner, application_id) REFERENCES applications (owner, id) ON DELETE CASCADE
);
CREATE INDEX planned_actions_by_opening ON planned_actions (owner, opens_ns);
CREATE INDEX planned_actions_by_deadline ON planned_actions (owner, due_ns, opens_ns, archived);

CREATE TABLE meta (
    owner BIGINT NOT NULL DEFAULT followup_user() REFERENCES users (id) ON DELETE CASCADE,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (owner, key)
);

CREATE TABLE drafts (
    owner          BIGINT NOT NULL DEFAULT followup_user(),
    rowid          BIGINT GENERATED ALWAYS AS IDENTITY,
    application_id TEXT NOT NULL,
    action         TEXT NOT NULL,
    subject        TEXT,
    body           TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (owner, application_id, action),
    FOREIGN KEY (owner, application_id) REFERENCES applications (owner, id) ON DELETE CASCADE
);

CREATE TABLE outbox (
    owner           BIGINT NOT NULL DEFAULT followup_user(),
    rowid           BIGINT GENERATED ALWAYS AS IDENTITY,
    id              BIGINT GENERATED BY DEFAULT AS IDENTITY,
    message_id      TEXT NOT NULL UNIQUE,
    application_id  TEXT NOT NULL,
    action          TEXT NOT NULL,
    recipient_name  TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    raw             BYTEA,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    send_after_ns   BIGINT NOT NULL,
    next_attempt_ns BIGINT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    failure_seen    BIGINT NOT NULL DEFAULT 0,
    sent_ns         BIGINT,
    PRIMARY KEY (owner, id),
    FOREIGN KEY (owner, application_id) REFERENCES applications (owner, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX outbox_one_per_action ON outbox (owner, application_id, action)
    WHERE state IN ('queued', 'sending', 'sent');
-- Across every user, for the workers that lease what is due.
CREATE INDEX outbox_by_state ON outbox (state, next_attempt_ns);

CREATE TABLE inbox (
    owner           BIGINT NOT NULL DEFAULT followup_user(),
    rowid           BIGINT GENERATED ALWAYS AS IDENTITY,
    id              BIGINT GENERATED BY DEFAULT AS IDENTITY,
    message_id      TEXT NOT NULL,
    application_id  TEXT NOT NULL,
    contact_id      TEXT,
    received_at     TEXT NOT NULL,
    sender          TEXT NOT NULL,
    subject         TEXT NOT NULL,
    excerpt         TEXT NOT NULL,
    matched_by      TEXT NOT NULL CHECK (matched_by IN ('thread', 'address', 'domain')),
    automatic       BIGINT NOT NULL,
    outcome         TEXT CHECK (outcome IN ('reply', 'update', 'next-round', 'offer', 'rejection')),
    decision_expected_by TEXT,
    away_until      TEXT,
    state           TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'dismissed', 'noted')),
    PRIMARY KEY (owner, id),
    UNIQUE (owner, message_id),
    FOREIGN KEY (owner, application_id) REFERENCES applications (owner, id) ON DELETE CASCADE
);

CREATE TABLE mailboxes (
    owner        BIGINT NOT NULL DEFAULT followup_user() REFERENCES users (id) ON DELETE CASCADE,
    rowid        BIGINT GENERATED ALWAYS AS IDENTITY,
    name         TEXT NOT NULL,
    uid_validity BIGINT NOT NULL,
    last_uid     BIGINT NOT NULL,
    PRIMARY KEY (owner, name)
);

-- The counter of changes the web app caches pages under, one per user.
CREATE TABLE changes (
    owner BIGINT NOT NULL DEFAULT followup_user() REFERENCES users (id) ON DELETE CASCADE,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY,
    id    INTEGER NOT NULL CHECK (id = 1),
    count BIGINT NOT NULL,
    PRIMARY KEY (owner, id)
);

-- The web app's sessions: a session belongs to its user.
CREATE TABLE web_sessions (
    owner     BIGINT NOT NULL DEFAULT followup_user() REFERENCES users (id) ON DELETE CASCADE,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY,
    key       TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    until     BIGINT NOT NULL,
    PRIMARY KEY (owner, key)
);
CREATE TABLE web_sign_in_tries (
    owner BIGINT NOT NULL DEFAULT followup_user() REFERENCES users (id) ON DELETE CASCADE,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY,
    at    BIGINT NOT NULL
);

CREATE TABLE worker_lease (
    owner  BIGINT NOT NULL DEFAULT followup_user() REFERENCES users (id) ON DELETE CASCADE,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY,
    id     INTEGER NOT NULL CHECK (id = 1),
    holder TEXT NOT NULL,
    who    TEXT NOT NULL,
    until  BIGINT NOT NULL,
    PRIMARY KEY (owner, id)
);

-- The counter moves with every write to what a user's pages show, as in the SQLite store.
CREATE FUNCTION followup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        -- A row removed with its account has no counter left to move, nor needs one.
        UPDATE changes SET count = count + 1 WHERE owner = OLD.owner AND id = 1;
    ELSE
        INSERT INTO changes (owner, id, count) VALUES (NEW.owner, 1, 1)
            ON CONFLICT (owner, id) DO UPDATE SET count = changes.count + 1;
    END IF;
    RETURN NULL;
END $$;
-- Written once per statement kind per table, as the SQLite triggers are.
DO $$
DECLARE t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['planned_actions', 'profile', 'applications', 'rounds',
                             'touchpoints', 'responses', 'outbox'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                        FOR EACH ROW EXECUTE FUNCTION followup_changed()', t || '_changed', t);
    END LOOP;
END $$;

-- The second wall: every table of a person's data shows its rows only to their owner (or an
-- assigned coach, reading) and takes writes only from the owner.
DO $$
DECLARE t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['profile', 'settings', 'id_counters', 'applications', 'rounds',
                             'contacts', 'round_interviewers', 'touchpoints', 'responses',
                             'planned_actions', 'meta', 'drafts', 'outbox', 'inbox',
                             'mailboxes', 'changes', 'web_sessions', 'web_sign_in_tries',
                             'worker_lease'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        -- Each policy names one command and begins with the owner, so that a query finds
        -- its rows through the indexes that begin with the owner too.
        EXECUTE format('CREATE POLICY readers ON %I FOR SELECT
                        USING (owner = followup_user()
                               AND (owner = followup_actor() OR followup_coaches(owner)))', t);
        EXECUTE format('CREATE POLICY adders ON %I FOR INSERT
                        WITH CHECK (owner = followup_user() AND owner = followup_actor())', t);
        EXECUTE format('CREATE POLICY changers ON %I FOR UPDATE
                        USING (owner = followup_user() AND owner = followup_actor())
                        WITH CHECK (owner = followup_user() AND owner = followup_actor())', t);
        EXECUTE format('CREATE POLICY removers ON %I FOR DELETE
                        USING (owner = followup_user() AND owner = followup_actor())', t);
    END LOOP;
END $$;
