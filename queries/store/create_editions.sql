-- Purpose: published editions: the peildatum, the store version whose figures and texts it
--          shows, who published it and when.
-- Parameters: none.
CREATE TABLE IF NOT EXISTS editions (
    editie       VARCHAR NOT NULL,
    version      INTEGER NOT NULL,
    published_at TIMESTAMP NOT NULL,
    author       VARCHAR NOT NULL
);
