-- Purpose: per year the average per month of a monthly total, the number of months it is based
--          on, and the change in percent against the same months of the previous year (docs/
--          product.md "Trend sentences"): nine months of the current year against the same nine
--          months of the year before, never against its whole year; `vergeleken` is how many
--          months that change compares.
-- Parameters: $indicator, $gemeente, $eerste (first day, DATE), $laatste (peildatum, DATE),
--             $som_categorieen (sum the categories when no total was delivered; false for
--             person counts, where a client in two categories counts once), $categorie (one
--             category instead of the total; '' for the total).
WITH per_maand AS (
    SELECT jaar, volgnummer, waarde
    FROM totaal_per_periode($indicator, $gemeente, $eerste, $laatste, $som_categorieen, $categorie)
    WHERE periode_soort = 'maand' AND waarde IS NOT NULL
), per_jaar AS (
    SELECT jaar, count(*) AS maanden, sum(waarde) / count(*) AS gemiddelde
    FROM per_maand
    GROUP BY jaar
), zelfde_maanden AS (
    SELECT nu.jaar, count(*) AS vergeleken, sum(nu.waarde) AS nu, sum(vorig.waarde) AS vorig
    FROM per_maand AS nu
    JOIN per_maand AS vorig ON vorig.jaar = nu.jaar - 1 AND vorig.volgnummer = nu.volgnummer
    GROUP BY nu.jaar
)
SELECT j.jaar,
       j.maanden,
       j.gemiddelde,
       coalesce(z.vergeleken, 0) AS vergeleken,
       100 * (z.nu - z.vorig) / nullif(z.vorig, 0) AS verandering_procent
FROM per_jaar AS j
LEFT JOIN zelfde_maanden AS z USING (jaar)
ORDER BY j.jaar;
