-- Purpose: the client cijfers computed from the zorgperiodes of one import (zorgperiodes.sql):
--          per month the stand on the peildatum (last day of the month), the instroom and the
--          uitstroom, per category and in total (category ''), and the flows per quarter as the
--          sum of its three months. A zorgperiode is instroom in the month it begins and
--          uitstroom in the month it ends. CBS convention: in zorg on P when begindatum <= P and
--          (einddatum empty or einddatum > P); a zorgperiode ending on P is uitstroom of P's month
--          and not in its stand. A zorgperiode therefore counts in the stand of the months from
--          its begin month up to (not including) its end month, so the stand is the running sum
--          of instroom minus uitstroom from the first month on:
--          stand(t) = stand(t-1) + instroom(t) - uitstroom(t) holds exactly.
--          Months run from the month of the first begindatum of the records through $tot (the
--          last day of the last month), by default the month of the latest date; rows start at
--          $vanaf (if given). Every category of a gemeente gets a row for every month, zero
--          included.
-- Parameters: $per_categorie (false: totals only), $tot (DATE or NULL), $vanaf (DATE or NULL),
--             $stand, $instroom, $uitstroom (the indicator ids).
WITH bereik AS (
    SELECT date_trunc('month', min(begindatum)) AS eerste,
           date_trunc('month', coalesce(CAST($tot AS DATE), greatest(max(begindatum), max(einddatum))))
               AS laatste
    FROM records
), maanden AS (
    SELECT CAST(maand AS DATE) AS maand, last_day(maand) AS peildatum
    FROM bereik, range(eerste, laatste + INTERVAL 1 MONTH, INTERVAL 1 MONTH) AS r(maand)
), per_maand AS (
    -- Starts per begin month and ends per end month.
    SELECT gemeente, categorie, maand, sum(instroom) AS instroom, sum(uitstroom) AS uitstroom
    FROM (
        SELECT gemeente, categorie, begin_maand AS maand, count(*) AS instroom, 0 AS uitstroom
        FROM zorgperiodes
        WHERE $per_categorie OR categorie = ''
        GROUP BY ALL
        UNION ALL
        SELECT gemeente, categorie, eind_maand, 0, count(*)
        FROM zorgperiodes
        WHERE ($per_categorie OR categorie = '') AND eind_maand IS NOT NULL
        GROUP BY ALL
    )
    GROUP BY ALL
), groepen AS (
    -- Every category with a zorgperiode that began by the last peildatum gets every month.
    SELECT DISTINCT gemeente, categorie
    FROM per_maand
    WHERE instroom > 0 AND maand <= (SELECT max(maand) FROM maanden)
), standen AS (
    SELECT g.gemeente, g.categorie, m.maand, m.peildatum,
           CAST(coalesce(p.instroom, 0) AS BIGINT) AS instroom,
           CAST(coalesce(p.uitstroom, 0) AS BIGINT) AS uitstroom,
           sum(coalesce(p.instroom, 0) - coalesce(p.uitstroom, 0))
               OVER (PARTITION BY g.gemeente, g.categorie ORDER BY m.maand ROWS UNBOUNDED PRECEDING)
               AS stand
    FROM groepen AS g
    CROSS JOIN maanden AS m
    LEFT JOIN per_maand AS p ON p.gemeente = g.gemeente AND p.categorie = g.categorie AND p.maand = m.maand
), getoond AS (
    SELECT * FROM standen WHERE maand >= coalesce(CAST($vanaf AS DATE), DATE '0001-01-01')
), kwartalen AS (
    SELECT gemeente, categorie, year(maand) AS jaar, quarter(maand) AS kwartaal,
           max(peildatum) AS peildatum, CAST(sum(instroom) AS BIGINT) AS instroom,
           CAST(sum(uitstroom) AS BIGINT) AS uitstroom
    FROM getoond
    GROUP BY ALL
    HAVING count(*) = 3
)
SELECT $stand AS indicator, strftime(maand, '%Y-%m') AS periode, 'maand' AS periode_soort,
       year(maand) AS jaar, month(maand) AS volgnummer, peildatum AS einddatum, categorie, gemeente,
       CAST(stand AS BIGINT) AS waarde, 'records' AS bron
FROM getoond
UNION ALL
SELECT $instroom, strftime(maand, '%Y-%m'), 'maand', year(maand), month(maand), peildatum, categorie,
       gemeente, instroom, 'records'
FROM getoond
UNION ALL
SELECT $uitstroom, strftime(maand, '%Y-%m'), 'maand', year(maand), month(maand), peildatum, categorie,
       gemeente, uitstroom, 'records'
FROM getoond
UNION ALL
SELECT $instroom, jaar || '-Q' || kwartaal, 'kwartaal', jaar, kwartaal, peildatum, categorie, gemeente,
       instroom, 'records'
FROM kwartalen
UNION ALL
SELECT $uitstroom, jaar || '-Q' || kwartaal, 'kwartaal', jaar, kwartaal, peildatum, categorie, gemeente,
       uitstroom, 'records'
FROM kwartalen;
