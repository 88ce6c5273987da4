-- Queries over the latest revisions: full-text search that folds accents,
-- partial dates as the periods they cover, and the indexes filters use.

CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could change); with the
-- dictionary named it can be declared IMMUTABLE, as generated columns and
-- index expressions need.
CREATE FUNCTION plenary_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- The text of every element's `key` in a JSON array of objects.
CREATE FUNCTION plenary_json_texts(items jsonb, key text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(string_agg(item ->> key, ' '), '') FROM jsonb_array_elements(items) item $$;

-- The first and last day of the period a partial date names: 2009 covers
-- 2009-01-01 .. 2009-12-31. NULL when no year is stated.
CREATE FUNCTION plenary_period_start(y int, m int, d int) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN y = 0 THEN NULL ELSE make_date(y, greatest(m, 1), greatest(d, 1)) END $$;
CREATE FUNCTION plenary_period_end(y int, m int, d int) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN y = 0 THEN NULL
                    WHEN m = 0 THEN make_date(y, 12, 31)
                    WHEN d = 0 THEN (make_date(y, m, 1) + interval '1 month' - interval '1 day')::date
                    ELSE make_date(y, m, d) END $$;

ALTER TABLE resolution_revisions
  ADD COLUMN adopted_start date
    GENERATED ALWAYS AS (plenary_period_start(adopted_year, adopted_month, adopted_day)) STORED,
  ADD COLUMN adopted_end date
    GENERATED ALWAYS AS (plenary_period_end(adopted_year, adopted_month, adopted_day)) STORED,
  -- Weighted: title > paragraphs > body.
  ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', plenary_unaccent(title)), 'A') ||
    setweight(to_tsvector('english', plenary_unaccent(plenary_json_texts(paragraphs, 'text'))), 'B') ||
    setweight(to_tsvector('english', plenary_unaccent(body)), 'C')) STORED;

ALTER TABLE statement_revisions
  ADD COLUMN date_start date
    GENERATED ALWAYS AS (plenary_period_start(date_year, date_month, date_day)) STORED,
  ADD COLUMN date_end date
    GENERATED ALWAYS AS (plenary_period_end(date_year, date_month, date_day)) STORED,
  -- Weighted: headline > quotes > body text.
  ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', plenary_unaccent(headline)), 'A') ||
    setweight(to_tsvector('english', plenary_unaccent(plenary_json_texts(quotes, 'text'))), 'B') ||
    setweight(to_tsvector('english', plenary_unaccent(body_text)), 'C')) STORED;

CREATE INDEX resolution_revisions_search ON resolution_revisions USING gin (search);
CREATE INDEX resolution_revisions_refs ON resolution_revisions USING gin (refs);
CREATE INDEX resolution_revisions_body ON resolution_revisions (lower(body));
CREATE INDEX resolution_revisions_adopted ON resolution_revisions (adopted_start, adopted_end);
CREATE INDEX statement_revisions_search ON statement_revisions USING gin (search);
CREATE INDEX statement_revisions_refs ON statement_revisions USING gin (refs);
CREATE INDEX statement_revisions_speaker ON statement_revisions (lower(speaker));
CREATE INDEX statement_revisions_date ON statement_revisions (date_start, date_end);
