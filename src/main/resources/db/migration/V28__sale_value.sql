-- The money of a sale kept where the board counts (成交金额): on the opportunity, and per day in funnel_day.
--
-- The board's revenue (营收、单均、课均、退费) and the campaigns' and targets' revenue read, for each paid opportunity,
-- its orders not cancelled at their quote's final price and lessons, and the refunds paid out on it: at 1 000 000
-- opportunities that join cost a year's answer 150–700 ms (docs/benchmark.md). The same four figures now stand on the
-- opportunity, kept by database triggers on payment_order and refund_payout (V29, one per database: whoever writes,
-- the application, an old node during a rolling upgrade or an operator), and funnel_day's 'paid' rows sum them per
-- day, campus, team and lead, kept by its own trigger (V26, replaced by V29 to carry the money).
--
-- Expand only: new columns with defaults, nothing renamed or dropped; an application of the previous version runs
-- unchanged beside them (it neither reads nor writes them, and the triggers keep them right for its writes too).
-- Portable between H2 2.x and PostgreSQL 13+.

alter table opportunity add column order_count integer default 0 not null;        -- orders not cancelled
alter table opportunity add column order_value numeric(14,2) default 0 not null;  -- their quotes' final price
alter table opportunity add column order_lessons integer default 0 not null;      -- their quotes' lessons
alter table opportunity add column refunded_value numeric(14,2) default 0 not null; -- refunds paid out on it

alter table funnel_day add column orders bigint default 0 not null;               -- 'paid' rows only, else 0
alter table funnel_day add column order_value numeric(16,2) default 0 not null;
alter table funnel_day add column order_lessons bigint default 0 not null;
alter table funnel_day add column refunded_value numeric(16,2) default 0 not null;

-- the figures of today's orders and refunds (an order's quote is looked up as the reports always joined it: an order
-- without its quote counts nothing)
update opportunity o set
    order_count = (select count(*) from payment_order p join quote q on q.id = p.quote_id
                    where p.opportunity_id = o.id and p.status <> 'CANCELLED'),
    order_value = (select coalesce(sum(q.final_price), 0) from payment_order p join quote q on q.id = p.quote_id
                    where p.opportunity_id = o.id and p.status <> 'CANCELLED'),
    order_lessons = (select coalesce(sum(q.lessons), 0) from payment_order p join quote q on q.id = p.quote_id
                      where p.opportunity_id = o.id and p.status <> 'CANCELLED')
 where exists (select 1 from payment_order p where p.opportunity_id = o.id);
update opportunity o set
    refunded_value = (select coalesce(sum(x.amount), 0) from refund_payout x join refund f on f.id = x.refund_id
                       where f.opportunity_id = o.id)
 where exists (select 1 from refund f where f.opportunity_id = o.id);

-- funnel_day rebuilt with the money on its 'paid' rows. The statement below is also the rebuild of funnel_day from
-- now on (docs/operations.md): truncate funnel_day, then run it. The Beijing day is the date part of the time's text
-- in Asia/Shanghai: a cast to date would take the session's time zone on H2.
truncate table funnel_day;
insert into funnel_day (reached_on, stage, campus_code, call_centre, team_id, is_lead, opportunities, orders,
                        order_value, order_lessons, refunded_value)
select reached_on, stage, campus_code, call_centre, team_id, is_lead, count(*), sum(orders), sum(order_value),
       sum(order_lessons), sum(refunded_value) from (
    select cast(left(cast(r.moment at time zone 'Asia/Shanghai' as varchar(40)), 10) as date) reached_on, r.stage,
           r.campus_code, r.call_centre, r.team_id, r.is_lead,
           case when r.stage = 'paid' then r.order_count else 0 end orders,
           case when r.stage = 'paid' then r.order_value else 0 end order_value,
           case when r.stage = 'paid' then r.order_lessons else 0 end order_lessons,
           case when r.stage = 'paid' then r.refunded_value else 0 end refunded_value
      from (select s.stage,
                   case s.stage when 'leads' then o.received_at when 'valid' then o.valid_at
                                when 'intent' then o.intent_at when 'agreed' then o.agreed_at
                                when 'visited' then o.visited_at when 'planned' then o.planned_at
                                else o.paid_at end moment,
                   coalesce(o.campus_code, '') campus_code,
                   case when o.campus_code is null then coalesce(o.call_centre, '') else '' end call_centre,
                   coalesce(o.team_id, '') team_id, o.split_from_id is null is_lead,
                   o.order_count, o.order_value, o.order_lessons, o.refunded_value
              from opportunity o
             cross join (values ('leads'), ('valid'), ('intent'), ('agreed'), ('visited'), ('planned'), ('paid'))
                   as s (stage)
             where o.renewal_of_id is null) r
     where r.moment is not null
) reached
group by reached_on, stage, campus_code, call_centre, team_id, is_lead;
