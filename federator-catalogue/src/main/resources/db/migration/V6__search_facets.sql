-- Search facets (keyword, country, compliance), the ingest's verification report, and orders for the search.
-- Adding columns with constant defaults does not rewrite the table; the backfill below does, once.

ALTER TABLE catalogue_self_descriptions
    ADD COLUMN keywords      TEXT[] NOT NULL DEFAULT '{}',   -- the subject's gx:keyword / dcat:keyword values
    ADD COLUMN countries     TEXT[] NOT NULL DEFAULT '{}',   -- ISO 3166-1 alpha-2 codes of its claims (and its provider's address)
    ADD COLUMN compliance    TEXT   NOT NULL DEFAULT 'not-checked'
        CHECK (compliance IN ('compliant', 'non-compliant', 'none', 'not-checked')),
    ADD COLUMN ingest_report JSONB;                          -- the checks the ingest ran (null: stored before V6)

-- Backfill of what can be read from the stored claims (N-Triples, one triple a line, as the store writes them).
-- Keywords: literals of a property whose local name is "keyword", on the subject itself (escapes \" and \\ undone).
UPDATE catalogue_self_descriptions s SET keywords = COALESCE((
    SELECT array_agg(DISTINCT k ORDER BY k) FROM (
        SELECT btrim(replace(replace(m[2], '\"', '"'), '\\', '\')) AS k
        FROM regexp_matches(s.claims, '^(<[^>]*>) <[^>]*[#/]keyword> "((?:[^"\\]|\\.)*)"', 'gn') AS m
        WHERE m[1] = '<' || s.subject_id || '>') ks
    WHERE k <> ''), '{}'),
  countries = COALESCE((
    SELECT array_agg(DISTINCT upper(m[1]) ORDER BY upper(m[1]))
    FROM regexp_matches(s.claims, '<[^>]*[#/](?:countryCode|countrySubdivisionCode)> "([A-Za-z]{2})(?:-[^"]*)?"', 'g') AS m), '{}');

-- An offering, resource or data product also has its provider's countries. At ingest they come from the LegalPerson
-- credential presented with it; for rows stored before, from the provider's active participant self-description.
UPDATE catalogue_self_descriptions s SET countries = (
    SELECT array_agg(DISTINCT c ORDER BY c) FROM unnest(s.countries || p.countries) c)
FROM catalogue_self_descriptions p
WHERE s.kind <> 'participant' AND p.kind = 'participant' AND p.status = 'active' AND p.provider = s.provider
  AND cardinality(p.countries) > 0;

CREATE INDEX catalogue_sd_keywords ON catalogue_self_descriptions USING GIN (keywords);
CREATE INDEX catalogue_sd_countries ON catalogue_self_descriptions USING GIN (countries);
CREATE INDEX catalogue_sd_compliance ON catalogue_self_descriptions (compliance);
-- the search's "newest" / "oldest" orders without text
CREATE INDEX catalogue_sd_status_upload ON catalogue_self_descriptions (status, upload_time DESC, sd_hash);
