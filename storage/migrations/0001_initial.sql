-- The initial schema: source documents, resolutions and statements with every
-- revision kept, and the feed log that orders all changes.

-- Identifies this deployment; secret signs cursors and page tokens so that a
-- token from another deployment, or a tampered one, is refused.
CREATE TABLE deployment (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  id        uuid NOT NULL DEFAULT gen_random_uuid(),
  secret    bytea NOT NULL DEFAULT decode(md5(random()::text) || md5(random()::text), 'hex'),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO deployment DEFAULT VALUES;

-- Every document as it was published, byte for byte.
CREATE TABLE documents (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sha256       bytea NOT NULL UNIQUE CHECK (length(sha256) = 32),
  request_id   text UNIQUE CHECK (request_id <> ''),
  media_type   text NOT NULL,
  source_uri   text NOT NULL DEFAULT '',
  published_at timestamptz,
  content      bytea NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE resolutions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  symbol          text NOT NULL UNIQUE,
  latest_revision integer NOT NULL CHECK (latest_revision >= 1)
);

-- Every form a resolution is known by, keyed the way lookups normalize them
-- (case folded, spacing removed), the canonical symbol included.
CREATE TABLE resolution_aliases (
  alias_key     text PRIMARY KEY,
  resolution_id bigint NOT NULL REFERENCES resolutions (id),
  alias         text NOT NULL
);
CREATE INDEX resolution_aliases_resolution_id ON resolution_aliases (resolution_id);

-- Revisions are only ever added: revision n+1 restates the resolution with
-- changed content, as read from document_id.
CREATE TABLE resolution_revisions (
  resolution_id  bigint NOT NULL REFERENCES resolutions (id),
  revision       integer NOT NULL CHECK (revision >= 1),
  document_id    bigint NOT NULL REFERENCES documents (id),
  body           text NOT NULL DEFAULT '',
  adopted_year   smallint NOT NULL DEFAULT 0,
  adopted_month  smallint NOT NULL DEFAULT 0 CHECK (adopted_month BETWEEN 0 AND 12),
  adopted_day    smallint NOT NULL DEFAULT 0 CHECK (adopted_day BETWEEN 0 AND 31),
  title          text NOT NULL DEFAULT '',
  aliases        text[] NOT NULL DEFAULT '{}',
  paragraphs     jsonb NOT NULL DEFAULT '[]',  -- [{"number": "4", "text": "..."}]
  refs           text[] NOT NULL DEFAULT '{}',
  content_sha256 bytea NOT NULL,  -- of the record's content: equal means unchanged
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (resolution_id, revision)
);
CREATE INDEX resolution_revisions_document_id ON resolution_revisions (document_id);

CREATE TABLE statements (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id       text NOT NULL UNIQUE,
  latest_revision integer NOT NULL CHECK (latest_revision >= 1)
);

CREATE TABLE statement_revisions (
  statement_id   bigint NOT NULL REFERENCES statements (id),
  revision       integer NOT NULL CHECK (revision >= 1),
  document_id    bigint NOT NULL REFERENCES documents (id),
  headline       text NOT NULL DEFAULT '',
  speaker        text NOT NULL DEFAULT '',
  speaker_role   text NOT NULL DEFAULT '',
  date_year      smallint NOT NULL DEFAULT 0,
  date_month     smallint NOT NULL DEFAULT 0 CHECK (date_month BETWEEN 0 AND 12),
  date_day       smallint NOT NULL DEFAULT 0 CHECK (date_day BETWEEN 0 AND 31),
  places         text[] NOT NULL DEFAULT '{}',
  body_text      text NOT NULL DEFAULT '',
  quotes         jsonb NOT NULL DEFAULT '[]',  -- [{"text": "...", "speaker": "..."}]
  refs           text[] NOT NULL DEFAULT '{}',
  content_sha256 bytea NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (statement_id, revision)
);
CREATE INDEX statement_revisions_document_id ON statement_revisions (document_id);

-- The feed: one row per created or revised record, in one global order.
-- Positions are handed out by feed_head, a single row that each writing
-- transaction updates just before it commits. The row lock makes writers take
-- positions in commit order, so a reader that has seen position p can never
-- later see a committed p' < p appear: no gaps, no late commits.
CREATE TABLE feed_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  position  bigint NOT NULL
);
INSERT INTO feed_head (position) VALUES (0);

CREATE TABLE feed_events (
  position     bigint PRIMARY KEY CHECK (position >= 1),
  kind         text NOT NULL CHECK (kind IN ('resolution', 'statement')),
  entity_id    bigint NOT NULL,
  revision     integer NOT NULL CHECK (revision >= 1),
  committed_at timestamptz NOT NULL DEFAULT now()
);
