-- 上课时间 (decision 573): when a class meets, as academic affairs write it when they open it (每周六 09:00–11:00), so
-- that the consultant selling it and the family buying it know. Classes opened before have none: nothing is shown.
alter table class_offering add column schedule varchar(100);
