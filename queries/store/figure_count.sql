-- Purpose: how many figures a snapshot holds.
-- Parameters: none.
SELECT count(*) FROM figures;
