-- Purpose: what a publication checks for plausibility: the stored cijfers of the edition's own
--          year up to its peildatum, as the temporary table te_controleren read by
--          plausibility/afwijkingen (its history: plausibility/editie_geschiedenis).
-- Parameters: $eerste (1 January of the edition's year, DATE), $laatste (peildatum, DATE).
CREATE OR REPLACE TEMP TABLE te_controleren AS
SELECT indicator, categorie, gemeente, periode, periode_soort, einddatum, waarde
FROM cijfers
WHERE einddatum BETWEEN $eerste AND $laatste;
