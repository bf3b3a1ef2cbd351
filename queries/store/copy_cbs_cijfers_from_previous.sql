-- Purpose: carry the cells of the imported CBS tables of the previous version into the new one.
-- Parameters: none.
INSERT INTO cbs_cijfers SELECT * FROM previous.cbs_cijfers;
