-- Purpose: whether the snapshot attached as $database has a table (a table added to the schema
--          later is missing from older snapshots; copying skips it there).
-- Parameters: $database, $table.
SELECT count(*) > 0 FROM duckdb_tables() WHERE database_name = $database AND table_name = $table;
