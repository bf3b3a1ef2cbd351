-- Purpose: attach an earlier snapshot read-only, to roll the cijfers back to it.
-- Parameters: $path (the snapshot file of the version to return to).
ATTACH $path AS earlier (READ_ONLY);
