-- Purpose: the table of stored cijfers in a snapshot; one row per
--          (indicator, periode, categorie, gemeente). Exact values: this table never leaves the
--          query layer except through the disclosure gate.
-- Parameters: none.
CREATE TABLE IF NOT EXISTS cijfers (
    indicator     VARCHAR NOT NULL,
    periode       VARCHAR NOT NULL,   -- canonical: 2024-03, 2024-Q1, 2024
    periode_soort VARCHAR NOT NULL,   -- maand, kwartaal, jaar
    jaar          INTEGER NOT NULL,
    volgnummer    INTEGER NOT NULL,   -- month 1-12, quarter 1-4, 0 for a year
    einddatum     DATE NOT NULL,      -- last day of the period: the peildatum of a stand
    categorie     VARCHAR NOT NULL,   -- '' is the total
    gemeente      VARCHAR NOT NULL,   -- CBS code, '' is the gemeente's own upload
    waarde        DECIMAL(38, 10) NOT NULL,
    bron          VARCHAR NOT NULL,   -- 'upload' or 'records'
    PRIMARY KEY (indicator, periode, categorie, gemeente)
);
