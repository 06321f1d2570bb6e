-- Today counts every open follow-up by status and lists the most urgent of each: an index
-- on the deadline that also holds the opening and the archived flag answers both without
-- reading the table (measured: 11 ms to well under 1 ms over 15,000 planned actions).
CREATE INDEX planned_actions_by_deadline ON planned_actions (due_ns, opens_ns, archived);

-- A counter that moves whenever what Today shows may have changed (any planned action, the
-- profile), kept by the database itself so that no write path can forget it. Pages cache
-- what they rendered under its value.
CREATE TABLE changes (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    count INTEGER NOT NULL
);
INSERT INTO changes (id, count) VALUES (1, 0);
CREATE TRIGGER planned_actions_added AFTER INSERT ON planned_actions
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER planned_actions_changed AFTER UPDATE ON planned_actions
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER planned_actions_removed AFTER DELETE ON planned_actions
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER profile_added AFTER INSERT ON profile
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER profile_changed AFTER UPDATE ON profile
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
