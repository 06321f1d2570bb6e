-- A coach's comments on a seeker's drafts (issue 19). They belong to the seeker's data (the
-- seeker reads them beside the draft, and they go with the account), but are written by a
-- coach assigned to the seeker: the one kind of row someone other than its owner may add.
CREATE TABLE draft_comments (
    owner          BIGINT NOT NULL DEFAULT followup_user(),
    rowid          BIGINT GENERATED ALWAYS AS IDENTITY,
    application_id TEXT NOT NULL,
    action         TEXT NOT NULL,            -- KIND:INTERVIEW:TO[:N]
    author         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (owner, rowid),
    FOREIGN KEY (owner, application_id) REFERENCES applications (owner, id) ON DELETE CASCADE
);
CREATE INDEX draft_comments_by_draft ON draft_comments (owner, application_id, action);

ALTER TABLE draft_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE draft_comments FORCE ROW LEVEL SECURITY;
CREATE POLICY readers ON draft_comments FOR SELECT
    USING (owner = followup_user() AND (owner = followup_actor() OR followup_coaches(owner)));
-- The owner, or an assigned coach, adds a comment in their own name.
CREATE POLICY adders ON draft_comments FOR INSERT
    WITH CHECK (owner = followup_user() AND author = followup_actor()
                AND (owner = followup_actor() OR followup_coaches(owner)));
CREATE POLICY removers ON draft_comments FOR DELETE
    USING (owner = followup_user() AND owner = followup_actor());
