-- newsmine archive, schema version 1.
-- articles.text is Article.full_text (title + sapo + body, NFC): every offset below indexes it.
CREATE TABLE IF NOT EXISTS articles (
    doc_id        INTEGER PRIMARY KEY,          -- internal key (also the FTS rowid)
    id            TEXT NOT NULL UNIQUE,         -- the record / catalogue id users see
    url           TEXT,
    site          TEXT,
    title         TEXT,
    text          TEXT NOT NULL,
    published     TEXT,                         -- as given (ISO 8601 or YYYY-MM-DD)
    pub_date      TEXT,                         -- YYYY-MM-DD part, for date filters and timelines
    section       TEXT,
    authors       TEXT,                         -- JSON list
    content_hash  TEXT NOT NULL,
    themes        TEXT NOT NULL DEFAULT '[]',   -- JSON list of theme ids
    judicial      REAL,
    indexed_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_pub_date ON articles(pub_date);
CREATE INDEX IF NOT EXISTS articles_site ON articles(site);

CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text,                                -- folded copies (same length as the originals)
    tokenize = "unicode61 remove_diacritics 0"
);

CREATE TABLE IF NOT EXISTS article_themes (
    doc_id  INTEGER NOT NULL REFERENCES articles(doc_id) ON DELETE CASCADE,
    theme   TEXT NOT NULL,
    score   REAL,
    PRIMARY KEY (doc_id, theme)
);
CREATE INDEX IF NOT EXISTS article_themes_theme ON article_themes(theme);

CREATE TABLE IF NOT EXISTS persons (
    person_id  INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,            -- canonical: the fullest form the press gives
    name_fold  TEXT NOT NULL,
    given_fold TEXT NOT NULL                    -- last syllable, folded: what "ông Lực" refers to
);
CREATE INDEX IF NOT EXISTS persons_name_fold ON persons(name_fold);
CREATE INDEX IF NOT EXISTS persons_given_fold ON persons(given_fold);

CREATE TABLE IF NOT EXISTS person_aliases (
    person_id  INTEGER NOT NULL REFERENCES persons(person_id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,
    alias_fold TEXT NOT NULL,
    PRIMARY KEY (person_id, alias)
);
CREATE INDEX IF NOT EXISTS person_aliases_fold ON person_aliases(alias_fold);

CREATE TABLE IF NOT EXISTS bodies (
    body_id    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    name_fold  TEXT NOT NULL,
    type       TEXT
);
CREATE INDEX IF NOT EXISTS bodies_name_fold ON bodies(name_fold);

-- titles and bodies over time: one row per person per article that gives a role
CREATE TABLE IF NOT EXISTS person_roles (
    person_id  INTEGER NOT NULL REFERENCES persons(person_id) ON DELETE CASCADE,
    doc_id     INTEGER NOT NULL REFERENCES articles(doc_id) ON DELETE CASCADE,
    title      TEXT,
    body_id    INTEGER REFERENCES bodies(body_id),
    body       TEXT,
    date       TEXT,
    PRIMARY KEY (person_id, doc_id)
);
CREATE INDEX IF NOT EXISTS person_roles_doc ON person_roles(doc_id);
CREATE INDEX IF NOT EXISTS person_roles_body ON person_roles(body_id);

CREATE TABLE IF NOT EXISTS places (
    place_id   INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    type       TEXT NOT NULL DEFAULT '',
    UNIQUE (name, type)
);

CREATE TABLE IF NOT EXISTS campaigns (
    campaign_id INTEGER PRIMARY KEY,
    cid         TEXT NOT NULL UNIQUE,           -- canonical id: one campaign across articles and spellings
    name        TEXT NOT NULL,
    name_fold   TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS campaign_names (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(campaign_id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    name_fold   TEXT NOT NULL,
    PRIMARY KEY (campaign_id, name)
);
CREATE INDEX IF NOT EXISTS campaign_names_fold ON campaign_names(name_fold);

CREATE TABLE IF NOT EXISTS quotes (
    quote_id      INTEGER PRIMARY KEY,
    doc_id        INTEGER NOT NULL REFERENCES articles(doc_id) ON DELETE CASCADE,
    person_id     INTEGER REFERENCES persons(person_id) ON DELETE SET NULL,
    speaker       TEXT,                         -- as resolved by extraction (person, body or role)
    speaker_fold  TEXT,
    title         TEXT,
    body          TEXT,
    text          TEXT NOT NULL,
    text_fold     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    cue           TEXT,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    date          TEXT
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc_id);
CREATE INDEX IF NOT EXISTS quotes_person ON quotes(person_id);

-- every mention of every entity, with offsets into articles.text
CREATE TABLE IF NOT EXISTS mentions (
    doc_id       INTEGER NOT NULL REFERENCES articles(doc_id) ON DELETE CASCADE,
    entity_type  TEXT NOT NULL,                 -- person | body | place | campaign
    entity_id    INTEGER NOT NULL,              -- person_id / body_id / place_id / campaign_id
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    PRIMARY KEY (doc_id, entity_type, entity_id, start)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_type, entity_id);

CREATE TABLE IF NOT EXISTS dates (
    doc_id  INTEGER NOT NULL REFERENCES articles(doc_id) ON DELETE CASCADE,
    text    TEXT NOT NULL,
    value   TEXT NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dates_doc ON dates(doc_id);

-- a record that could not be indexed: one clear line, the batch went on
CREATE TABLE IF NOT EXISTS index_errors (
    id       TEXT PRIMARY KEY,
    error    TEXT NOT NULL,
    at       TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);
