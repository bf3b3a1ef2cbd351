-- Purpose: record every published cell of an edition (status and published value) at once.
-- Parameters: none (reads the registered relation edition_cells_frame).
INSERT INTO edition_cells
SELECT editie, populatie, categorie, periode, status, CAST(waarde AS DECIMAL(38, 10))
FROM edition_cells_frame;
