-- A signed-in request's first question, in one round trip: whose session this is (looked up
-- among the account's own rows), who the account is, and its change counter (the pages kept
-- for it are kept under that counter). The settings it makes last for this statement only.
CREATE FUNCTION followup_visit(account BIGINT, session_key TEXT, at BIGINT)
RETURNS TABLE (account_email TEXT, account_role TEXT, changes_count BIGINT)
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('followup.user', account::TEXT, true);
    PERFORM set_config('followup.actor', account::TEXT, true);
    RETURN QUERY
        SELECT u.email, u.role,
               COALESCE((SELECT c.count FROM changes c WHERE c.owner = account AND c.id = 1), 0)
        FROM web_sessions s JOIN users u ON u.id = s.owner
        WHERE s.owner = account AND s.key = session_key AND s.until > at;
END $$;
