-- Purpose: carry the edition_cells of the previous version into the new one.
-- Parameters: none.
INSERT INTO edition_cells SELECT * FROM previous.edition_cells;
