-- How a person's name splits when reading it would get it wrong ("Wang Xiuying": given
-- Xiuying, family Wang), and the user's locale (en-US, en-GB …). NULL means "read it from the
-- name" and "the shell's LANG decides".
ALTER TABLE contacts ADD COLUMN given TEXT;
ALTER TABLE contacts ADD COLUMN family TEXT;
ALTER TABLE profile ADD COLUMN locale TEXT;
