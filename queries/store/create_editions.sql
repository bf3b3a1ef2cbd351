-- Purpose: published editions: the peildatum, the store version whose cijfers and texts it
--          shows, who published it and when.
-- Parameters: none.
CREATE TABLE IF NOT EXISTS editions (
    editie          VARCHAR NOT NULL,
    versie          INTEGER NOT NULL,
    gepubliceerd_op TIMESTAMP NOT NULL,
    auteur          VARCHAR NOT NULL
);
