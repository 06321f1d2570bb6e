-- The web app's signed-in sessions and its recent sign-in tries, kept here so that a restart
-- of `followup serve`, or a second one over the same directory, signs no one out and forgets
-- no wrong guess. A session is known by a hash of its browser token, never the token itself.
CREATE TABLE web_sessions (
    key TEXT PRIMARY KEY,
    opened_at INTEGER NOT NULL,
    until INTEGER NOT NULL
);
CREATE TABLE web_sign_in_tries (
    at INTEGER NOT NULL
);
