-- The worker that delivers the outbox and reads replies (issue 18): one at a time for a data
-- directory, whether `serve` or `run` holds it. The holder renews its lease while it lives;
-- a lease left to run out is taken over, so a process killed mid-work blocks no one for long.
CREATE TABLE worker_lease (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    holder TEXT NOT NULL,     -- a random id of the holding process
    who    TEXT NOT NULL,     -- what to tell the user: "followup serve (pid 4242)"
    until  INTEGER NOT NULL   -- Unix seconds; after this anyone may take it
);

-- A failed or unconfirmed email is shown as a banner until the user has seen it.
ALTER TABLE outbox ADD COLUMN failure_seen INTEGER NOT NULL DEFAULT 0;

-- When an email went out, as an instant, so "sent in the last day" is one indexed range.
ALTER TABLE outbox ADD COLUMN sent_ns INTEGER;

-- Today shows the outbox (queued, sent, failed): its changes move the page cache's counter.
CREATE TRIGGER outbox_added AFTER INSERT ON outbox
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER outbox_changed AFTER UPDATE ON outbox
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER outbox_removed AFTER DELETE ON outbox
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
