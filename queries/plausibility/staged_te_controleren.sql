-- Purpose: what an import checks for plausibility: the staged cijfers, against a history of the
--          stored cijfers with the staged ones in place of those they replace (a file that brings
--          its own earlier periods is compared with them). Temporary views read by
--          plausibility/afwijkingen.
-- Parameters: none (reads the registered relation staged_cijfers).
CREATE OR REPLACE TEMP VIEW te_controleren AS
SELECT indicator, categorie, gemeente, periode, periode_soort, einddatum,
       CAST(waarde AS DECIMAL(38, 10)) AS waarde
FROM staged_cijfers;
CREATE OR REPLACE TEMP VIEW geschiedenis AS
SELECT indicator, categorie, gemeente, periode_soort, einddatum, waarde FROM te_controleren
UNION ALL
SELECT c.indicator, c.categorie, c.gemeente, c.periode_soort, c.einddatum, c.waarde
FROM cijfers AS c
WHERE NOT EXISTS (
    SELECT 1 FROM staged_cijfers AS s
    WHERE s.indicator = c.indicator AND s.periode = c.periode AND s.categorie = c.categorie
      AND s.gemeente = c.gemeente
);
