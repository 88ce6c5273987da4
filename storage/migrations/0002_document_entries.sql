-- Which records each document created or matched, so that ingesting the same
-- document again answers with the same entries; and the document's warnings.
ALTER TABLE documents ADD COLUMN warnings text[] NOT NULL DEFAULT '{}';

CREATE TABLE document_entries (
  document_id bigint NOT NULL REFERENCES documents (id),
  ordinal     integer NOT NULL,  -- order within the document
  kind        text NOT NULL CHECK (kind IN ('resolution', 'statement')),
  entity_id   bigint NOT NULL,
  revision    integer NOT NULL CHECK (revision >= 1),
  PRIMARY KEY (document_id, ordinal)
);
