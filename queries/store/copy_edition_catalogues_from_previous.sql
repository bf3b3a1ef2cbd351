-- Purpose: carry the catalogues of published editions of the previous version into the new one.
-- Parameters: none.
INSERT INTO edition_catalogues SELECT * FROM previous.edition_catalogues;
