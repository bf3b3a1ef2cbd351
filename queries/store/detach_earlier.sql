-- Purpose: release the earlier snapshot after a rollback copied its cijfers.
-- Parameters: none.
DETACH earlier;
