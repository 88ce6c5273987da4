-- One resolution, several sources (model/merge.h): each revision keeps how
-- authoritative its merged sources are, so that a later, lesser source
-- only fills what is unknown. Revisions stored before merging existed
-- count as full texts: nothing a table row says overrides them.
ALTER TABLE resolution_revisions
  ADD COLUMN authority smallint NOT NULL DEFAULT 3 CHECK (authority BETWEEN 1 AND 3);

-- Which version of the readers made each revision, and last read each
-- document ('' before this was kept), so that re-reading can find the
-- documents read by older readers.
ALTER TABLE resolution_revisions ADD COLUMN parser_version text NOT NULL DEFAULT '';
ALTER TABLE statement_revisions ADD COLUMN parser_version text NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN parser_version text NOT NULL DEFAULT '';

-- The same bytes sent as another media type are another reading: another
-- document, not a duplicate.
ALTER TABLE documents DROP CONSTRAINT documents_sha256_key;
ALTER TABLE documents ADD CONSTRAINT documents_sha256_media_type_key UNIQUE (sha256, media_type);
