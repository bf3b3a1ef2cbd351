-- Purpose: the values in the text columns of one records file that could be a BSN: short texts
--          with 8 or 9 digits (Excel drops a leading zero), full-width digits included, however
--          they are grouped or labelled. monitor.ingest.bsn decides which are written as a BSN and
--          column_holds_bsns per column with the elfproef; dates and geboortejaar are not text
--          columns.
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
WHERE length(waarde) BETWEEN 8 AND 40
  AND length(regexp_replace(translate(waarde, '０１２３４５６７８９', '0123456789'), '[^0-9]', '', 'g'))
      BETWEEN 8 AND 9;
