-- 上课星期 and 任课教师 (decision 577): the days of the week a class meets (SATURDAY, or MONDAY,THURSDAY), so that its
-- roll call becomes a Tasklist task on those days, and the teacher who takes it. Classes opened before have neither:
-- their roll call stays the start form 班课点名. 调整班级 keeps the days and the teacher before and after too.
alter table class_offering add column weekdays varchar(70);
alter table class_offering add column teacher_id varchar(32);
alter table class_offering add constraint fk_class_offering_teacher foreign key (teacher_id) references teacher (id);
alter table class_offering_change add column weekdays_before varchar(70);
alter table class_offering_change add column weekdays_after varchar(70);
alter table class_offering_change add column teacher_before varchar(32);
alter table class_offering_change add column teacher_after varchar(32);
