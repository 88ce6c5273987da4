-- Resolutions are selected by how a Member State voted on them
-- (ListResolutionsRequest.member_state_vote): each revision keeps the keys
-- of the Member States its vote names, "USA" and "USA:against" (see
-- storage/pg/vote_keys.h), indexed for containment.
--
-- The votes are inside `record`, which SQL cannot read: the migrator writes
-- the keys of the revisions stored before this migration, in its
-- transaction (storage/pg/record_backfill.cc).
ALTER TABLE resolution_revisions ADD COLUMN vote_keys text[] NOT NULL DEFAULT '{}';
CREATE INDEX resolution_revisions_vote_keys ON resolution_revisions USING gin (vote_keys);
