-- How a resolution was adopted, as its sources state it: the vote (method,
-- counts, the source's words), the meeting and the drafts or reports it was
-- adopted on. One jsonb object per revision, {} when no source states any of
-- it; paragraphs' kinds travel inside the paragraphs column.
ALTER TABLE resolution_revisions ADD COLUMN adoption jsonb NOT NULL DEFAULT '{}';
