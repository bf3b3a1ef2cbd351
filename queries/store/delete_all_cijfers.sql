-- Purpose: empty the cijfers table before a rollback copies an earlier version in.
-- Parameters: none.
DELETE FROM cijfers;
