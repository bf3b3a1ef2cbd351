-- Purpose: the rows of the work table `ruw` (one file) parsed once into `records`; a row without
--          any value is left out, as a spreadsheet shows it: empty. Only P-wet and IOAW count for
--          participatie; Wmo and Jeugd count every row with a begindatum. The kenmerken get their
--          published categories here: geslacht Man/Vrouw/Onbekend, an empty leefsituatie
--          Onbekend, trede 'Trede n', loonkostensubsidie as ja (ja, j, true, waar, yes, y or 1)
--          or not. fouten_in_records then checks the file's rows in `records`.
-- Parameters: $bron (the file's position in the import), $soort ('wmo', 'jeugd' or
--             'participatie').
INSERT INTO records BY NAME
WITH gelezen AS (
    SELECT rowid + 1 AS volgnummer, * FROM ruw
), alle_kolommen AS (
    -- Optional columns that the file lacks become NULL.
    FROM gelezen
    UNION ALL BY NAME
    FROM (SELECT NULL::BIGINT AS volgnummer, NULL::VARCHAR AS client, NULL::VARCHAR AS categorie,
                 NULL::VARCHAR AS begindatum, NULL::VARCHAR AS einddatum,
                 NULL::VARCHAR AS gemeente, NULL::VARCHAR AS geslacht,
                 NULL::VARCHAR AS geboortejaar, NULL::VARCHAR AS leefsituatie,
                 NULL::VARCHAR AS trede, NULL::VARCHAR AS loonkostensubsidie)
    WHERE false
), tekst AS (
    SELECT volgnummer,
           nullif(trim(client), '') AS client,
           nullif(trim(categorie), '') AS categorie,
           nullif(trim(begindatum), '') AS begindatum_tekst,
           nullif(trim(einddatum), '') AS einddatum_tekst,
           nullif(trim(gemeente), '') AS gemeente_tekst,
           lower(trim(geslacht)) AS geslacht_tekst,
           nullif(trim(geboortejaar), '') AS geboortejaar_tekst,
           nullif(trim(leefsituatie), '') AS leefsituatie,
           lower(trim(trede)) AS trede_tekst,
           lower(trim(loonkostensubsidie)) AS loonkostensubsidie_tekst
    FROM alle_kolommen
    WHERE coalesce(client, categorie, begindatum, einddatum, gemeente, geslacht, geboortejaar,
                   leefsituatie, trede, loonkostensubsidie) IS NOT NULL
), met_regeling AS (
    SELECT *,
           CASE WHEN $soort = 'participatie'
                THEN lower(regexp_replace(categorie, '[\s.\-_/]', '', 'g')) END AS regeling
    FROM tekst
)
SELECT $bron AS bron,
       volgnummer, client, categorie, regeling, begindatum_tekst, einddatum_tekst, gemeente_tekst,
       geslacht_tekst, geboortejaar_tekst, trede_tekst, loonkostensubsidie_tekst,
       CAST(try_strptime(begindatum_tekst, ['%Y-%m-%d', '%d-%m-%Y']) AS DATE) AS begindatum,
       CAST(try_strptime(einddatum_tekst, ['%Y-%m-%d', '%d-%m-%Y']) AS DATE) AS einddatum,
       coalesce(upper(gemeente_tekst), '') AS gemeente,
       begindatum_tekst IS NOT NULL
           AND ($soort <> 'participatie'
                OR regeling IN ('participatiewet', 'pwet', 'pw', 'bijstand', 'algemenebijstand',
                                'wwb', 'ioaw')) AS telt,
       CASE WHEN geslacht_tekst IN ('m', 'man', 'mannelijk') THEN 'Man'
            WHEN geslacht_tekst IN ('v', 'vrouw', 'vrouwelijk', 'f') THEN 'Vrouw'
            ELSE 'Onbekend' END AS geslacht,
       coalesce(leefsituatie, 'Onbekend') AS leefsituatie,
       TRY_CAST(geboortejaar_tekst AS INTEGER) AS geboortejaar,
       'Trede ' || nullif(regexp_extract(trede_tekst, '^(trede\s*)?([1-6])$', 2), '') AS trede,
       coalesce(loonkostensubsidie_tekst IN ('ja', 'j', 'true', 'waar', 'yes', 'y', '1'), false)
           AS loonkostensubsidie
FROM met_regeling;
