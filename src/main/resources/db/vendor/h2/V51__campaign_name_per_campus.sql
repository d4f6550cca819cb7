-- A campaign's name is unique within its campus, head office's among head office's (decision 502), as the
-- PostgreSQL migration of the same version does; H2 has no index on an expression, so a generated column holds it.
alter table campaign add column scope_code varchar(16) generated always as (coalesce(campus_code, ''));
alter table campaign add constraint uq_campaign_scope_name unique (scope_code, name_key);
alter table campaign drop constraint uq_campaign_name_key;
