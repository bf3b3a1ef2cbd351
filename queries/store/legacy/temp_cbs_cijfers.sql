-- Purpose: an empty cbs_cijfers for a snapshot written before CBS tables could be imported, as
--          a temporary table.
-- Parameters: none.
CREATE TEMP TABLE cbs_cijfers (
    tabel VARCHAR, onderwerp VARCHAR, onderwerp_titel VARCHAR, eenheid VARCHAR, regio VARCHAR,
    regio_naam VARCHAR, regio_soort VARCHAR, periode VARCHAR, periode_soort VARCHAR,
    periode_label VARCHAR, einddatum DATE, voorlopig BOOLEAN, dimensies VARCHAR,
    dimensie_titels VARCHAR, waarde DECIMAL(38, 10), status VARCHAR
);
