-- A single-sign-on code is redeemable only by the browser that finished the sign-in: the hash
-- of a random value set in that browser's cookie (against login CSRF).
delete from sso_code;
alter table sso_code add column binding_hash bytea not null;
