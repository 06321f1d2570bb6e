-- Loading one application reads its rounds, contacts, touchpoints and responses by
-- application id; without these indexes each of those reads scans the whole table.
CREATE INDEX rounds_by_application      ON rounds (application_id);
CREATE INDEX contacts_by_application    ON contacts (application_id);
CREATE INDEX touchpoints_by_application ON touchpoints (application_id);
CREATE INDEX responses_by_application   ON responses (application_id);
CREATE INDEX round_interviewers_by_contact ON round_interviewers (contact_id);
