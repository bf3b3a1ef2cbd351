-- Purpose: every cell an edition published, with its status and published value: the history
--          that later editions must respect (docs/disclosure.md, "History is frozen").
-- Parameters: none.
CREATE TABLE IF NOT EXISTS edition_cells (
    editie    VARCHAR NOT NULL,
    populatie VARCHAR NOT NULL,
    categorie VARCHAR NOT NULL,
    periode   VARCHAR NOT NULL,
    status    VARCHAR NOT NULL,
    waarde    DECIMAL(38, 10)
);
