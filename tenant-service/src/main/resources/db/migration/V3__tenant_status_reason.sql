-- Why a tenant is not ACTIVE (suspension or closure reason), shown to admins and on tenant.events.
alter table tenant add column status_reason text check (length(status_reason) <= 500);
