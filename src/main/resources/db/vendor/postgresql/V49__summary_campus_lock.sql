-- The summaries written at commit (funnel_day, funnel_month, campaign_day, open_pipeline: V26, V33, V43, V47) are
-- a few counter rows per campus that every busy transaction adds to, in the order its writes happened. Two
-- transactions that each moved several opportunities could lock two of those rows in opposite orders and deadlock
-- at commit (the full-funnel benchmark, decision 388: 4 of 200 enrollments with funnel_month's rows). So each
-- transaction takes a lock on the campus (a transaction-level advisory lock, released at its commit or rollback)
-- before it writes any summary row of that campus: the commits that add to one campus's counters take turns, and no
-- two can hold each other's rows. Constraint triggers of one row event fire in the order of their names: this one's
-- name sorts before every summary trigger's (campaign_day_*, funnel_day_*, open_pipeline_*). It fires for every
-- write that one of them counts (the union of their conditions). The key holds the schema, so that two schemas of one
-- database do not wait for each other.
-- search_path from current: the schema migrated, also for a session that writes with a schema-qualified name
create function summary_campus_lock() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform pg_advisory_xact_lock(hashtext('enrollflow.summaries.' || current_schema()),
                                      hashtext(coalesce(old.campus_code, '')));
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform pg_advisory_xact_lock(hashtext('enrollflow.summaries.' || current_schema()),
                                      hashtext(coalesce(new.campus_code, '')));
    end if;
    return null;
end
$$;

create constraint trigger a_summary_campus_lock_insert_delete after insert or delete on opportunity
    deferrable initially deferred for each row execute function summary_campus_lock();

create constraint trigger a_summary_campus_lock_update after update on opportunity
    deferrable initially deferred for each row
    when (old.received_at is distinct from new.received_at or old.valid_at is distinct from new.valid_at
          or old.intent_at is distinct from new.intent_at or old.agreed_at is distinct from new.agreed_at
          or old.visited_at is distinct from new.visited_at or old.planned_at is distinct from new.planned_at
          or old.paid_at is distinct from new.paid_at or old.campus_code is distinct from new.campus_code
          or old.call_centre is distinct from new.call_centre or old.team_id is distinct from new.team_id
          or old.split_from_id is distinct from new.split_from_id
          or old.renewal_of_id is distinct from new.renewal_of_id
          or old.order_count is distinct from new.order_count or old.order_value is distinct from new.order_value
          or old.order_lessons is distinct from new.order_lessons
          or old.refunded_value is distinct from new.refunded_value
          or old.channel is distinct from new.channel or old.campaign is distinct from new.campaign
          or old.status is distinct from new.status or old.product_line is distinct from new.product_line)
    execute function summary_campus_lock();
