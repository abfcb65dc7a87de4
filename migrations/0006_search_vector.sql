-- medseed:phase=schema
-- search_vector stops being a generated column: parsing and stemming every note during COPY was
-- most of the load's server CPU. medseed computes each loaded row's vector itself, exactly as
-- to_tsvector('english', title || ' ' || body) (src/text-search), and verify checks every row.
-- DROP EXPRESSION keeps the values already stored. The triggers keep everyone else's writes right:
-- a row inserted without a vector gets one (rows that carry one, as COPY's do, never call the
-- function), and a changed title or body recomputes it.
ALTER TABLE "documents" ALTER COLUMN "search_vector" DROP EXPRESSION;
--> statement-breakpoint
CREATE FUNCTION medseed.documents_search_vector() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
  NEW.search_vector := to_tsvector('english'::regconfig, NEW.title || ' ' || NEW.body);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER documents_search_vector_insert BEFORE INSERT ON documents
  FOR EACH ROW WHEN (NEW.search_vector IS NULL) EXECUTE FUNCTION medseed.documents_search_vector();
--> statement-breakpoint
CREATE TRIGGER documents_search_vector_update BEFORE UPDATE OF title, body ON documents
  FOR EACH ROW EXECUTE FUNCTION medseed.documents_search_vector();
