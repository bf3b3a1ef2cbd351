-- Purpose: the values in the text columns of one records file (the work table `ruw`) that could
--          be a BSN: texts of 8 to 40 characters with 8 or 9 digits (Excel drops a leading zero),
--          full-width digits included, however they are grouped or labelled. monitor.ingest.bsn
--          decides which are written as a BSN and column_holds_bsns per column with the
--          elfproef; dates and geboortejaar are not text columns. Rows are first tested as a
--          whole, without unpivoting every cell: only rows with a candidate are unpivoted.
-- Parameters: none.
WITH tekstkolommen AS (
    SELECT COLUMNS(lambda c: c NOT IN ('begindatum', 'einddatum', 'geboortejaar')) FROM ruw
), met_kandidaat AS (
    FROM tekstkolommen
    WHERE list_bool_or(list_transform([*COLUMNS(*)], lambda waarde:
              length(waarde) BETWEEN 8 AND 40
              AND regexp_full_match(waarde, '[^0-9０-９]*(?:[0-9０-９][^0-9０-９]*){8,9}')))
)
SELECT kolom, trim(waarde) AS waarde
FROM (UNPIVOT met_kandidaat ON COLUMNS(*) INTO NAME kolom VALUE waarde)
WHERE length(waarde) BETWEEN 8 AND 40
  AND regexp_full_match(waarde, '[^0-9０-９]*(?:[0-9０-９][^0-9０-９]*){8,9}');
