-- Purpose: whether an attached snapshot was written before the store table was named cijfers
--          (and its texts and editions columns were Dutch); such a file still reads and copies.
-- Parameters: $database (the name the snapshot is attached under).
SELECT count(*) > 0 FROM duckdb_tables() WHERE database_name = $database AND table_name = 'figures';
