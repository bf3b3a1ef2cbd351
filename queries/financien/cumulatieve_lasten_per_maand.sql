-- Purpose: booked lasten per month, accumulated within each calendar year (the lasten line of
--          the Financiën chart), for the edition's months.
-- Parameters: $indicator (e.g. 'wmo.lasten'), $gemeente, $eerste (first day, DATE),
--             $laatste (peildatum, DATE).
SELECT jaar,
       volgnummer AS maand,
       periode,
       sum(waarde) OVER (PARTITION BY jaar ORDER BY volgnummer
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS waarde
FROM cijfers
WHERE indicator = $indicator
  AND gemeente = $gemeente
  AND categorie = ''
  AND periode_soort = 'maand'
  AND einddatum BETWEEN $eerste AND $laatste
ORDER BY jaar, maand;
