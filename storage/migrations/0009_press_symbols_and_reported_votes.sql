-- Statements are found by their press symbols too ("SG/SM/12668"), keyed as
-- resolution aliases are (case folded, spacing removed).
CREATE TABLE statement_aliases (
  alias_key    text PRIMARY KEY,
  statement_id bigint NOT NULL REFERENCES statements (id),
  alias        text NOT NULL
);
CREATE INDEX statement_aliases_statement_id ON statement_aliases (statement_id);

-- Adoptions a statement reports of a resolution the registry does not know
-- yet: recorded on the resolution when it arrives (model/merge.h, as a
-- report), then removed.
CREATE TABLE pending_adoptions (
  resolution_symbol text NOT NULL,
  document_id       bigint NOT NULL REFERENCES documents (id),
  reading           bytea NOT NULL,  -- plenary.v1.Resolution: the symbol and the vote
  PRIMARY KEY (resolution_symbol, document_id)
);

-- A release may name a resolution by its title alone: found by title, case
-- and spacing aside.
CREATE INDEX resolution_revisions_title
  ON resolution_revisions (lower(regexp_replace(btrim(title), '\s+', ' ', 'g')));
