-- 辅导改进 withdrawn (decision 540): the staff member left (离职转交) before writing their improvement. The score and
-- the supervisor's comment stay; coaching_note stays empty. Additive, so a node of the previous version keeps working
-- during a rolling upgrade.
alter table quality_review add column coaching_withdrawn_at timestamp with time zone;
