-- 撤销更换教师 (decision 514): a teacher change waiting for its new schedule may be withdrawn (no other teacher for
-- the course, or the family changed its mind); the lessons still owed are then scheduled again on the same terms,
-- the teacher left tried first. Who withdrew it, when and why; the status WITHDRAWN (已撤销).
-- Expand only: new nullable columns and a wider status rule; a node of the previous version never writes WITHDRAWN
-- and reads it as a status it does not know (排课中 in its label) until it is upgraded. Portable between H2 2.x and
-- PostgreSQL 13+.
alter table teacher_change add column withdrawn_by varchar(64);
alter table teacher_change add column withdrawn_at timestamp with time zone;
alter table teacher_change add column withdraw_reason varchar(500);
alter table teacher_change drop constraint ck_teacher_change_status;
alter table teacher_change add constraint ck_teacher_change_status
    check (status in ('IN_PROGRESS', 'COMPLETED', 'WITHDRAWN'));
