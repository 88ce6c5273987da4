-- Adoptions a release reports of a resolution it names by title alone
-- ("adopted a resolution titled 'Status of Jerusalem'"), when no known
-- resolution adopted in the week before the release bears that title: the
-- first resolution to arrive with that title, adopted up to seven days
-- before reported_on, takes them (storage/pg/pg_ingest_store.cc).
CREATE TABLE pending_title_adoptions (
  title_key   text NOT NULL,  -- lower case, spacing collapsed
  reported_on date NOT NULL,  -- the release's date
  document_id bigint NOT NULL REFERENCES documents (id),
  reading     bytea NOT NULL,  -- plenary.v1.Resolution: the vote
  PRIMARY KEY (title_key, reported_on, document_id)
);
