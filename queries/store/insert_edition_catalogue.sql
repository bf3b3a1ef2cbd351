-- Purpose: record the catalogue an edition is published with.
-- Parameters: $editie, $versie, $catalogus (JSON).
INSERT INTO edition_catalogues VALUES ($editie, $versie, $catalogus);
