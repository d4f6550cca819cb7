-- 登记优惠活动 (decision 568): head office publishes a promotion in Tasklist or through POST /api/price-list/promotions;
-- until now promotions came only from the demo data. Who published it and when stay on it.
alter table promotion add column created_by varchar(64);
alter table promotion add column created_at timestamp with time zone;
