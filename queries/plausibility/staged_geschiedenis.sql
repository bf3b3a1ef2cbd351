-- Purpose: the history an import is checked against: the stored cijfers with the staged ones in
--          place of those they replace, so a file that brings its own earlier periods is compared
--          with them. The temporary view geschiedenis read by plausibility/afwijkingen.
-- Parameters: none (reads the registered relation staged_cijfers).
CREATE OR REPLACE TEMP VIEW geschiedenis AS
SELECT indicator, categorie, gemeente, periode_soort, einddatum,
       CAST(waarde AS DECIMAL(38, 10)) AS waarde
FROM staged_cijfers
UNION ALL
SELECT c.indicator, c.categorie, c.gemeente, c.periode_soort, c.einddatum, c.waarde
FROM cijfers AS c
WHERE NOT EXISTS (
    SELECT 1 FROM staged_cijfers AS s
    WHERE s.indicator = c.indicator AND s.periode = c.periode AND s.categorie = c.categorie
      AND s.gemeente = c.gemeente
);
