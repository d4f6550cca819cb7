-- 计划完成's forecast weighs the open pipeline of the targets' campuses: the open opportunities (not yet paid, not
-- renewals) per campus, team, product line and the furthest stage each reached. Counting them from the
-- opportunities read every open one (28 636 index entries, 9 ms for every campus at 1 000 000 opportunities: the
-- board benchmark, docs/benchmark.md, decision 386); open_pipeline keeps those counts as they change, a few dozen
-- rows. Kept equal to that recount by a trigger (V43); filled by V44 after the trigger is in place, so that an
-- opportunity written by a running node while the migrations run is counted once. (H2's V42 is a view counting the
-- same live: its triggers would run at each statement and hold the counters for the whole transaction.)
-- Expand only: a new table; an application of the previous version runs unchanged beside it (its writes are counted
-- by the trigger too).
create table open_pipeline (
    campus_code     varchar(16)   not null,             -- the opportunity's campus; '' when it has none yet
    team_id         varchar(32)   not null,             -- '' while no team has it
    product_line    varchar(16)   not null,             -- '' until intent says
    stage           varchar(16)   not null,             -- FunnelStage: the furthest it reached (PLANNED … RECEIVED)
    opportunities   bigint        default 0 not null,
    constraint pk_open_pipeline primary key (campus_code, team_id, product_line, stage)
);
