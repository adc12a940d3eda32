-- billing-service schema, version 8: a recorded (manual) payment names its reference, once per
-- invoice, so a retried request records it once.
create unique index payment_manual_reference on payment (invoice_id, reference) where method = 'manual';
