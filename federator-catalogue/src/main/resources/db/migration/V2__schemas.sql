-- Catalogue schemas (XFSC /schemas): ontologies, SHACL shapes and SKOS vocabularies, stored byte-for-byte as submitted.
-- XFSC's schemafiles/schematerms, with the content as bytes, the syntax it was parsed with and where it came from.
CREATE TABLE catalogue_schemas (
    schema_id    TEXT        PRIMARY KEY,                 -- ontology IRI, concept-scheme IRI, or sha256 hex of a shape's content
    type         TEXT        NOT NULL CHECK (type IN ('ontology', 'shape', 'vocabulary')),
    syntax       TEXT        NOT NULL CHECK (syntax IN ('turtle', 'json-ld', 'rdf-xml')),
    content      BYTEA       NOT NULL,                    -- exactly the bytes submitted
    content_hash CHAR(64)    NOT NULL,                    -- sha256 hex of content
    origin       TEXT        NOT NULL DEFAULT 'api',      -- 'api', or 'default:<source>' for schemas loaded at first start
    upload_time  TIMESTAMPTZ NOT NULL DEFAULT now(),
    update_time  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX catalogue_schemas_type ON catalogue_schemas (type, schema_id);

-- Every term (class, property, individual, shape, concept) a schema defines; a term is defined by one schema only.
CREATE TABLE catalogue_schema_terms (
    term      TEXT PRIMARY KEY,
    schema_id TEXT NOT NULL REFERENCES catalogue_schemas (schema_id) ON DELETE CASCADE
);
CREATE INDEX catalogue_schema_terms_schema ON catalogue_schema_terms (schema_id);

-- One row: incremented by every schema change in the same transaction. Writers lock it, so schema changes are
-- serialised; readers compare it to know whether their compiled composite schemas are still current.
CREATE TABLE catalogue_schema_revision (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    revision  BIGINT  NOT NULL
);
INSERT INTO catalogue_schema_revision (singleton, revision) VALUES (TRUE, 0);
