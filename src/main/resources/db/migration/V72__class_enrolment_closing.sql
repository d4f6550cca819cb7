-- 停止招生 (decision 567): a class that is full, or will not open for want of families, stops being sold; who closed
-- it, when and why stay on the class. Its roll calls and its students' lessons go on.
alter table class_offering add column closed_by varchar(64);
alter table class_offering add column closed_at timestamp with time zone;
alter table class_offering add column closed_reason varchar(200);
