-- untally's normalized Security Council record. One file, rebuilt whole by every sync.
CREATE TABLE members (
    code        VARCHAR PRIMARY KEY,   -- ISO 3166 alpha-3, or the UN's historical code (SUN, YUG...)
    name        VARCHAR NOT NULL,
    iso3        VARCHAR,
    kind        VARCHAR NOT NULL,      -- state | historical
    valid_from  DATE,
    valid_until DATE,
    successor   VARCHAR,
    permanent   BOOLEAN NOT NULL,      -- ever held a permanent seat
    aliases     VARCHAR[],
    admitted    DATE                   -- admission to the UN, where the members source says
);

CREATE TABLE meetings (
    meeting_id  VARCHAR PRIMARY KEY,   -- '<source>:<row>' in the Library's meeting tables
    source      VARCHAR NOT NULL,
    year        SMALLINT NOT NULL,
    date        DATE,                  -- null where the table gives no day
    topic       VARCHAR,
    result      VARCHAR                -- the table's free-text outcome, kept verbatim
);

CREATE TABLE decisions (
    decision_id VARCHAR PRIMARY KEY,   -- resolution symbol, else draft symbol (+ '#n' if repeated)
    body        VARCHAR NOT NULL,      -- SC
    kind        VARCHAR NOT NULL,      -- resolution | draft | part (a paragraph voted separately)
                                       -- | amendment (an amendment to a draft, voted on its own)
    resolution  VARCHAR,
    draft       VARCHAR,
    part        VARCHAR,
    label       VARCHAR,               -- qualifier the tables give, e.g. '(Transjordan)'
    date        DATE,
    year        SMALLINT NOT NULL,
    meeting     VARCHAR,               -- meeting record symbol, e.g. S/PV.8274, where known
    meeting_id  VARCHAR REFERENCES meetings (meeting_id),
    title       VARCHAR,
    agenda      VARCHAR,
    subjects    VARCHAR,
    outcome     VARCHAR NOT NULL,      -- adopted | vetoed | not_adopted
    modality    VARCHAR NOT NULL,      -- vote | without_vote
    yes         SMALLINT,
    no          SMALLINT,
    abstain     SMALLINT,
    non_voting  SMALLINT,
    total_ms    SMALLINT,
    procedural  BOOLEAN NOT NULL,
    procedural_reason VARCHAR,
    undl_id     BIGINT,
    url         VARCHAR,
    sources     VARCHAR[] NOT NULL,
    amends      VARCHAR,               -- for an amendment: the decision_id of the draft it amends
    symbols     VARCHAR[],             -- every form of the draft symbol the sources give, where
                                       -- they differ (S/18087, S/18087/Rev.1); draft = the most specific
    verification VARCHAR,              -- what rests on secondary sources, in a short phrase
                                       -- ("symbol and meeting from secondary sources"); null: none
    source_url  VARCHAR                -- the report a secondary-source row cites
);

CREATE TABLE votes (
    decision_id VARCHAR NOT NULL REFERENCES decisions (decision_id),
    member      VARCHAR NOT NULL REFERENCES members (code),
    name_as_recorded VARCHAR,
    vote        VARCHAR NOT NULL CHECK (vote IN ('Y', 'N', 'A', 'X')),
    PRIMARY KEY (decision_id, member)
);

CREATE TABLE vetoes (
    veto_id     INTEGER PRIMARY KEY,   -- order in the Library's veto list, then its 2022-2025
                                       -- supplement, then negative votes on amendments
    decision_id VARCHAR NOT NULL REFERENCES decisions (decision_id),
    date        DATE NOT NULL,
    draft       VARCHAR NOT NULL,      -- the draft symbol (an amendment: its decision_id)
    meeting     VARCHAR,
    agenda      VARCHAR,
    topic       VARCHAR,               -- the list's crisis topic
    vetoed_by   VARCHAR[] NOT NULL,    -- member codes, sorted
    tally_source VARCHAR               -- where yes/no/abstain came from, null if unknown
);

CREATE TABLE provenance (
    source       VARCHAR NOT NULL,
    file         VARCHAR NOT NULL,
    url          VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL,
    bytes        BIGINT NOT NULL,
    retrieved_at TIMESTAMPTZ NOT NULL,
    rows         BIGINT NOT NULL,
    loaded_at    TIMESTAMPTZ NOT NULL,
    untally_version VARCHAR NOT NULL
);

CREATE TABLE issues (                  -- what validation found and tolerated, listed not hidden
    check_name  VARCHAR NOT NULL,
    subject     VARCHAR NOT NULL,
    detail      VARCHAR NOT NULL
);

CREATE TABLE decision_topics (         -- each decision's topics, classified at sync time
    decision_id VARCHAR NOT NULL REFERENCES decisions (decision_id),
    topic       VARCHAR NOT NULL,      -- a topic id of src/untally/data/topics.toml
    reason      VARCHAR NOT NULL,      -- the rule or override that assigned it
    PRIMARY KEY (decision_id, topic)
);

CREATE TABLE sync_attempts (           -- every sync of this file's history: ok, failed, refused,
    started_at  VARCHAR NOT NULL,      -- interrupted (ISO timestamps, UTC); the last is this one
    finished_at VARCHAR,
    status      VARCHAR NOT NULL,
    source      VARCHAR,               -- the mirror or 'official upstream URLs'
    detail      VARCHAR,               -- the error or refusal, one line
    untally_version VARCHAR
);
