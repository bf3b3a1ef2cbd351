-- Purpose: one records file read once, every column as text, into the work table `ruw`: the
--          checks (bsn_kandidaten, onveilige_tekst, fouten_in_records) and records_toevoegen read
--          this table instead of the file. Its rowid + 1 is the data row as DuckDB reads it (the
--          first is 1): the connection keeps the insertion order.
-- Parameters: $bestand (one CSV file, UTF-8), $scheidingsteken, $kolommen (MAP of column name to
--             VARCHAR in file order: canonical names, or negeer_<n> for columns we do not use).
CREATE OR REPLACE TEMP TABLE ruw AS
FROM read_csv($bestand, delim = $scheidingsteken, header = true, auto_detect = false,
              columns = $kolommen, quote = '"', escape = '"');
