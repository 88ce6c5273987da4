-- Each revision keeps its record's content in the record's one encoding:
-- the contract's protobuf message, serialized deterministically (see
-- codec/record_codec.h). Reads decode it; the other columns stay for the
-- queries that filter, sort and search on them. content_sha256 becomes the
-- SHA-256 of these bytes.
--
-- SQL cannot write protobuf: the migrator encodes the revisions stored
-- before this migration, and recomputes their digests, in this migration's
-- transaction (storage/pg/record_backfill.cc); 0007 then requires the column.
--
-- resolution_revisions.adoption is no longer written (its content is in
-- `record`); registries of the previous release still read it during a
-- rolling upgrade, so it is dropped by a later release.
ALTER TABLE resolution_revisions ADD COLUMN record bytea;
ALTER TABLE statement_revisions ADD COLUMN record bytea;
