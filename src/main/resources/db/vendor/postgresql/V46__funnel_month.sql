-- 计划完成's forecast weighs each open stage by its conversion to paid at the campus over the last 180 days, summed from
-- funnel_day: 15 000 rows for every campus (5 ms of the answer's 13 at 1 000 000 opportunities: the board benchmark,
-- docs/benchmark.md, decision 387). funnel_month is funnel_day per calendar month, campus, stage and lead mark, without
-- the team and call centre: the 180 days are read as the whole months in them from funnel_month (a few hundred rows)
-- and the days of the first, partial month from funnel_day. Kept equal to funnel_day grouped by month by a trigger on
-- funnel_day (V47), so it follows every write funnel_day's own triggers make; filled by V48 after that is in place.
-- Rebuilding funnel_day (docs/operations.md) is followed by V48's rebuild. (H2's V46 is a view of funnel_day.)
-- Expand only: a new table; an application of the previous version runs unchanged beside it.
create table funnel_month (
    campus_code     varchar(16)   not null,             -- as funnel_day: '' for a lead without campus
    month_start     date          not null,             -- the first day of the Beijing month of funnel_day's day
    stage           varchar(8)    not null,             -- leads, valid, intent, agreed, visited, planned, paid
    is_lead         boolean       not null,
    opportunities   bigint        default 0 not null,
    orders          bigint        default 0 not null,   -- 'paid' rows only, else 0
    order_value     numeric(16,2) default 0 not null,
    constraint pk_funnel_month primary key (campus_code, month_start, stage, is_lead)
);
