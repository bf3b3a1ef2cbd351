-- Purpose: release the previous snapshot after copying it.
-- Parameters: none.
DETACH previous;
