-- Purpose: carry the notes of published editions of the previous version into the new one.
-- Parameters: none.
INSERT INTO edition_notes SELECT * FROM previous.edition_notes;
