-- bilat store, schema version 2: where events happened, and the facts of relationships.
-- The place of an event (bilat.geo): its name, the ISO3 code of its country, and its point
-- (WGS84; NULL for a country, a border or a place the gazetteer does not know).
ALTER TABLE events ADD COLUMN location_name VARCHAR;
ALTER TABLE events ADD COLUMN location_country VARCHAR;
ALTER TABLE events ADD COLUMN lat DOUBLE;
ALTER TABLE events ADD COLUMN lon DOUBLE;

-- One row per fact of a relationship read from a story (bilat.schemas.Fact); replaced with
-- the story's events when the story is coded again.
CREATE TABLE facts (
    fact_id        VARCHAR PRIMARY KEY,
    doc_id         VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL CHECK (kind IN ('mechanism', 'agreement', 'organization',
                                                    'diaspora', 'trade', 'investment',
                                                    'transport', 'membership')),
    country_a      VARCHAR,
    country_b      VARCHAR,
    name           VARCHAR,
    "value"        DOUBLE,
    unit           VARCHAR,
    qualifier      VARCHAR,
    places         VARCHAR[],
    description    VARCHAR,
    period         VARCHAR,
    sentence_index INTEGER NOT NULL,
    sentence       VARCHAR NOT NULL
);

CREATE INDEX facts_doc_id ON facts (doc_id);
CREATE INDEX facts_pair ON facts (country_a, country_b);
