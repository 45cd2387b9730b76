-- RadVault catalog, migration 0001: the initial schema.
-- A shipped migration is never edited; later changes go in 0002_*.sql and so on.
CREATE TABLE subject (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE artifact (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE CHECK (digest LIKE 'sha256:%' AND length(digest) = 71),
    kind TEXT NOT NULL CHECK (
        kind IN ('scan', 'mask', 'params', 'features', 'clinical', 'genes', 'genesets', 'model', 'result', 'report')
    ),
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    created_at TEXT NOT NULL,
    subject_id INTEGER REFERENCES subject (id),
    name TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX artifact_kind ON artifact (kind);

CREATE INDEX artifact_subject ON artifact (subject_id);

CREATE TABLE image (
    id INTEGER PRIMARY KEY,
    artifact_id INTEGER NOT NULL UNIQUE REFERENCES artifact (id),
    dimensions TEXT NOT NULL,
    spacing TEXT NOT NULL,
    datatype TEXT NOT NULL,
    qform_code INTEGER NOT NULL,
    sform_code INTEGER NOT NULL,
    qform TEXT NOT NULL,
    sform TEXT NOT NULL,
    affine TEXT NOT NULL,
    voxel_digest TEXT
);

CREATE TABLE run (
    id INTEGER PRIMARY KEY,
    spec_digest TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    executor TEXT NOT NULL,
    executor_version TEXT NOT NULL,
    params_artifact_id INTEGER REFERENCES artifact (id),
    environment TEXT NOT NULL,
    agent TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT NOT NULL
);

CREATE TABLE run_input (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES run (id),
    role TEXT NOT NULL,
    artifact_id INTEGER NOT NULL REFERENCES artifact (id),
    position INTEGER NOT NULL,
    UNIQUE (run_id, role)
);

CREATE TABLE run_output (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES run (id),
    role TEXT NOT NULL,
    artifact_id INTEGER NOT NULL REFERENCES artifact (id),
    position INTEGER NOT NULL,
    UNIQUE (run_id, role)
);

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    agent TEXT NOT NULL,
    action TEXT NOT NULL,
    payload TEXT NOT NULL,
    payload_digest TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);

CREATE TABLE manifest_commit (
    id INTEGER PRIMARY KEY,
    commit_id TEXT NOT NULL UNIQUE,
    message TEXT NOT NULL,
    tag TEXT,
    agent TEXT NOT NULL,
    created_at TEXT NOT NULL
);
