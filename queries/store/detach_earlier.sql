-- Purpose: release the earlier snapshot after a rollback copied its figures.
-- Parameters: none.
DETACH earlier;
