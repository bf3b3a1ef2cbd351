-- Purpose: the table row of a CBS download (title, CBS modification date, file), replacing the
--          row of an earlier download of the same table.
-- Parameters: none (reads the registered relation staged_cbs_tabel).
INSERT OR REPLACE INTO cbs_tabellen
SELECT tabel, titel, gewijzigd, bestand, sha256, geimporteerd_op FROM staged_cbs_tabel;
