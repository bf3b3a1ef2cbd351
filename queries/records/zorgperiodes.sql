-- Purpose: the zorgperiodes of one import, formed once for every figure computed from records
--          (clientcijfers, kenmerken_uitkeringen, loonkostensubsidie_per_maand), into the work
--          table `zorgperiodes`. Gaps and islands: the records of one client (that count) that
--          overlap or follow each other with a gap shorter than $gap_dagen days form one
--          zorgperiode, so herindicaties are neither instroom nor uitstroom. Per category first;
--          then the zorgperiodes of a client in all categories merged by the same rule give the
--          client's zorgperiodes in total (category ''): merging is the same whether it starts
--          from the records or from their merged periods. An open end is DATE '9999-12-31', so it
--          sorts last and is never reached. Each pass is one sort: per row the latest einddatum of
--          the rows before it and the next begindatum; a zorgperiode begins at a row that begins
--          more than $gap_dagen days after every earlier row ended, and ends at a row after which
--          the next row begins that late (or none follows).
-- Parameters: $gap_dagen.
CREATE OR REPLACE TEMP TABLE zorgperiodes AS
WITH rijen AS (
    SELECT gemeente, client, categorie, begindatum, coalesce(einddatum, DATE '9999-12-31') AS einddatum,
           max(coalesce(einddatum, DATE '9999-12-31'))
               OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS eerder_eind,
           lead(begindatum) OVER w AS volgende_begin
    FROM records
    WHERE telt
    WINDOW w AS (PARTITION BY gemeente, client, categorie
                 ORDER BY begindatum, coalesce(einddatum, DATE '9999-12-31'))
), grenzen AS (
    SELECT gemeente, client, categorie, begindatum, eind_tot_nu,
           eerder_eind IS NULL OR begindatum > eerder_eind + $gap_dagen AS is_begin,
           volgende_begin IS NULL OR volgende_begin > eind_tot_nu + $gap_dagen AS is_eind
    FROM (SELECT *, greatest(einddatum, eerder_eind) AS eind_tot_nu FROM rijen)
    WHERE eerder_eind IS NULL OR begindatum > eerder_eind + $gap_dagen
       OR volgende_begin IS NULL OR volgende_begin > eind_tot_nu + $gap_dagen
), per_categorie AS (
    -- A begin row that is not also an end is followed by its end row: rows of one zorgperiode
    -- with the same begindatum and running end sort begin first.
    SELECT gemeente, client, categorie, begindatum,
           CASE WHEN is_eind THEN eind_tot_nu
                ELSE lead(eind_tot_nu) OVER (PARTITION BY gemeente, client, categorie
                                             ORDER BY begindatum, eind_tot_nu, is_eind) END
               AS einddatum
    FROM grenzen
    QUALIFY is_begin
), rijen_totaal AS (
    SELECT gemeente, client, begindatum, einddatum,
           max(einddatum) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS eerder_eind,
           lead(begindatum) OVER w AS volgende_begin
    FROM per_categorie
    WINDOW w AS (PARTITION BY gemeente, client ORDER BY begindatum, einddatum)
), grenzen_totaal AS (
    SELECT gemeente, client, begindatum, eind_tot_nu,
           eerder_eind IS NULL OR begindatum > eerder_eind + $gap_dagen AS is_begin,
           volgende_begin IS NULL OR volgende_begin > eind_tot_nu + $gap_dagen AS is_eind
    FROM (SELECT *, greatest(einddatum, eerder_eind) AS eind_tot_nu FROM rijen_totaal)
    WHERE eerder_eind IS NULL OR begindatum > eerder_eind + $gap_dagen
       OR volgende_begin IS NULL OR volgende_begin > eind_tot_nu + $gap_dagen
), totaal AS (
    SELECT gemeente, client, '' AS categorie, begindatum,
           CASE WHEN is_eind THEN eind_tot_nu
                ELSE lead(eind_tot_nu) OVER (PARTITION BY gemeente, client
                                             ORDER BY begindatum, eind_tot_nu, is_eind) END
               AS einddatum
    FROM grenzen_totaal
    QUALIFY is_begin
)
SELECT gemeente, client, categorie, begindatum, einddatum,
       CAST(date_trunc('month', begindatum) AS DATE) AS begin_maand,
       CASE WHEN einddatum < DATE '9999-12-31' THEN CAST(date_trunc('month', einddatum) AS DATE) END
           AS eind_maand
FROM per_categorie
UNION ALL
SELECT gemeente, client, categorie, begindatum, einddatum,
       CAST(date_trunc('month', begindatum) AS DATE),
       CASE WHEN einddatum < DATE '9999-12-31' THEN CAST(date_trunc('month', einddatum) AS DATE) END
FROM totaal;
