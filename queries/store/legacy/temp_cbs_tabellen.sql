-- Purpose: an empty cbs_tabellen for a snapshot written before CBS tables could be imported,
--          as a temporary table.
-- Parameters: none.
CREATE TEMP TABLE cbs_tabellen (
    tabel VARCHAR, titel VARCHAR, gewijzigd VARCHAR, bestand VARCHAR, sha256 VARCHAR,
    geimporteerd_op TIMESTAMP
);
