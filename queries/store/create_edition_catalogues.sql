-- Purpose: the catalogue an edition was published with (indicators, definitions, settings such
--          as the AVG-drempel), so that a published edition is rebuilt exactly as it was
--          published whatever the catalogue says later.
-- Parameters: none.
CREATE TABLE IF NOT EXISTS edition_catalogues (
    editie    VARCHAR NOT NULL,
    versie    INTEGER NOT NULL,   -- the version that published the edition (editions.versie)
    catalogus VARCHAR NOT NULL    -- the validated catalogue as JSON
);
