-- Purpose: the cells of imported CBS tables as CBS publishes them: CBS's own rounding (to fives,
--          tens) and suppression (status 'geheim' for CBS's '.', no value) are kept, never
--          recomputed; one row per (tabel, onderwerp, regio, periode, dimensies).
-- Parameters: none.
CREATE TABLE IF NOT EXISTS cbs_cijfers (
    tabel           VARCHAR NOT NULL,
    onderwerp       VARCHAR NOT NULL,   -- CBS topic key, e.g. WmoClientenPer1000Inwoners_2
    onderwerp_titel VARCHAR NOT NULL,
    eenheid         VARCHAR NOT NULL,   -- as CBS names it: 'aantal', 'per 1 000 inwoners', '%'
    regio           VARCHAR NOT NULL,   -- GM0518, NL01, PV27, WK…, BU…
    regio_naam      VARCHAR NOT NULL,
    regio_soort     VARCHAR NOT NULL,   -- land, provincie, gemeente, wijk, buurt, overig
    periode         VARCHAR NOT NULL,   -- CBS code: 2019JJ00, 2020HJ01, 2024KW03, 2024MM07
    periode_soort   VARCHAR NOT NULL,   -- jaar, halfjaar, kwartaal, maand
    periode_label   VARCHAR NOT NULL,   -- 2019, 1e halfjaar 2020, 3e kwartaal 2024
    einddatum       DATE NOT NULL,
    voorlopig       BOOLEAN NOT NULL,   -- CBS '*' (voorlopig) or '**' (nader voorlopig)
    dimensies       VARCHAR NOT NULL,   -- other dimensions, 'Geslacht=T001038;…' ('' for none)
    dimensie_titels VARCHAR NOT NULL,   -- their CBS titels, 'Totaal mannen en vrouwen; …'
    waarde          DECIMAL(38, 10),    -- NULL when CBS publishes '.'
    status          VARCHAR NOT NULL,   -- waarde, geheim
    PRIMARY KEY (tabel, onderwerp, regio, periode, dimensies)
);
