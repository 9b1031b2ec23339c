-- bilat store, schema version 1.
-- One row per coded story; `content_hash` decides whether a re-run must recode it.
CREATE TABLE documents (
    doc_id            VARCHAR PRIMARY KEY,
    content_hash      VARCHAR NOT NULL,
    story_date        DATE,
    story_date_source VARCHAR NOT NULL,
    title             VARCHAR,
    url               VARCHAR,
    source            VARCHAR,
    path              VARCHAR,
    coded_at          TIMESTAMP NOT NULL,  -- UTC
    n_events          INTEGER NOT NULL CHECK (n_events >= 0)
);

-- One row per coded event; the columns are the fields of bilat.schemas.Event,
-- plus `date_start`, the first day of the period named by `date` (YYYY[-MM[-DD]]).
CREATE TABLE events (
    event_id       VARCHAR PRIMARY KEY,
    doc_id         VARCHAR NOT NULL,
    story_date     VARCHAR,
    "date"         VARCHAR,
    date_start     DATE,
    date_precision VARCHAR NOT NULL,
    historical     BOOLEAN NOT NULL,
    source_actor   VARCHAR,
    source_country VARCHAR,
    target_actor   VARCHAR,
    target_country VARCHAR,
    cameo          VARCHAR NOT NULL,
    root           VARCHAR NOT NULL,
    quad_class     TINYINT NOT NULL CHECK (quad_class BETWEEN 1 AND 4),
    goldstein      DOUBLE NOT NULL CHECK (goldstein BETWEEN -10 AND 10),
    plover         VARCHAR,
    "count"        INTEGER NOT NULL,
    sentence_index INTEGER NOT NULL,
    sentence       VARCHAR NOT NULL,
    source_text    VARCHAR,
    target_text    VARCHAR,
    "trigger"      VARCHAR,
    extra          JSON
);

CREATE INDEX events_doc_id ON events (doc_id);
CREATE INDEX events_dyad ON events (source_country, target_country);
CREATE INDEX events_date_start ON events (date_start);

-- The two actors of each event: role is 'source' or 'target'.
CREATE TABLE actors (
    event_id VARCHAR NOT NULL,
    doc_id   VARCHAR NOT NULL,
    role     VARCHAR NOT NULL CHECK (role IN ('source', 'target')),
    code     VARCHAR,
    country  VARCHAR,
    sector   VARCHAR,
    "text"   VARCHAR,
    PRIMARY KEY (event_id, role)
);
