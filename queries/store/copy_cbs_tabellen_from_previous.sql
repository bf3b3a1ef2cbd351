-- Purpose: carry the imported CBS tables of the previous version into the new one.
-- Parameters: none.
INSERT INTO cbs_tabellen SELECT * FROM previous.cbs_tabellen;
