-- The debrief records which of the user's highlights fit each interviewer.
ALTER TABLE round_interviewers ADD COLUMN highlights TEXT NOT NULL DEFAULT '[]';  -- JSON array
