-- Purpose: every staged cijfer beside the stored one at its key (NULL when new), with whether
--          it falls before the latest period already stored or uploaded for its indicator and
--          gemeente (a change there revises an earlier period, e.g. by late declarations).
--          A temporary view, so that the rows for a figure upload and the counts for a records
--          import come from this one comparison.
-- Parameters: none (reads the registered relation staged_cijfers).
CREATE OR REPLACE TEMP VIEW staged_comparison AS
WITH laatste AS (
    SELECT indicator, gemeente, max(einddatum) AS einddatum
    FROM (SELECT indicator, gemeente, einddatum FROM cijfers
          UNION ALL
          SELECT indicator, gemeente, einddatum FROM staged_cijfers)
    GROUP BY indicator, gemeente
)
SELECT s.indicator, s.periode, s.categorie, s.gemeente, s.einddatum,
       CAST(s.waarde AS DECIMAL(38, 10)) AS nieuw, c.waarde AS oud,
       s.einddatum < l.einddatum AS eerdere_periode
FROM staged_cijfers AS s
JOIN laatste AS l USING (indicator, gemeente)
LEFT JOIN cijfers AS c
  ON s.indicator = c.indicator AND s.periode = c.periode
 AND s.categorie = c.categorie AND s.gemeente = c.gemeente;
