-- Purpose: how many cijfers a snapshot holds.
-- Parameters: none.
SELECT count(*) FROM cijfers;
