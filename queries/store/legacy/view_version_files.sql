-- Purpose: the version files of an earlier-schema snapshot (unchanged since).
-- Parameters: none.
CREATE VIEW version_files AS SELECT * FROM legacy.version_files;
