-- Purpose: write everything to the database file so the snapshot is complete without a WAL.
-- Parameters: none.
CHECKPOINT;
