-- Purpose: the published figures that an import would replace or extend, for the diff.
-- Parameters: none (reads the registered relation staged_figures).
SELECT s.indicator, s.periode, s.categorie, s.gemeente, s.einddatum,
       CAST(s.waarde AS DECIMAL(38, 10)) AS nieuw, f.waarde AS oud
FROM staged_figures AS s
LEFT JOIN figures AS f
  ON s.indicator = f.indicator AND s.periode = f.periode
 AND s.categorie = f.categorie AND s.gemeente = f.gemeente
ORDER BY s.indicator, s.einddatum, s.periode, s.categorie, s.gemeente;
