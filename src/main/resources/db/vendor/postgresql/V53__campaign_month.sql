-- 活动 ROI for a month of every campus read 8 497 campaign_day rows into 1 779 campus, channel and campaign groups
-- (3.7 ms of an answer of 5.6 ms at 1 000 000 opportunities: the board benchmark, docs/benchmark.md, decision 511).
-- campaign_month is campaign_day per calendar month: a period's whole months are read from it (one row per campus,
-- call centre, channel and campaign text key and month) and the days outside them from campaign_day. Kept equal to
-- campaign_day grouped by month by a trigger on campaign_day (V54), so it follows every write campaign_day's own
-- triggers make; filled by V55 after that is in place. Rebuilding campaign_day (docs/operations.md) is followed by
-- V55's rebuild. (H2's V53 is a view of campaign_day, as its funnel_month is of funnel_day.)
-- Expand only: a new table; an application of the previous version runs unchanged beside it.
create table campaign_month (
    month_start     date          not null,             -- the first day of the Beijing month of campaign_day's day
    campus_code     varchar(16)   not null,             -- as campaign_day: '' when the lead has no campus yet
    call_centre     varchar(16)   not null,
    channel         varchar(16)   not null,
    campaign_key    varchar(64)   not null,
    leads           bigint        default 0 not null,
    paid            bigint        default 0 not null,
    revenue         numeric(16,2) default 0 not null,
    constraint pk_campaign_month primary key (month_start, campus_code, call_centre, channel, campaign_key)
);
