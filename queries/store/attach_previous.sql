-- Purpose: attach the current snapshot read-only, to copy it into the next version.
-- Parameters: $path (the snapshot file).
ATTACH $path AS previous (READ_ONLY);
