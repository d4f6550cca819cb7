-- 补课: a lesson taught again because the one it replaces was not consumed (leave in time, teacher absent).
alter table lesson add column replaces_lesson_id bigint references lesson (id);
