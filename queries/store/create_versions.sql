-- Purpose: the history of the store; every snapshot carries all versions before it.
-- Parameters: none.
CREATE TABLE IF NOT EXISTS versions (
    version         INTEGER PRIMARY KEY,
    created_at      TIMESTAMP NOT NULL,
    author          VARCHAR NOT NULL,
    action          VARCHAR NOT NULL,   -- import, rollback, demo
    description     VARCHAR NOT NULL,
    rows_written    INTEGER NOT NULL   -- cijfers written by this version
);
