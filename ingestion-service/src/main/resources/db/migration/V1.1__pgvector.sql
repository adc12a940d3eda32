-- ingestion-service schema, version 1.1 (the event plumbing is commons' V1). Knowledge-base chunks
-- store pgvector embeddings, so the extension must exist before any table that uses it;
-- deploy/local/postgres.sh creates it as superuser.
do $$
begin
    if not exists (select from pg_extension where extname = 'vector') then
        raise exception 'the pgvector extension is missing from this database: run deploy/local/postgres.sh';
    end if;
end
$$;
