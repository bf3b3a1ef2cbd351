-- Purpose: every row of one records file (its rows in the work table `records`) that cannot be used,
--          with the column and the reason: empty client or category, a date that is not 2024-03-31 /
--          31-03-2024 / 31-3-2024, an einddatum before the begindatum, a gemeente that is no CBS
--          code, and for participatie an unknown regeling, geslacht, geboortejaar, trede or
--          loonkostensubsidie. `volgnummer` counts the data rows as DuckDB reads them (the first is
--          1); monitor.ingest.records.reading turns it into the row the user sees. The first
--          $maximum problems in file order, with the total.
-- Parameters: $bron (the file's position in the import), $soort ('wmo', 'jeugd' or 'participatie'),
--             $maximum, $laatste_jaar (a date after that year is refused: an open end written as a
--             date).
WITH datums AS (
    SELECT volgnummer, client, categorie, regeling, begindatum_tekst AS begindatum,
           einddatum_tekst AS einddatum, gemeente_tekst AS gemeente, geslacht_tekst AS geslacht,
           geboortejaar_tekst AS geboortejaar, trede_tekst AS trede,
           loonkostensubsidie_tekst AS loonkostensubsidie, begindatum AS begin_datum,
           einddatum AS eind_datum
    FROM records
    WHERE bron = $bron
), geldig AS (
    SELECT *,
           begin_datum IS NOT NULL AND year(begin_datum) BETWEEN 1900 AND 2100 AS begin_goed,
           eind_datum IS NOT NULL AND year(eind_datum) BETWEEN 1900 AND 2100 AS eind_goed
    FROM datums
), met_fout AS (
    -- One pass: only rows with at least one problem build the list of their problems.
    SELECT volgnummer, [
        CASE WHEN client IS NULL THEN {'volgorde': 1, 'kolom': 'client', 'soort': 'leeg', 'waarde': NULL, 'toelichting': NULL} END,
        CASE WHEN categorie IS NULL THEN {'volgorde': 2, 'kolom': 'categorie', 'soort': 'leeg', 'waarde': NULL, 'toelichting': NULL} END,
        CASE WHEN regeling_onbekend THEN {'volgorde': 2, 'kolom': 'categorie', 'soort': 'regeling', 'waarde': categorie, 'toelichting': NULL} END,
        CASE WHEN begindatum IS NULL THEN {'volgorde': 3, 'kolom': 'begindatum', 'soort': 'leeg', 'waarde': NULL, 'toelichting': NULL} END,
        CASE WHEN begindatum IS NOT NULL AND NOT begin_goed THEN {'volgorde': 3, 'kolom': 'begindatum', 'soort': 'datum', 'waarde': begindatum, 'toelichting': NULL} END,
        CASE WHEN einddatum IS NOT NULL AND NOT eind_goed THEN {'volgorde': 4, 'kolom': 'einddatum', 'soort': 'datum', 'waarde': einddatum, 'toelichting': NULL} END,
        CASE WHEN begin_goed AND year(begin_datum) > $laatste_jaar THEN {'volgorde': 3, 'kolom': 'begindatum', 'soort': 'toekomst', 'waarde': strftime(begin_datum, '%d-%m-%Y'), 'toelichting': NULL} END,
        CASE WHEN eind_goed AND year(eind_datum) > $laatste_jaar THEN {'volgorde': 4, 'kolom': 'einddatum', 'soort': 'toekomst', 'waarde': strftime(eind_datum, '%d-%m-%Y'), 'toelichting': NULL} END,
        CASE WHEN eind_voor_begin THEN {'volgorde': 4, 'kolom': 'einddatum', 'soort': 'voor_begin', 'waarde': strftime(eind_datum, '%d-%m-%Y'), 'toelichting': strftime(begin_datum, '%d-%m-%Y')} END,
        CASE WHEN gemeente_fout THEN {'volgorde': 5, 'kolom': 'gemeente', 'soort': 'gemeente', 'waarde': gemeente, 'toelichting': NULL} END,
        CASE WHEN geslacht_fout THEN {'volgorde': 6, 'kolom': 'geslacht', 'soort': 'geslacht', 'waarde': geslacht, 'toelichting': NULL} END,
        CASE WHEN geboortejaar_fout THEN {'volgorde': 7, 'kolom': 'geboortejaar', 'soort': 'geboortejaar', 'waarde': geboortejaar, 'toelichting': NULL} END,
        CASE WHEN trede_fout THEN {'volgorde': 8, 'kolom': 'trede', 'soort': 'trede', 'waarde': trede, 'toelichting': NULL} END,
        CASE WHEN ja_nee_fout THEN {'volgorde': 9, 'kolom': 'loonkostensubsidie', 'soort': 'ja_nee', 'waarde': loonkostensubsidie, 'toelichting': NULL} END
    ] AS problemen
    FROM (
        SELECT *,
               begindatum IS NOT NULL AND begin_goed AND eind_goed AND eind_datum < begin_datum AS eind_voor_begin,
               gemeente IS NOT NULL AND NOT regexp_full_match(upper(gemeente), 'GM[0-9]{4}') AS gemeente_fout,
               $soort = 'participatie' AND categorie IS NOT NULL
                   AND regeling NOT IN ('participatiewet', 'pwet', 'pw', 'bijstand', 'algemenebijstand',
                                        'wwb', 'ioaw', 'ioaz', 'bbz', 'bbz2004') AS regeling_onbekend,
               $soort = 'participatie'
                   AND geslacht NOT IN ('', 'm', 'man', 'mannelijk', 'v', 'vrouw', 'vrouwelijk', 'f', 'o',
                                        'x', 'onbekend', 'anders', 'overig') AS geslacht_fout,
               $soort = 'participatie' AND geboortejaar IS NOT NULL
                   AND NOT coalesce(regexp_full_match(geboortejaar, '[0-9]{4}')
                                    AND TRY_CAST(geboortejaar AS INTEGER) BETWEEN 1900 AND 2100, false)
                   AS geboortejaar_fout,
               $soort = 'participatie' AND trede <> ''
                   AND NOT regexp_full_match(trede, '(trede\s*)?[1-6]') AS trede_fout,
               $soort = 'participatie'
                   AND loonkostensubsidie NOT IN ('', 'ja', 'j', 'true', 'waar', 'yes', 'y', '1', 'nee',
                                                  'n', 'false', 'onwaar', 'no', '0') AS ja_nee_fout
        FROM geldig
    )
    WHERE client IS NULL OR categorie IS NULL OR begindatum IS NULL OR NOT begin_goed
       OR (einddatum IS NOT NULL AND NOT eind_goed) OR eind_voor_begin OR gemeente_fout
       OR regeling_onbekend OR geslacht_fout OR geboortejaar_fout OR trede_fout OR ja_nee_fout
       OR (begin_goed AND year(begin_datum) > $laatste_jaar)
       OR (eind_goed AND year(eind_datum) > $laatste_jaar)
), fouten AS (
    SELECT volgnummer, unnest(list_filter(problemen, lambda p: p IS NOT NULL), recursive := true)
    FROM met_fout
)
SELECT volgnummer, kolom, soort, waarde, toelichting, count(*) OVER () AS totaal
FROM fouten
ORDER BY volgnummer, volgorde
LIMIT $maximum;
