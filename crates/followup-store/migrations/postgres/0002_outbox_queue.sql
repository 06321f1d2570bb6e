-- What is due to be sent, across every account, for the workers of any number of `serve`
-- processes to lease (issue 19). It holds no content, only whose email and when, so it needs
-- no wall of its own: a worker reads the email itself acting for its owner. Kept by a trigger
-- on the outbox, so no write path can forget it.
CREATE TABLE outbox_queue (
    owner       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    id          BIGINT NOT NULL,
    due_ns      BIGINT NOT NULL,          -- not before this instant (Unix nanoseconds)
    leased_by   TEXT,                     -- the worker delivering it now
    lease_until BIGINT,                   -- Unix seconds; after this anyone may take it
    PRIMARY KEY (owner, id)
);
CREATE INDEX outbox_queue_by_due ON outbox_queue (due_ns);

CREATE FUNCTION followup_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM outbox_queue WHERE owner = OLD.owner AND id = OLD.id;
    ELSIF NEW.state = 'queued' THEN
        INSERT INTO outbox_queue (owner, id, due_ns)
            VALUES (NEW.owner, NEW.id, GREATEST(NEW.send_after_ns, NEW.next_attempt_ns))
            ON CONFLICT (owner, id) DO UPDATE
                SET due_ns = EXCLUDED.due_ns, leased_by = NULL, lease_until = NULL;
    ELSE
        DELETE FROM outbox_queue WHERE owner = NEW.owner AND id = NEW.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_queued AFTER INSERT OR UPDATE OR DELETE ON outbox
    FOR EACH ROW EXECUTE FUNCTION followup_queue();
