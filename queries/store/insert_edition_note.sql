-- Purpose: record the note readers see with an edition published with gaps.
-- Parameters: $editie, $versie, $opmerking.
INSERT INTO edition_notes VALUES ($editie, $versie, $opmerking);
