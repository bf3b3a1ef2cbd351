-- Purpose: the total of a flow (instroom, uitstroom) per month and per quarter. A quarter is the
--          delivered quarterly figure, or else the sum of its three months when all are present.
--          The total is that of macros/totaal_per_periode.sql.
-- Parameters: $indicator, $gemeente, $eerste (first day, DATE), $laatste (peildatum, DATE),
--             $som_categorieen (sum the categories when no total was delivered; false for
--             person counts, where a client in two categories counts once), $categorie (one
--             category instead of the total; '' for the total).
WITH totaal AS (
    SELECT periode_soort, jaar, volgnummer, waarde
    FROM totaal_per_periode($indicator, $gemeente, $eerste, $laatste, $som_categorieen, $categorie)
), maanden_per_kwartaal AS (
    SELECT jaar, (volgnummer + 2) // 3 AS kwartaal, count(waarde) AS maanden, sum(waarde) AS waarde
    FROM totaal
    WHERE periode_soort = 'maand'
    GROUP BY ALL
)
SELECT 'maand' AS periode_soort, jaar || '-' || lpad(volgnummer::VARCHAR, 2, '0') AS periode, waarde
FROM totaal
WHERE periode_soort = 'maand'
UNION ALL
SELECT 'kwartaal', jaar || '-Q' || kwartaal, coalesce(k.waarde, m.waarde)
FROM maanden_per_kwartaal AS m
FULL JOIN (SELECT jaar, volgnummer AS kwartaal, waarde FROM totaal WHERE periode_soort = 'kwartaal') AS k
    USING (jaar, kwartaal)
WHERE k.waarde IS NOT NULL OR m.maanden = 3
ORDER BY periode_soort, periode;
