-- Purpose: the catalogue an edition was published with by a version (no row for a draft, or for
--          an edition published before catalogues were kept).
-- Parameters: $editie, $versie.
SELECT catalogus FROM edition_catalogues WHERE editie = $editie AND versie = $versie;
