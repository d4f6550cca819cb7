-- 销售过程's 分配到首次联系 (the time from assignment to first contact) reads the opportunities first contacted in the
-- period; without an index on first_contact_at it read all of them (0.2 s a month at 1 000 000 opportunities: the
-- board benchmark, docs/benchmark.md). The same shape as V27's indexes for the other stages. Only a create index
-- statement: an application of the previous version runs unchanged on a database that has it.
create index ix_opportunity_first_contact_scope on opportunity (first_contact_at, campus_code, call_centre,
    renewal_of_id);
