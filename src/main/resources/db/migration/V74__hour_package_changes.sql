-- 调整课时包 (decision 569): head office sets a campus's hour packages in Tasklist or through
-- POST /api/price-list/packages; until now they came only from the demo data. Who changed one last and when.
alter table hour_package add column updated_by varchar(64);
alter table hour_package add column updated_at timestamp with time zone;
