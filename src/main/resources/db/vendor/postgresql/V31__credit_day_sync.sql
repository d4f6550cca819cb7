-- Keeps credit_day (V30) equal to a recount of the credits and reversals on every insert, by anyone: a credit adds to
-- its person's, team's and campus's rows of its day, and counts its deal as an order of the team (of the campus) when
-- no other credit of the deal is already in that team (campus); a reversal adds to the same three rows of its day.
-- Immediate: the shares of one deal are inserted one after the other in one transaction, and each must see the ones
-- before it. Both tables are only appended to; an operator's update or delete is followed by V30's rebuild.
-- search_path from current: the schema migrated, also for a session that writes with a schema-qualified name

create function credit_day_add(day date, campus varchar, team varchar, person varchar, grain_of char,
                               orders_added integer, renewal_orders_added integer, credit numeric, reversal numeric,
                               renewal boolean, policy varchar) returns void language plpgsql
    set search_path from current as $$
begin
    insert into credit_day as d (credited_on, grain, campus_code, team_id, user_id, orders, renewal_orders, credited,
                                 reversed, renewal_net, first_touch, last_touch, even_split)
    values (day, grain_of, campus, team, person, orders_added, renewal_orders_added, credit, reversal,
            case when renewal then credit - reversal else 0 end,
            case when policy = 'FIRST_TOUCH' then 1 else 0 end, case when policy = 'LAST_TOUCH' then 1 else 0 end,
            case when policy = 'EVEN_SPLIT' then 1 else 0 end)
    on conflict (credited_on, grain, campus_code, team_id, user_id)
    do update set orders = d.orders + excluded.orders, renewal_orders = d.renewal_orders + excluded.renewal_orders,
                  credited = d.credited + excluded.credited, reversed = d.reversed + excluded.reversed,
                  renewal_net = d.renewal_net + excluded.renewal_net, first_touch = d.first_touch + excluded.first_touch,
                  last_touch = d.last_touch + excluded.last_touch, even_split = d.even_split + excluded.even_split;
end
$$;

-- the deal's team, else the person's team at the deal's campus (the first by id), else '-'
create function credit_day_team(o opportunity, person varchar) returns varchar language sql stable
    set search_path from current as $$
    select coalesce(o.team_id, (select min(m.team_id) from team_member m join sales_team s on s.id = m.team_id
                                 where m.user_id = person and s.campus_code = o.campus_code), '-')
$$;

create function credit_day_sync() returns trigger language plpgsql set search_path from current as $$
declare
    o opportunity;
    team varchar(32);
    day date;
    renewal boolean;
    first_in_team integer;
    first_in_campus integer;
begin
    if tg_table_name = 'sales_credit' then
        select * into o from opportunity where id = new.opportunity_id;
        team := credit_day_team(o, new.user_id);
        day := cast(new.credited_at at time zone 'Asia/Shanghai' as date);
        renewal := o.renewal_of_id is not null;
        first_in_campus := case when exists (select 1 from sales_credit c where c.opportunity_id = new.opportunity_id
                                               and c.user_id <> new.user_id) then 0 else 1 end;
        first_in_team := case when exists (select 1 from sales_credit c where c.opportunity_id = new.opportunity_id
                                             and c.user_id <> new.user_id and credit_day_team(o, c.user_id) = team)
                              then 0 else 1 end;
        perform credit_day_add(day, coalesce(o.campus_code, ''), team, new.user_id, 'P', 1,
                               case when renewal then 1 else 0 end, new.amount, 0, renewal, new.policy);
        perform credit_day_add(day, coalesce(o.campus_code, ''), team, '', 'T', first_in_team,
                               case when renewal then first_in_team else 0 end, new.amount, 0, renewal, new.policy);
        perform credit_day_add(day, coalesce(o.campus_code, ''), '', '', 'C', first_in_campus,
                               case when renewal then first_in_campus else 0 end, new.amount, 0, renewal, new.policy);
    else
        select o2.* into o from refund f join opportunity o2 on o2.id = f.opportunity_id where f.id = new.refund_id;
        team := credit_day_team(o, new.user_id);
        day := cast(new.reversed_at at time zone 'Asia/Shanghai' as date);
        renewal := o.renewal_of_id is not null;
        perform credit_day_add(day, coalesce(o.campus_code, ''), team, new.user_id, 'P', 0, 0, 0, new.amount,
                               renewal, null);
        perform credit_day_add(day, coalesce(o.campus_code, ''), team, '', 'T', 0, 0, 0, new.amount, renewal, null);
        perform credit_day_add(day, coalesce(o.campus_code, ''), '', '', 'C', 0, 0, 0, new.amount, renewal, null);
    end if;
    return null;
end
$$;

create trigger credit_day_credit after insert on sales_credit for each row execute function credit_day_sync();
create trigger credit_day_reversal after insert on sales_credit_reversal for each row
    execute function credit_day_sync();
