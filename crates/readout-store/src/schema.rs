//! Schema migrations, numbered; `PRAGMA user_version` records how far a store has come.

/// Each entry moves the schema from version `i` to `i + 1`. Append only: a
/// shipped migration is never edited, because stores in the field ran it.
pub const MIGRATIONS: &[&str] = &[
    // 1: documents, where they were seen, full-text index, sketches, near-duplicate links.
    r#"
    CREATE TABLE documents (
        rowid          INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,
        content_hash   BLOB NOT NULL UNIQUE,
        outlet         TEXT NOT NULL,
        published      TEXT NOT NULL,          -- YYYY-MM-DD
        published_time TEXT,                   -- HH:MM:SS when known
        date_guessed   INTEGER NOT NULL DEFAULT 0,
        title          TEXT NOT NULL,
        body           TEXT NOT NULL,
        url            TEXT,
        lang           TEXT,
        section        TEXT,
        audience       TEXT NOT NULL,
        attribution    TEXT,
        ingested_at    TEXT NOT NULL
    );
    CREATE INDEX documents_published ON documents(published, rowid);

    -- Every place a text was found. An exact duplicate adds a sighting, not a document.
    CREATE TABLE sightings (
        doc_rowid INTEGER NOT NULL REFERENCES documents(rowid),
        source    TEXT NOT NULL,
        line      INTEGER NOT NULL,
        outlet    TEXT NOT NULL,
        published TEXT NOT NULL,
        url       TEXT,
        section   TEXT,
        PRIMARY KEY (doc_rowid, source, line)
    ) WITHOUT ROWID;
    CREATE INDEX sightings_outlet_day ON sightings(outlet, published);

    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, body,
        content = 'documents', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2',
        columnsize = 0
    );
    INSERT INTO documents_fts(documents_fts, rank) VALUES ('automerge', 16);

    CREATE TABLE sketches (
        doc_rowid INTEGER PRIMARY KEY REFERENCES documents(rowid),
        signature BLOB NOT NULL
    );
    CREATE TABLE lsh_bands (
        band_key  INTEGER NOT NULL,
        doc_rowid INTEGER NOT NULL REFERENCES documents(rowid),
        PRIMARY KEY (band_key, doc_rowid)
    ) WITHOUT ROWID;

    -- A document whose text is nearly that of an earlier-stored one.
    CREATE TABLE near_duplicates (
        doc_rowid  INTEGER PRIMARY KEY REFERENCES documents(rowid),
        of_rowid   INTEGER NOT NULL REFERENCES documents(rowid),
        similarity REAL NOT NULL
    );
    CREATE INDEX near_duplicates_of ON near_duplicates(of_rowid);
    "#,
    // 2: what extraction found in each document, and with which pack.
    r#"
    CREATE TABLE extractions (
        doc_rowid INTEGER PRIMARY KEY REFERENCES documents(rowid),
        pack      TEXT NOT NULL,           -- the pack's fingerprint
        data      BLOB NOT NULL            -- the whole extraction: JSON, zlib-compressed
    );
    CREATE INDEX extractions_pack ON extractions(pack);
    -- Which documents mention an entity, and how often: the index behind
    -- "every document about X". Each mention itself is in the extraction.
    CREATE TABLE entity_docs (
        entity    TEXT NOT NULL,
        doc_rowid INTEGER NOT NULL REFERENCES documents(rowid),
        type      TEXT NOT NULL,
        mentions  INTEGER NOT NULL,
        PRIMARY KEY (entity, doc_rowid)
    ) WITHOUT ROWID;
    CREATE INDEX entity_docs_doc ON entity_docs(doc_rowid);
    CREATE TABLE titles (
        doc_rowid       INTEGER NOT NULL REFERENCES documents(rowid),
        person_entity   TEXT NOT NULL,
        person          TEXT NOT NULL,
        role            TEXT NOT NULL,
        post            TEXT NOT NULL,
        organization_id TEXT,
        organization    TEXT,
        country         TEXT,
        surface         TEXT NOT NULL,
        field           TEXT NOT NULL,
        start           INTEGER NOT NULL,
        end             INTEGER NOT NULL
    );
    CREATE INDEX titles_person ON titles(person_entity, doc_rowid);
    CREATE INDEX titles_doc ON titles(doc_rowid);
    "#,
    r#"
    -- What the signal detectors read of each document (readout-signals'
    -- DocFacts, JSON), written with its extraction. `seq` grows with every
    -- write: an incremental signal update reads the facts written since its
    -- last run.
    CREATE TABLE facts (
        doc_rowid INTEGER PRIMARY KEY REFERENCES documents(rowid),
        seq       INTEGER NOT NULL,
        published TEXT NOT NULL,
        data      BLOB NOT NULL
    );
    CREATE INDEX facts_seq ON facts(seq);
    CREATE INDEX facts_published ON facts(published, doc_rowid);
    -- Signals raised over the history, each whole as JSON; `noticed` is the
    -- archive day being processed when it was raised.
    CREATE TABLE signals (
        id      INTEGER PRIMARY KEY,
        noticed TEXT NOT NULL,
        date    TEXT NOT NULL,
        kind    TEXT NOT NULL,
        subject TEXT NOT NULL,
        score   REAL NOT NULL,
        data    TEXT NOT NULL
    );
    CREATE INDEX signals_date ON signals(date);
    CREATE INDEX signals_noticed ON signals(noticed);
    -- The engine's state as it was before `day` was fed, with the facts
    -- sequence it had read and the key (pack and settings) it was made with.
    CREATE TABLE signal_state (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        day  TEXT NOT NULL,
        seq  INTEGER NOT NULL,
        key  TEXT NOT NULL,
        data BLOB NOT NULL
    );
    "#,
];
