-- Purpose: the version number the snapshot being written will get (one more than the last).
-- Parameters: none.
SELECT coalesce(max(version), 0) + 1 FROM versions;
