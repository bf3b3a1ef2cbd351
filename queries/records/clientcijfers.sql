-- Purpose: the client figures computed from validated records: per month the stand on the
--          peildatum (last day of the month), the instroom and the uitstroom, per category and in
--          total (category ''), and the flows per quarter as the sum of its three months.
--          Zorgperiodes (gaps and islands): indicaties of one client (and one category) that
--          overlap or follow each other with a gap shorter than $gap_dagen days form one
--          zorgperiode, so herindicaties are neither instroom nor uitstroom. In the total a
--          client's zorgperiodes are merged across categories. CBS convention: in zorg on P when
--          begindatum <= P and (einddatum empty or einddatum > P); a zorgperiode ending on P is
--          uitstroom of P's month and not in its stand. A zorgperiode therefore counts in the
--          stand of the months from its begin month up to (not including) its end month, so the
--          stand is the running sum of instroom minus uitstroom from the first month on:
--          stand(t) = stand(t-1) + instroom(t) - uitstroom(t) holds exactly.
--          Months run from the month of the first begindatum through $tot (the last day of the
--          last month), by default the month of the latest date; rows start at $vanaf (if given). Every category
--          of a gemeente gets a row for every month, zero included.
-- Parameters: $bestanden (list of CSV files, UTF-8, one layout), $scheidingsteken, $kolommen
--             (MAP of column name to VARCHAR in file order), $soort ('wmo', 'jeugd' or
--             'participatie': only P-wet and IOAW count), $gap_dagen, $per_categorie (false:
--             totals only), $tot (DATE or NULL), $vanaf (DATE or NULL), $stand, $instroom,
--             $uitstroom (the indicator ids).
WITH gelezen AS (
    FROM read_csv($bestanden, delim = $scheidingsteken, header = true, auto_detect = false,
                  columns = $kolommen, quote = '"', escape = '"')
), ruw AS (
    FROM gelezen
    UNION ALL BY NAME
    FROM (SELECT NULL::VARCHAR AS client, NULL::VARCHAR AS categorie, NULL::VARCHAR AS begindatum,
                 NULL::VARCHAR AS einddatum, NULL::VARCHAR AS gemeente)
    WHERE false
), records AS (
    SELECT coalesce(upper(nullif(trim(gemeente), '')), '') AS gemeente,
           trim(client) AS client,
           trim(categorie) AS categorie,
           CAST(try_strptime(trim(begindatum), ['%Y-%m-%d', '%d-%m-%Y']) AS DATE) AS begindatum,
           CAST(try_strptime(nullif(trim(einddatum), ''), ['%Y-%m-%d', '%d-%m-%Y']) AS DATE) AS einddatum,
           $soort <> 'participatie'
               OR lower(regexp_replace(trim(categorie), '[\s.\-_/]', '', 'g'))
                  IN ('participatiewet', 'pwet', 'pw', 'bijstand', 'algemenebijstand', 'wwb', 'ioaw')
               AS telt
    FROM ruw
    WHERE nullif(trim(begindatum), '') IS NOT NULL
), indicaties AS (
    -- An open end is far in the future, so it sorts last and is never reached.
    SELECT gemeente, client, categorie, begindatum, coalesce(einddatum, DATE '9999-12-31') AS einddatum
    FROM records
    WHERE telt
), bereik AS (
    SELECT date_trunc('month', min(begindatum)) AS eerste,
           date_trunc('month', coalesce(CAST($tot AS DATE), greatest(max(begindatum), max(einddatum))))
               AS laatste
    FROM records
), maanden AS (
    SELECT CAST(maand AS DATE) AS maand, last_day(maand) AS peildatum
    FROM bereik, range(eerste, laatste + INTERVAL 1 MONTH, INTERVAL 1 MONTH) AS r(maand)
), per_categorie AS (
    -- Per row: the latest einddatum of the rows before it and up to it, and the next begindatum.
    SELECT gemeente, client, categorie, begindatum,
           max(einddatum) OVER (PARTITION BY gemeente, client, categorie ORDER BY begindatum, einddatum
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS eerder_eind,
           max(einddatum) OVER (PARTITION BY gemeente, client, categorie ORDER BY begindatum, einddatum
                                ROWS UNBOUNDED PRECEDING) AS eind_tot_nu,
           lead(begindatum) OVER (PARTITION BY gemeente, client, categorie ORDER BY begindatum, einddatum)
               AS volgende_begin
    FROM indicaties
    WHERE $per_categorie
), per_client AS (
    SELECT gemeente, client, '' AS categorie, begindatum,
           max(einddatum) OVER (PARTITION BY gemeente, client ORDER BY begindatum, einddatum
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS eerder_eind,
           max(einddatum) OVER (PARTITION BY gemeente, client ORDER BY begindatum, einddatum
                                ROWS UNBOUNDED PRECEDING) AS eind_tot_nu,
           lead(begindatum) OVER (PARTITION BY gemeente, client ORDER BY begindatum, einddatum)
               AS volgende_begin
    FROM indicaties
), eilanden AS (
    FROM per_categorie
    UNION ALL
    FROM per_client
), gebeurtenissen AS (
    -- A zorgperiode starts at a row that begins at least $gap_dagen days after every earlier
    -- row ended, and ends at a row after which the next row begins that late (or none follows).
    SELECT gemeente, categorie, begindatum AS datum, 1 AS instroom, 0 AS uitstroom
    FROM eilanden
    WHERE eerder_eind IS NULL OR begindatum > eerder_eind + $gap_dagen
    UNION ALL
    SELECT gemeente, categorie, eind_tot_nu, 0, 1
    FROM eilanden
    WHERE (volgende_begin IS NULL OR volgende_begin > eind_tot_nu + $gap_dagen)
      AND eind_tot_nu < DATE '9999-12-31'
), per_maand AS (
    SELECT gemeente, categorie, CAST(date_trunc('month', datum) AS DATE) AS maand,
           sum(instroom) AS instroom, sum(uitstroom) AS uitstroom
    FROM gebeurtenissen
    GROUP BY ALL
), groepen AS (
    SELECT DISTINCT gemeente, categorie
    FROM gebeurtenissen
    WHERE instroom = 1 AND datum <= (SELECT max(peildatum) FROM maanden)
), standen AS (
    SELECT g.gemeente, g.categorie, m.maand, m.peildatum,
           coalesce(p.instroom, 0) AS instroom, coalesce(p.uitstroom, 0) AS uitstroom,
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
           max(peildatum) AS peildatum, sum(instroom) AS instroom, sum(uitstroom) AS uitstroom
    FROM getoond
    GROUP BY ALL
    HAVING count(*) = 3
)
SELECT $stand AS indicator, strftime(maand, '%Y-%m') AS periode, 'maand' AS periode_soort,
       year(maand) AS jaar, month(maand) AS volgnummer, peildatum AS einddatum, categorie, gemeente,
       stand AS waarde, 'records' AS bron
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
