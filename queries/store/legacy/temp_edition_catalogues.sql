-- Purpose: an empty edition_catalogues for a snapshot written before the table existed, as a
--          temporary table (a read-only file cannot get a real one); its editions are rebuilt
--          with the current catalogue.
-- Parameters: none.
CREATE TEMP TABLE edition_catalogues (editie VARCHAR, versie INTEGER, catalogus VARCHAR);
