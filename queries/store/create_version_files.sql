-- Purpose: the files that made a version: name, SHA-256 and number of data rows.
-- Parameters: none.
CREATE TABLE IF NOT EXISTS version_files (
    version   INTEGER NOT NULL,
    file_name VARCHAR NOT NULL,
    sha256    VARCHAR NOT NULL,
    data_rows INTEGER NOT NULL
);
