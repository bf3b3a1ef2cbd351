-- Purpose: the first $maximum cells of one records file whose text holds a character that no
--          label may hold: control, format (bidi, zero-width), surrogate and private-use
--          characters and U+FFFD (the rule is monitor.domain.safe_text, $patroon its RE2 form).
--          Columns we do not use (negeer_<n>) are left out. `volgnummer` counts the data rows as
--          DuckDB reads them (the first is 1), as in fouten_in_records.
-- Parameters: $bestand (one CSV file, UTF-8), $scheidingsteken, $kolommen (MAP of column name to
--             VARCHAR in file order), $patroon, $maximum.
WITH gelezen AS (
    SELECT row_number() OVER () AS volgnummer, COLUMNS(lambda c: NOT starts_with(c, 'negeer_'))
    FROM read_csv($bestand, delim = $scheidingsteken, header = true, auto_detect = false,
                  columns = $kolommen, quote = '"', escape = '"')
)
SELECT volgnummer, kolom, waarde
FROM (
    UNPIVOT gelezen ON COLUMNS(* EXCLUDE (volgnummer)) INTO NAME kolom VALUE waarde
)
WHERE regexp_matches(waarde, $patroon)
ORDER BY volgnummer, kolom
LIMIT $maximum;
