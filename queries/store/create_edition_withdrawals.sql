-- Purpose: withdrawn editions: a withdrawal takes every earlier publication of the edition off
--          the readers' list; nothing is deleted, and a later publication of the same peildatum
--          is a correction that names the reason.
-- Parameters: none.
CREATE TABLE IF NOT EXISTS edition_withdrawals (
    editie         VARCHAR NOT NULL,
    versie         INTEGER NOT NULL,   -- the version that recorded the withdrawal
    reden          VARCHAR NOT NULL,
    auteur         VARCHAR NOT NULL,
    ingetrokken_op TIMESTAMP NOT NULL
);
