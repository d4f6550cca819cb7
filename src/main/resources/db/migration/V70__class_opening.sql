-- 开设班课 (decision 564): academic affairs, a campus director or head office open a class in Tasklist or through
-- POST /api/classes; until now class offerings came only from the demo data. Who opened it and when, and the name
-- it is sold under while it takes families (open_name): two classes of one campus taking families under the same
-- name would be one name for two rosters, so the key refuses the second, also when two openings race. A class whose
-- enrolment is closed (active false) gives its name up (null: a unique key lets any number of nulls through).
alter table class_offering add column opened_by varchar(64);
alter table class_offering add column opened_at timestamp with time zone;
alter table class_offering add column open_name varchar(64);
update class_offering set open_name = name where active = true and not exists (select 1 from class_offering p
    where p.campus_code = class_offering.campus_code and p.name = class_offering.name and p.active = true
    and p.code < class_offering.code);
alter table class_offering add constraint uq_class_offering_open_name unique (campus_code, open_name);
