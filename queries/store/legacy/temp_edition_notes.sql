-- Purpose: an empty edition_notes for a snapshot written before the table existed, as a
--          temporary table: no edition in it was published with gaps.
-- Parameters: none.
CREATE TEMP TABLE edition_notes (editie VARCHAR, versie INTEGER, opmerking VARCHAR);
