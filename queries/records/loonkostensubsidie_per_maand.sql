-- Purpose: per month the running uitkeringen (P-wet and IOAW, zorgperiodes as in
--          clientcijfers.sql) whose latest record begun on or before the peildatum has
--          loonkostensubsidie = ja (ja, j, true, waar, yes, y or 1); a row for every month from
--          $vanaf on, zero included.
-- Parameters: $bestanden, $scheidingsteken, $kolommen, $gap_dagen, $tot, $vanaf (as in
--             clientcijfers.sql).
WITH gelezen AS (
    SELECT row_number() OVER () AS volgnummer, *
    FROM read_csv($bestanden, delim = $scheidingsteken, header = true, auto_detect = false,
                  columns = $kolommen, quote = '"', escape = '"')
), ruw AS (
    FROM gelezen
    UNION ALL BY NAME
    FROM (SELECT NULL::VARCHAR AS client, NULL::VARCHAR AS categorie, NULL::VARCHAR AS begindatum,
                 NULL::VARCHAR AS einddatum, NULL::VARCHAR AS gemeente,
                 NULL::VARCHAR AS loonkostensubsidie)
    WHERE false
), records AS (
    SELECT volgnummer,
           coalesce(upper(nullif(trim(gemeente), '')), '') AS gemeente,
           trim(client) AS client,
           CAST(try_strptime(trim(begindatum), ['%Y-%m-%d', '%d-%m-%Y']) AS DATE) AS begindatum,
           CAST(try_strptime(nullif(trim(einddatum), ''), ['%Y-%m-%d', '%d-%m-%Y']) AS DATE) AS einddatum,
           lower(regexp_replace(trim(categorie), '[\s.\-_/]', '', 'g'))
               IN ('participatiewet', 'pwet', 'pw', 'bijstand', 'algemenebijstand', 'wwb', 'ioaw')
               AS telt,
           coalesce(lower(trim(loonkostensubsidie)) IN ('ja', 'j', 'true', 'waar', 'yes', 'y', '1'), false)
               AS loonkostensubsidie
    FROM ruw
    WHERE nullif(trim(begindatum), '') IS NOT NULL
), indicaties AS (
    SELECT *, coalesce(einddatum, DATE '9999-12-31') AS eind FROM records WHERE telt
), bereik AS (
    SELECT date_trunc('month', min(begindatum)) AS eerste,
           date_trunc('month', coalesce(CAST($tot AS DATE), greatest(max(begindatum), max(einddatum))))
               AS laatste
    FROM records
), peildata AS (
    SELECT last_day(maand) AS peildatum
    FROM bereik, range(eerste, laatste + INTERVAL 1 MONTH, INTERVAL 1 MONTH) AS r(maand)
    WHERE maand >= coalesce(CAST($vanaf AS DATE), DATE '0001-01-01')
), genummerd AS (
    SELECT gemeente, client, begindatum, eind,
           sum(CASE WHEN eerder_eind IS NULL OR begindatum > eerder_eind + $gap_dagen THEN 1 ELSE 0 END)
               OVER (PARTITION BY gemeente, client ORDER BY begindatum, eind ROWS UNBOUNDED PRECEDING)
               AS zorgperiode
    FROM (
        SELECT *, max(eind) OVER (PARTITION BY gemeente, client ORDER BY begindatum, eind
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS eerder_eind
        FROM indicaties
    )
), zorgperiodes AS (
    SELECT gemeente, client, min(begindatum) AS begindatum, max(eind) AS eind
    FROM genummerd
    GROUP BY gemeente, client, zorgperiode
), met_subsidie AS (
    SELECT l.gemeente, l.peildatum,
           arg_max(r.loonkostensubsidie, {'b': r.begindatum, 'v': r.volgnummer}) AS loonkostensubsidie
    FROM (
        SELECT z.gemeente, z.client, z.begindatum AS zorgperiode_begin, p.peildatum
        FROM zorgperiodes AS z
        JOIN peildata AS p ON z.begindatum <= p.peildatum AND z.eind > p.peildatum
    ) AS l
    JOIN indicaties AS r
      ON r.gemeente = l.gemeente AND r.client = l.client
     AND r.begindatum BETWEEN l.zorgperiode_begin AND l.peildatum
    GROUP BY l.gemeente, l.client, l.zorgperiode_begin, l.peildatum
), gemeenten AS (
    SELECT DISTINCT gemeente FROM zorgperiodes WHERE begindatum <= (SELECT max(peildatum) FROM peildata)
)
SELECT 'participatie.loonkostensubsidie' AS indicator, strftime(p.peildatum, '%Y-%m') AS periode,
       'maand' AS periode_soort, year(p.peildatum) AS jaar, month(p.peildatum) AS volgnummer,
       p.peildatum AS einddatum, '' AS categorie, g.gemeente,
       count(m.loonkostensubsidie) FILTER (WHERE m.loonkostensubsidie) AS waarde, 'records' AS bron
FROM gemeenten AS g
CROSS JOIN peildata AS p
LEFT JOIN met_subsidie AS m ON m.gemeente = g.gemeente AND m.peildatum = p.peildatum
GROUP BY ALL;
