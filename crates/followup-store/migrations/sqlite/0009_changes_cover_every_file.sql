-- The change counter also moves with every write to what an application's file holds, not
-- only its plan: Insights reads stages, rounds, touchpoints and responses, and an edit that
-- leaves the plan as it was (a new application not yet planned, a renamed company) must not
-- leave a cached page behind.
CREATE TRIGGER applications_added AFTER INSERT ON applications
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER applications_changed AFTER UPDATE ON applications
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER applications_removed AFTER DELETE ON applications
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER rounds_added AFTER INSERT ON rounds
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER rounds_changed AFTER UPDATE ON rounds
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER rounds_removed AFTER DELETE ON rounds
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER touchpoints_added AFTER INSERT ON touchpoints
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER touchpoints_changed AFTER UPDATE ON touchpoints
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER touchpoints_removed AFTER DELETE ON touchpoints
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER responses_added AFTER INSERT ON responses
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER responses_changed AFTER UPDATE ON responses
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
CREATE TRIGGER responses_removed AFTER DELETE ON responses
    BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END;
