-- Purpose: carry the cijfers of an earlier-schema previous version into the new one (the other
--          tables copy by position, so their renamed columns need nothing).
-- Parameters: none.
INSERT INTO cijfers SELECT * FROM previous.figures;
