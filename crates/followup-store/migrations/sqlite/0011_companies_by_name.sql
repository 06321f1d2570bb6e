-- A note naming another application's company is checked against every company: an index
-- on the name as SQLite folds it finds the few a note's words could name among thousands.
CREATE INDEX applications_by_company ON applications (lower(company));
-- SQLite folds only ASCII letters, so names with other letters ("École") are always handed
-- to the checker, which compares them itself; this index keeps them a short list.
CREATE INDEX applications_with_wide_names ON applications (company)
    WHERE company GLOB '*[^ -~]*';
