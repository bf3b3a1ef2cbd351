-- Purpose: carry the file records of the previous version into the new one.
-- Parameters: none.
INSERT INTO version_files SELECT * FROM previous.version_files;
