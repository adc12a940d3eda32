-- billing-service schema, version 10: what the platform counts as its cost of embedding with the
-- in-process models of ingestion-service (usage.recorded with SKU local/<model> and embedding
-- tokens only), per million embedding tokens: the compute of a CPU core, priced like the cheapest
-- hosted embedding models. Direct tenants pay it plus the default 20 %; platform admins change it
-- through PUT /rate-cards like any card.
insert into rate_card (id, kind, sku, input_micros_per_million, output_micros_per_million,
                       embedding_micros_per_million, valid_from, created_by)
values (gen_random_uuid(), 'COST', 'local/all-minilm-l6-v2-q', 0, 0, 10000, '2000-01-01 00:00:00+00', 'seed'),
       (gen_random_uuid(), 'COST', 'local/all-minilm-l6-v2', 0, 0, 20000, '2000-01-01 00:00:00+00', 'seed');
