-- Purpose: the work table `records`: every row with a value of every file of one import, read
--          once and parsed once. The *_tekst columns hold what the user wrote (trimmed; geslacht,
--          trede and loonkostensubsidie in lower case), for fouten_in_records and its messages;
--          the other columns the parsed values (dates as DATE, the kenmerken in their published
--          categories) that zorgperiodes, clientcijfers, kenmerken_uitkeringen and
--          loonkostensubsidie_per_maand count. `bron` is the file's position in the import and
--          `volgnummer` its data row, so that "the later row" means the same as in the files.
--          `telt`: the row has a begindatum and counts (for participatie only P-wet and IOAW).
-- Parameters: none.
CREATE OR REPLACE TEMP TABLE records (
    bron INTEGER,
    volgnummer BIGINT,
    client VARCHAR,
    categorie VARCHAR,
    regeling VARCHAR,
    begindatum_tekst VARCHAR,
    einddatum_tekst VARCHAR,
    gemeente_tekst VARCHAR,
    geslacht_tekst VARCHAR,
    geboortejaar_tekst VARCHAR,
    trede_tekst VARCHAR,
    loonkostensubsidie_tekst VARCHAR,
    begindatum DATE,
    einddatum DATE,
    gemeente VARCHAR,
    telt BOOLEAN,
    geslacht VARCHAR,
    leefsituatie VARCHAR,
    geboortejaar INTEGER,
    trede VARCHAR,
    loonkostensubsidie BOOLEAN
);
