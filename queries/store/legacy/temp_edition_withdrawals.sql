-- Purpose: an empty edition_withdrawals for a snapshot written before the table existed, as a
--          temporary table: nothing in it was withdrawn.
-- Parameters: none.
CREATE TEMP TABLE edition_withdrawals (editie VARCHAR, versie INTEGER, reden VARCHAR,
                                       auteur VARCHAR, ingetrokken_op TIMESTAMP);
