-- Purpose: what readers are told about an edition published with gaps (indicators that stop
--          before the peildatum or are missing), recorded with the acknowledgement.
-- Parameters: none.
CREATE TABLE IF NOT EXISTS edition_notes (
    editie    VARCHAR NOT NULL,
    versie    INTEGER NOT NULL,   -- the version that published the edition (editions.versie)
    opmerking VARCHAR NOT NULL
);
