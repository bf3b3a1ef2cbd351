-- Purpose: per year the average per month of a monthly total, the number of months it is based
--          on, and the change in percent against the previous year (docs/product.md "Trend sentences";
--          for the current, incomplete year: the months available).
-- Parameters: $indicator, $gemeente, $eerste (first day, DATE), $laatste (peildatum, DATE),
--             $som_categorieen (sum the categories when no total was delivered; false for
--             person counts, where a client in two categories counts once).
WITH per_maand AS (
    SELECT jaar, volgnummer, waarde
    FROM totaal_per_periode($indicator, $gemeente, $eerste, $laatste, $som_categorieen)
    WHERE periode_soort = 'maand'
), per_jaar AS (
    SELECT jaar, count(*) AS maanden, sum(waarde) / count(*) AS gemiddelde
    FROM per_maand
    WHERE waarde IS NOT NULL
    GROUP BY jaar
)
SELECT jaar,
       maanden,
       gemiddelde,
       100 * (gemiddelde - lag(gemiddelde) OVER (ORDER BY jaar))
           / nullif(lag(gemiddelde) OVER (ORDER BY jaar), 0) AS verandering_procent
FROM per_jaar
ORDER BY jaar;
