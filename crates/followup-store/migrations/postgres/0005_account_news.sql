-- A server keeps what a signed-in request's first question answered (whose session it is,
-- until when, and the account's change counter) and asks again only when the database says
-- the account changed. It says so on the channel `followup_accounts`, with the account's
-- number, whenever the counter moves, a session is changed or ends, or the account itself is
-- changed or removed: once per account per transaction, as PostgreSQL folds equal news.
CREATE FUNCTION followup_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'users' THEN
        PERFORM pg_notify('followup_accounts', OLD.id::TEXT);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('followup_accounts', OLD.owner::TEXT);
    ELSE
        PERFORM pg_notify('followup_accounts', NEW.owner::TEXT);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER changes_announced AFTER INSERT OR UPDATE ON changes
    FOR EACH ROW EXECUTE FUNCTION followup_announce();
CREATE TRIGGER web_sessions_announced AFTER UPDATE OR DELETE ON web_sessions
    FOR EACH ROW EXECUTE FUNCTION followup_announce();
CREATE TRIGGER users_announced AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION followup_announce();

-- The first question also says until when the session is open, so a server that keeps the
-- answer lets it lapse on time.
DROP FUNCTION followup_visit(BIGINT, TEXT, BIGINT);
CREATE FUNCTION followup_visit(account BIGINT, session_key TEXT, at BIGINT)
RETURNS TABLE (account_email TEXT, account_role TEXT, changes_count BIGINT, session_until BIGINT)
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('followup.user', account::TEXT, true);
    PERFORM set_config('followup.actor', account::TEXT, true);
    RETURN QUERY
        SELECT u.email, u.role,
               COALESCE((SELECT c.count FROM changes c WHERE c.owner = account AND c.id = 1), 0),
               s.until
        FROM web_sessions s JOIN users u ON u.id = s.owner
        WHERE s.owner = account AND s.key = session_key AND s.until > at;
END $$;
