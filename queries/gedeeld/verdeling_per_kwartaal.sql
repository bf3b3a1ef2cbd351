-- Purpose: the split of an amount over its categories per quarter, in percent of the quarter's
--          total (the 100% stacked charts: lasten per voorziening, productcategorie, verwijzer).
--          Monthly cijfers are summed to quarters; only quarters up to the peildatum count.
-- Parameters: $indicator, $gemeente, $eerste (first day, DATE), $laatste (peildatum, DATE).
WITH per_kwartaal AS (
    SELECT jaar,
           CASE WHEN periode_soort = 'maand' THEN (volgnummer + 2) // 3 ELSE volgnummer END AS kwartaal,
           categorie,
           sum(waarde) AS bedrag
    FROM cijfers
    WHERE indicator = $indicator
      AND gemeente = $gemeente
      AND categorie <> ''
      AND periode_soort IN ('maand', 'kwartaal')
      AND einddatum BETWEEN $eerste AND $laatste
    GROUP BY ALL
)
SELECT jaar || '-Q' || kwartaal AS periode,
       categorie,
       bedrag,
       100 * bedrag / nullif(sum(bedrag) OVER (PARTITION BY jaar, kwartaal), 0) AS procent
FROM per_kwartaal
ORDER BY periode, categorie;
