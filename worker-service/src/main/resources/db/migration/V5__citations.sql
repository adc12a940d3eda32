-- worker-service schema, version 5: the citations an agent node's answer carries (its [n] marks
-- resolved to the retrieved chunks), and those of the run's final nodes, for final_result.
alter table run_node add column citations jsonb;
alter table run add column citations jsonb;
