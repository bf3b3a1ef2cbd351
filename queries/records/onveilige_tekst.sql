-- Purpose: the first $maximum cells of one records file (the work table `ruw`) whose text holds a
--          character that no label may hold: control, format (bidi, zero-width), surrogate and
--          private-use characters and U+FFFD (the rule is monitor.domain.safe_text, $patroon its
--          RE2 form). Columns we do not use (negeer_<n>) are left out. `volgnummer` counts the
--          data rows as DuckDB reads them (the first is 1), as in fouten_in_records. A row is
--          first tested as one text; only rows with such a character are unpivoted per cell.
-- Parameters: $patroon, $maximum.
WITH gebruikt AS (
    SELECT rowid + 1 AS volgnummer, COLUMNS(lambda c: NOT starts_with(c, 'negeer_')) FROM ruw
), verdacht AS (
    FROM gebruikt
    WHERE regexp_matches(concat(*COLUMNS(* EXCLUDE (volgnummer))), $patroon)
)
SELECT volgnummer, kolom, waarde
FROM (
    UNPIVOT verdacht ON COLUMNS(* EXCLUDE (volgnummer)) INTO NAME kolom VALUE waarde
)
WHERE regexp_matches(waarde, $patroon)
ORDER BY volgnummer, kolom
LIMIT $maximum;
