-- pg_dump's output restores with an empty search_path, and the body of an SQL function is not
-- rewritten with schema names: diemcau_material_vector's call to diemcau_fold then fails while
-- the restore fills the generated search columns. Each function names the schema it runs in.
ALTER FUNCTION diemcau_fold(TEXT) SET search_path = public, pg_catalog;
ALTER FUNCTION diemcau_material_vector(TEXT, TEXT[], TEXT, TEXT, TEXT) SET search_path = public, pg_catalog;
