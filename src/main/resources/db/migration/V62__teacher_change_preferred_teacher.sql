-- 更换教师: the new teacher the family asked for (家长希望的新教师), tried first when the lessons are scheduled again.
-- Portable between H2 2.x and PostgreSQL 13+.
alter table teacher_change add column preferred_teacher_id varchar(32);
alter table teacher_change add constraint fk_teacher_change_preferred foreign key (preferred_teacher_id)
    references teacher (id);
alter table teacher_change add constraint ck_teacher_change_preferred_other
    check (preferred_teacher_id is null or preferred_teacher_id <> from_teacher_id);
