-- Events Kafka will never accept (too large, unserializable) are parked instead of retried forever;
-- they stay visible for an operator and count in hb_outbox_parked.
alter table outbox_event add column parked_at timestamptz;
drop index outbox_event_pending;
create index outbox_event_pending on outbox_event (seq) where published_at is null and parked_at is null;
