-- Purpose: per month the running uitkeringen (P-wet and IOAW, the client's zorgperiodes in
--          total from zorgperiodes.sql) whose latest record begun on or before the peildatum has
--          loonkostensubsidie = ja (ja, j, true, waar, yes, y or 1); a row for every month from
--          $vanaf on, zero included.
-- Parameters: $tot, $vanaf (as in clientcijfers.sql).
WITH indicaties AS (
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
), perioden_totaal AS (
    SELECT gemeente, client, begindatum, einddatum AS eind FROM zorgperiodes WHERE categorie = ''
), met_subsidie AS (
    SELECT l.gemeente, l.peildatum,
           arg_max(r.loonkostensubsidie, {'b': r.begindatum, 'f': r.bron, 'v': r.volgnummer}) AS loonkostensubsidie
    FROM (
        SELECT z.gemeente, z.client, z.begindatum AS zorgperiode_begin, p.peildatum
        FROM perioden_totaal AS z
        JOIN peildata AS p ON z.begindatum <= p.peildatum AND z.eind > p.peildatum
    ) AS l
    JOIN indicaties AS r
      ON r.gemeente = l.gemeente AND r.client = l.client
     AND r.begindatum BETWEEN l.zorgperiode_begin AND l.peildatum
    GROUP BY l.gemeente, l.client, l.zorgperiode_begin, l.peildatum
), gemeenten AS (
    SELECT DISTINCT gemeente FROM perioden_totaal WHERE begindatum <= (SELECT max(peildatum) FROM peildata)
)
SELECT 'participatie.loonkostensubsidie' AS indicator, strftime(p.peildatum, '%Y-%m') AS periode,
       'maand' AS periode_soort, year(p.peildatum) AS jaar, month(p.peildatum) AS volgnummer,
       p.peildatum AS einddatum, '' AS categorie, g.gemeente,
       count(m.loonkostensubsidie) FILTER (WHERE m.loonkostensubsidie) AS waarde, 'records' AS bron
FROM gemeenten AS g
CROSS JOIN peildata AS p
LEFT JOIN met_subsidie AS m ON m.gemeente = g.gemeente AND m.peildatum = p.peildatum
GROUP BY ALL;
