-- Purpose: attach a snapshot with the earlier schema read-only, to read it through views.
-- Parameters: $path (the snapshot file).
ATTACH $path AS legacy (READ_ONLY);
