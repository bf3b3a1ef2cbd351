-- Purpose: texts written by beleidsmedewerkers per edition and key (a chapter or a sociale-basis
--          thema); every save is a row, the newest row per (editie, sleutel) is the text.
-- Parameters: none.
CREATE TABLE IF NOT EXISTS texts (
    editie        VARCHAR NOT NULL,   -- peildatum key, e.g. 2026-09
    sleutel       VARCHAR NOT NULL,   -- chapter id (wmo, jeugd, ...) or 'thema:<id>'
    tekst         VARCHAR NOT NULL,   -- Markdown; raw HTML is never rendered
    auteur        VARCHAR NOT NULL,
    aangemaakt_op TIMESTAMP NOT NULL,
    versie        INTEGER NOT NULL   -- the store version the text was written against
);
