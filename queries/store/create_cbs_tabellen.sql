-- Purpose: the CBS tables imported as reference figures (StatLine / OData downloads, CC BY 4.0):
--          one row per table, with CBS's own title and modification date and the file it came
--          from. CBS figures are public already; they are kept apart from the gemeente's own
--          cijfers, which alone go through the AVG gate as counts.
-- Parameters: none.
CREATE TABLE IF NOT EXISTS cbs_tabellen (
    tabel          VARCHAR NOT NULL PRIMARY KEY,  -- CBS table id, e.g. 83262NED
    titel          VARCHAR NOT NULL,
    gewijzigd      VARCHAR NOT NULL,              -- CBS's Modified, as CBS writes it ('' unknown)
    bestand        VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    geimporteerd_op TIMESTAMP NOT NULL
);
