-- 活动 ROI counted per day (campaign_day): the leads of each day per campus, channel and campaign, with how many of
-- them have paid and their paid contract value, so that the campaign and channel ROI report reads a few thousand
-- counter rows instead of a period's opportunities (at 1 000 000 opportunities a month of every campus took 40–50 ms,
-- a year 200–300 ms: docs/benchmark.md). A cohort, as the report counts it: a lead paid in a later month still counts
-- on the day it was received.
--
-- What counts, as the report counted from opportunity: new leads only (not split off at intent, not renewals); the
-- campaign's text key lower(trim(campaign)); paid and revenue from paid_at and the order value kept on the
-- opportunity (V28). Kept equal to a recount of opportunity by a trigger per database (V33, under db/vendor),
-- then filled by V34: in that order, so that a lead written by a running node while the migrations run is counted
-- either by the trigger or by the fill, never by neither.
-- Expand only: a new table; an application of the previous version runs unchanged beside it (its writes are counted
-- by the trigger too). Portable between H2 2.x and PostgreSQL 13+.
create table campaign_day (
    received_on     date          not null,             -- the lead's Beijing day
    campus_code     varchar(16)   not null,             -- '' when the lead has no campus yet
    call_centre     varchar(16)   not null,             -- the call centre of a lead without campus, else ''
    channel         varchar(16)   not null,
    campaign_key    varchar(64)   not null,             -- lower(trim(campaign)); '' when it names none
    leads           bigint        default 0 not null,
    paid            bigint        default 0 not null,
    revenue         numeric(16,2) default 0 not null,   -- the paid leads' order value
    constraint pk_campaign_day primary key (received_on, campus_code, call_centre, channel, campaign_key)
);
