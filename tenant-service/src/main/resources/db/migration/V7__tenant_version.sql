-- Optimistic locking: of two concurrent changes to one tenant (a close racing a suspension, a
-- settings change racing a partner's suspension), the second to commit is refused with 409
-- instead of silently overwriting the first.
alter table tenant add column version bigint not null default 0;
