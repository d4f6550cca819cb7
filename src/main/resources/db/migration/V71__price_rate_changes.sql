-- 调整课时单价 (decision 565): head office changes a campus's 1:1 lesson price from a day on, in Tasklist or through
-- POST /api/price-list/rates; until now the rates came only from the demo data. A change closes the rate in force
-- the day before and adds the new one, so a quote priced on any day finds the price of that day. rate_key names what
-- a rate is the price of (teacher level, grade, subject; * = any): one price per key and first day, also when two
-- changes race (the second corrects the first). Rows written before this (the demo's, an administrator's) have none.
alter table price_rate add column rate_key varchar(48);
alter table price_rate add column created_by varchar(64);
alter table price_rate add column created_at timestamp with time zone;
update price_rate set rate_key = teacher_level || '|' || coalesce(grade, '*') || '|' || coalesce(subject, '*')
    where not exists (select 1 from price_rate p where p.campus_code = price_rate.campus_code
        and p.teacher_level = price_rate.teacher_level and coalesce(p.grade, '*') = coalesce(price_rate.grade, '*')
        and coalesce(p.subject, '*') = coalesce(price_rate.subject, '*') and p.valid_from = price_rate.valid_from
        and p.id < price_rate.id);
alter table price_rate add constraint uq_price_rate_key unique (campus_code, rate_key, valid_from);
