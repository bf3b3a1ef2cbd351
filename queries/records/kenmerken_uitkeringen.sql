-- Purpose: the kenmerken of the running uitkeringen (P-wet and IOAW) on each quarter-end
--          peildatum: geslacht, leefsituatie, leeftijdsklasse (age = year of the peildatum minus
--          geboortejaar), looptijdklasse (time since the begindatum of the zorgperiode) and,
--          when the file has the column, trede. An uitkering runs on P when the client's
--          zorgperiode in total (zorgperiodes.sql) does, as in clientcijfers.sql; its kenmerken
--          come from the latest
--          record of that zorgperiode that began on or before P (latest begindatum, then the
--          later row), the trede from the latest such record that has one. Every category seen
--          at any peildatum of a gemeente, and the fixed leeftijd- and looptijdklassen, get a row
--          for every peildatum, zero included; the categories of a kenmerk add up to the stand.
-- Parameters: $tot, $vanaf (as in clientcijfers.sql), $met_trede (the file has a trede
--             column).
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
    WHERE month(maand) % 3 = 0
      AND maand >= coalesce(CAST($vanaf AS DATE), DATE '0001-01-01')
), perioden_totaal AS (
    SELECT gemeente, client, begindatum, einddatum AS eind FROM zorgperiodes WHERE categorie = ''
), lopend AS (
    SELECT z.gemeente, z.client, z.begindatum AS zorgperiode_begin, p.peildatum
    FROM perioden_totaal AS z
    JOIN peildata AS p ON z.begindatum <= p.peildatum AND z.eind > p.peildatum
), kenmerken AS (
    SELECT l.gemeente, l.client, l.zorgperiode_begin, l.peildatum,
           arg_max(r.geslacht, {'b': r.begindatum, 'f': r.bron, 'v': r.volgnummer}) AS geslacht,
           arg_max(r.leefsituatie, {'b': r.begindatum, 'f': r.bron, 'v': r.volgnummer}) AS leefsituatie,
           arg_max(r.geboortejaar, {'b': r.begindatum, 'f': r.bron, 'v': r.volgnummer}) AS geboortejaar,
           arg_max(r.trede, {'b': r.begindatum, 'f': r.bron, 'v': r.volgnummer}) FILTER (WHERE r.trede IS NOT NULL)
               AS trede
    FROM lopend AS l
    JOIN indicaties AS r
      ON r.gemeente = l.gemeente AND r.client = l.client
     AND r.begindatum BETWEEN l.zorgperiode_begin AND l.peildatum
    GROUP BY ALL
), ingedeeld AS (
    SELECT gemeente, peildatum, 'participatie.uitkeringen_geslacht' AS indicator, geslacht AS categorie
    FROM kenmerken
    UNION ALL
    SELECT gemeente, peildatum, 'participatie.uitkeringen_leefsituatie', leefsituatie FROM kenmerken
    UNION ALL
    SELECT gemeente, peildatum, 'participatie.uitkeringen_leeftijd',
           CASE WHEN geboortejaar IS NULL THEN 'Onbekend'
                WHEN year(peildatum) - geboortejaar < 18 THEN 'Jonger dan 18 jaar'
                WHEN year(peildatum) - geboortejaar <= 26 THEN '18-26 jaar'
                WHEN year(peildatum) - geboortejaar <= 49 THEN '27-49 jaar'
                WHEN year(peildatum) - geboortejaar <= 66 THEN '50 jaar tot AOW-leeftijd'
                ELSE 'AOW-leeftijd of ouder' END
    FROM kenmerken
    UNION ALL
    SELECT gemeente, peildatum, 'participatie.uitkeringen_looptijd',
           CASE WHEN zorgperiode_begin > CAST(peildatum - INTERVAL 1 YEAR AS DATE) THEN 'Korter dan 1 jaar'
                WHEN zorgperiode_begin > CAST(peildatum - INTERVAL 3 YEAR AS DATE) THEN '1 tot 3 jaar'
                WHEN zorgperiode_begin > CAST(peildatum - INTERVAL 5 YEAR AS DATE) THEN '3 tot 5 jaar'
                ELSE '5 jaar of langer' END
    FROM kenmerken
    UNION ALL
    SELECT gemeente, peildatum, 'participatie.uitkeringen_trede', coalesce(trede, 'Onbekend')
    FROM kenmerken
    WHERE $met_trede
), gemeenten AS (
    SELECT DISTINCT gemeente FROM perioden_totaal WHERE begindatum <= (SELECT max(peildatum) FROM peildata)
), vaste_klassen AS (
    SELECT * FROM (VALUES
        ('participatie.uitkeringen_leeftijd', '18-26 jaar'),
        ('participatie.uitkeringen_leeftijd', '27-49 jaar'),
        ('participatie.uitkeringen_leeftijd', '50 jaar tot AOW-leeftijd'),
        ('participatie.uitkeringen_looptijd', 'Korter dan 1 jaar'),
        ('participatie.uitkeringen_looptijd', '1 tot 3 jaar'),
        ('participatie.uitkeringen_looptijd', '3 tot 5 jaar'),
        ('participatie.uitkeringen_looptijd', '5 jaar of langer')
    ) AS v(indicator, categorie)
), categorieen AS (
    SELECT DISTINCT gemeente, indicator, categorie FROM ingedeeld
    UNION
    SELECT g.gemeente, v.indicator, v.categorie FROM gemeenten AS g CROSS JOIN vaste_klassen AS v
), aantallen AS (
    SELECT gemeente, peildatum, indicator, categorie, count(*) AS aantal
    FROM ingedeeld
    GROUP BY ALL
)
SELECT c.indicator, strftime(p.peildatum, '%Y-%m') AS periode, 'maand' AS periode_soort,
       year(p.peildatum) AS jaar, month(p.peildatum) AS volgnummer, p.peildatum AS einddatum,
       c.categorie, c.gemeente, coalesce(a.aantal, 0) AS waarde, 'records' AS bron
FROM categorieen AS c
CROSS JOIN peildata AS p
LEFT JOIN aantallen AS a
  ON a.gemeente = c.gemeente AND a.indicator = c.indicator AND a.categorie = c.categorie
 AND a.peildatum = p.peildatum;
