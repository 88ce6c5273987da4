-- A tsvector holds at most 1 MB: a valid document with enough distinct
-- words (about 120,000) made the generated search column fail, and with it
-- the whole insert. The search vector is now computed by one function that
-- falls back to indexing the first part of each text when the whole does
-- not fit; the record itself is always stored whole.

-- The longest prefix of `t` that is at most `max_bytes` bytes long, cut at a
-- character boundary: whole when it fits, else max_bytes characters when
-- they fit in max_bytes bytes (mostly ASCII), else max_bytes / 4 characters.
CREATE FUNCTION plenary_search_prefix(t text, max_bytes int) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT CASE WHEN octet_length(t) <= max_bytes THEN t
                    WHEN octet_length(left(t, max_bytes)) <= max_bytes THEN left(t, max_bytes)
                    ELSE left(t, max_bytes / 4) END $$;

-- The weighted search vector of a record: `a` (title, headline) weighs more
-- than `b` (paragraphs, quotes), `b` more than `c` (body). Under 256 KiB of
-- text in all the vector always fits (distinct short words make at most
-- ~2.8 bytes of vector per byte of text: 729 KB for 256 KiB); above, it is
-- tried whole, and on overflow built from the first 16 KiB of `a` and 128
-- KiB of `b` and `c`. PARALLEL RESTRICTED: the fallback's exception block is
-- a subtransaction, which parallel workers cannot start.
CREATE FUNCTION plenary_search_vector(a text, b text, c text) RETURNS tsvector
  LANGUAGE plpgsql IMMUTABLE PARALLEL RESTRICTED
  AS $$
BEGIN
  IF coalesce(octet_length(a), 0) + coalesce(octet_length(b), 0) + coalesce(octet_length(c), 0)
       <= 262144 THEN
    RETURN setweight(to_tsvector('english', plenary_unaccent(a)), 'A') ||
           setweight(to_tsvector('english', plenary_unaccent(b)), 'B') ||
           setweight(to_tsvector('english', plenary_unaccent(c)), 'C');
  END IF;
  BEGIN
    RETURN setweight(to_tsvector('english', plenary_unaccent(a)), 'A') ||
           setweight(to_tsvector('english', plenary_unaccent(b)), 'B') ||
           setweight(to_tsvector('english', plenary_unaccent(c)), 'C');
  EXCEPTION WHEN program_limit_exceeded THEN
    RETURN setweight(to_tsvector('english', plenary_unaccent(plenary_search_prefix(a, 16384))), 'A') ||
           setweight(to_tsvector('english', plenary_unaccent(plenary_search_prefix(b, 131072))), 'B') ||
           setweight(to_tsvector('english', plenary_unaccent(plenary_search_prefix(c, 131072))), 'C');
  END;
END $$;

ALTER TABLE resolution_revisions DROP COLUMN search;
ALTER TABLE resolution_revisions
  ADD COLUMN search tsvector GENERATED ALWAYS AS (
    plenary_search_vector(title, plenary_json_texts(paragraphs, 'text'), body)) STORED;
CREATE INDEX resolution_revisions_search ON resolution_revisions USING gin (search);

ALTER TABLE statement_revisions DROP COLUMN search;
ALTER TABLE statement_revisions
  ADD COLUMN search tsvector GENERATED ALWAYS AS (
    plenary_search_vector(headline, plenary_json_texts(quotes, 'text'), body_text)) STORED;
CREATE INDEX statement_revisions_search ON statement_revisions USING gin (search);
