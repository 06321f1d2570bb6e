-- A note naming another application's company is checked against every company: an index
-- on the name as SQLite folds it finds the few a note's words could name among thousands.
CREATE INDEX applications_by_company ON applications (lower(company));
