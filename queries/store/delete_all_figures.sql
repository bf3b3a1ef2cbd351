-- Purpose: empty the figures table before a rollback copies an earlier version in.
-- Parameters: none.
DELETE FROM figures;
