-- Every revision has its encoded record (0006 encoded the older ones). A
-- writer of the previous release still running during an upgrade has its
-- inserts refused, and retried by its clients elsewhere, rather than store
-- revisions this release could not read.
ALTER TABLE resolution_revisions ALTER COLUMN record SET NOT NULL;
ALTER TABLE statement_revisions ALTER COLUMN record SET NOT NULL;
