-- Purpose: record one file of a version.
-- Parameters: $version, $file_name, $sha256, $data_rows.
INSERT INTO version_files VALUES ($version, $file_name, $sha256, $data_rows);
