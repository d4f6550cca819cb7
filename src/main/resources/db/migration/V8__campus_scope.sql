-- Campus data scope (校区数据范围). Every opportunity belongs to its campus; one whose campus is not known yet
-- belongs to the call centre that received it (its Camunda tenant id), until intent sets the campus.
-- Existing campus-less opportunities are given the default call centre at start-up (CampusScopeMigration),
-- because which call centre is the default is configuration, not schema.
alter table opportunity add column call_centre varchar(32);
create index ix_opportunity_campus on opportunity (campus_code, status);

