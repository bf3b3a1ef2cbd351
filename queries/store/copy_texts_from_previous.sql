-- Purpose: carry the texts of the previous version into the new one.
-- Parameters: none.
INSERT INTO texts SELECT * FROM previous.texts;
