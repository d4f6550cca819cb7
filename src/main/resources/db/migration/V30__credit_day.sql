-- Sales credit counted per day (业绩日汇总): what the 业绩 report sums, so that a year is a few thousand rows instead of
-- every credit and reversal joined to its opportunity (1.5–2 s at 1 000 000 opportunities, docs/benchmark.md).
-- Per Beijing day, three grains of the same figures:
--   'P' a person in a team at a campus, 'T' the team (user_id ''), 'C' the campus (team_id and user_id '').
-- The team of a credit is the deal's team, else (a renewal) the team the person belongs to at the deal's campus when
-- the credit or reversal is recorded (the first by id), else '-' (无团队). Orders count deals: a deal shared by two
-- people of one team is one order of the team and of the campus, as the report always counted them.
-- Kept by a trigger on sales_credit and sales_credit_reversal inserts (V31, one per database): both tables are only
-- ever appended to (credit.CreditService). The statement below is also the rebuild: truncate credit_day, then run it
-- (docs/operations.md). The Beijing day as in V25.
create table credit_day (
    credited_on     date          not null,   -- the credit's day, or the reversal's
    grain           char(1)       not null,   -- P, T, C
    campus_code     varchar(16)   not null,
    team_id         varchar(32)   not null,
    user_id         varchar(64)   not null,
    orders          bigint        not null,   -- deals credited (reversals add none)
    renewal_orders  bigint        not null,   -- of which renewals (续费)
    credited        numeric(16,2) not null,
    reversed        numeric(16,2) not null,   -- 业绩冲减 paid out that day
    renewal_net     numeric(16,2) not null,   -- renewals' credit less their reversals
    first_touch     bigint        not null,   -- credits by policy (首单, 尾单, 均单)
    last_touch      bigint        not null,
    even_split      bigint        not null,
    constraint pk_credit_day primary key (credited_on, grain, campus_code, team_id, user_id)
);

insert into credit_day (credited_on, grain, campus_code, team_id, user_id, orders, renewal_orders, credited, reversed,
                        renewal_net, first_touch, last_touch, even_split)
select x.credited_on, g.grain, x.campus_code, case when g.grain = 'C' then '' else x.team_id end,
       case when g.grain = 'P' then x.user_id else '' end,
       count(distinct x.deal), count(distinct case when x.renewal = 1 then x.deal end), sum(x.credited),
       sum(x.reversed), sum(case when x.renewal = 1 then x.credited - x.reversed else 0 end),
       sum(case when x.policy = 'FIRST_TOUCH' then 1 else 0 end),
       sum(case when x.policy = 'LAST_TOUCH' then 1 else 0 end),
       sum(case when x.policy = 'EVEN_SPLIT' then 1 else 0 end)
  from (select cast(left(cast(c.credited_at at time zone 'Asia/Shanghai' as varchar(40)), 10) as date) credited_on,
               coalesce(o.campus_code, '') campus_code,
               coalesce(o.team_id, (select min(m.team_id) from team_member m join sales_team s on s.id = m.team_id
                                     where m.user_id = c.user_id and s.campus_code = o.campus_code), '-') team_id,
               c.user_id, c.opportunity_id deal, case when o.renewal_of_id is null then 0 else 1 end renewal,
               c.amount credited, 0 reversed, c.policy
          from sales_credit c join opportunity o on o.id = c.opportunity_id
        union all
        select cast(left(cast(r.reversed_at at time zone 'Asia/Shanghai' as varchar(40)), 10) as date),
               coalesce(o.campus_code, ''),
               coalesce(o.team_id, (select min(m.team_id) from team_member m join sales_team s on s.id = m.team_id
                                     where m.user_id = r.user_id and s.campus_code = o.campus_code), '-'),
               r.user_id, cast(null as bigint), case when o.renewal_of_id is null then 0 else 1 end,
               0, r.amount, cast(null as varchar(16))
          from sales_credit_reversal r join refund f on f.id = r.refund_id
          join opportunity o on o.id = f.opportunity_id) x
 cross join (values ('P'), ('T'), ('C')) as g (grain)
 group by x.credited_on, g.grain, x.campus_code, case when g.grain = 'C' then '' else x.team_id end,
          case when g.grain = 'P' then x.user_id else '' end;
