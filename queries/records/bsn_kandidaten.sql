-- Purpose: the values in the text columns of one records file that could be a BSN: bare numbers of
--          8 or 9 digits (Excel drops a leading zero). monitor.ingest.bsn.column_holds_bsns decides per
--          column with the elfproef; dates and geboortejaar are not text columns.
-- Parameters: $bestand (one CSV file, UTF-8), $scheidingsteken, $kolommen (MAP of column name to
--             VARCHAR in file order: canonical names, or negeer_<n> for columns we do not use).
SELECT kolom, trim(waarde) AS waarde
FROM (
    UNPIVOT (
        SELECT COLUMNS(lambda c: c NOT IN ('begindatum', 'einddatum', 'geboortejaar'))
        FROM read_csv($bestand, delim = $scheidingsteken, header = true, auto_detect = false,
                      columns = $kolommen, quote = '"', escape = '"')
    )
    ON COLUMNS(*) INTO NAME kolom VALUE waarde
)
WHERE length(waarde) BETWEEN 8 AND 11
  AND regexp_full_match(trim(waarde), '[0-9]{8,9}');
