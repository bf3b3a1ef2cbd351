-- Purpose: the client cijfers computed from validated records: per month the stand on the
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
), records AS MATERIALIZED (
    -- Parsed once. The windows below partition by a 128-bit MD5 of the key: a narrow, fast sort
    -- key for which two different clients sharing a partition is practically impossible.
    SELECT coalesce(upper(nullif(trim(gemeente), '')), '') AS gemeente,
           trim(client) AS client,
           trim(categorie) AS categorie,
           CAST(try_strptime(trim(begindatum), ['%Y-%m-%d', '%d-%m-%Y']) AS DATE) AS begindatum,
           CAST(try_strptime(nullif(trim(einddatum), ''), ['%Y-%m-%d', '%d-%m-%Y']) AS DATE) AS einddatum,
           CASE WHEN $soort = 'participatie'
                THEN lower(regexp_replace(trim(categorie), '[\s.\-_/]', '', 'g'))
                     IN ('participatiewet', 'pwet', 'pw', 'bijstand', 'algemenebijstand', 'wwb', 'ioaw')
                ELSE true END AS telt
    FROM ruw
    WHERE nullif(trim(begindatum), '') IS NOT NULL
), indicaties AS (
    -- An open end is far in the future, so it sorts last and is never reached.
    SELECT gemeente, client, categorie, begindatum, coalesce(einddatum, DATE '9999-12-31') AS einddatum,
           md5_number(concat_ws(chr(31), gemeente, client)) AS per_client,
           md5_number(concat_ws(chr(31), gemeente, client, categorie)) AS per_categorie
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
), rijen AS (
    -- Per row: the latest einddatum of the rows before it and up to it, and the next begindatum,
    -- within one client and category, and within one client (category '' is the total).
    SELECT gemeente, categorie, begindatum,
           max(einddatum) OVER (PARTITION BY per_categorie ORDER BY begindatum, einddatum
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS eerder_eind,
           max(einddatum) OVER (PARTITION BY per_categorie ORDER BY begindatum, einddatum
                                ROWS UNBOUNDED PRECEDING) AS eind_tot_nu,
           lead(begindatum) OVER (PARTITION BY per_categorie ORDER BY begindatum, einddatum)
               AS volgende_begin
    FROM indicaties
    WHERE $per_categorie
    UNION ALL
    SELECT gemeente, '', begindatum,
           max(einddatum) OVER (PARTITION BY per_client ORDER BY begindatum, einddatum
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
           max(einddatum) OVER (PARTITION BY per_client ORDER BY begindatum, einddatum
                                ROWS UNBOUNDED PRECEDING),
           lead(begindatum) OVER (PARTITION BY per_client ORDER BY begindatum, einddatum)
    FROM indicaties
), eilanden AS (
    -- A zorgperiode starts at a row that begins more than $gap_dagen days after every earlier
    -- row ended, and ends at a row after which the next row begins that late (or none follows).
    SELECT gemeente, categorie,
           CASE WHEN eerder_eind IS NULL OR begindatum > eerder_eind + $gap_dagen
                THEN CAST(date_trunc('month', begindatum) AS DATE) END AS instroom_maand,
           CASE WHEN (volgende_begin IS NULL OR volgende_begin > eind_tot_nu + $gap_dagen)
                 AND eind_tot_nu < DATE '9999-12-31'
                THEN CAST(date_trunc('month', eind_tot_nu) AS DATE) END AS uitstroom_maand
    FROM rijen
    WHERE eerder_eind IS NULL OR begindatum > eerder_eind + $gap_dagen
       OR volgende_begin IS NULL OR volgende_begin > eind_tot_nu + $gap_dagen
), tellingen AS (
    -- Starts per begin month and ends per end month, in one pass.
    SELECT gemeente, categorie, instroom_maand, uitstroom_maand,
           GROUPING(uitstroom_maand) = 1 AS is_instroom, count(*) AS aantal
    FROM eilanden
    GROUP BY GROUPING SETS ((gemeente, categorie, instroom_maand),
                            (gemeente, categorie, uitstroom_maand))
), per_maand AS (
    SELECT gemeente, categorie, coalesce(instroom_maand, uitstroom_maand) AS maand,
           coalesce(sum(aantal) FILTER (WHERE is_instroom), 0) AS instroom,
           coalesce(sum(aantal) FILTER (WHERE NOT is_instroom), 0) AS uitstroom
    FROM tellingen
    WHERE coalesce(instroom_maand, uitstroom_maand) IS NOT NULL
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
