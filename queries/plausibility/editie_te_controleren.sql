-- Purpose: what a publication checks for plausibility: the stored cijfers of the edition's own
--          year up to its peildatum, against all stored cijfers. A temporary view and table read
--          by plausibility/afwijkingen (the table last: only the last statement takes parameters).
-- Parameters: $eerste (1 January of the edition's year, DATE), $laatste (peildatum, DATE).
CREATE OR REPLACE TEMP VIEW geschiedenis AS
SELECT indicator, categorie, gemeente, periode_soort, einddatum, waarde FROM cijfers;
CREATE OR REPLACE TEMP TABLE te_controleren AS
SELECT indicator, categorie, gemeente, periode, periode_soort, einddatum, waarde
FROM cijfers
WHERE einddatum BETWEEN $eerste AND $laatste;
