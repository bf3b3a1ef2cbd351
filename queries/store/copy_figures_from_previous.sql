-- Purpose: carry the published figures of the previous version into the new one.
-- Parameters: none.
INSERT INTO figures SELECT * FROM previous.figures;
