-- V39's partial index of the open, unpaid, non-renewal opportunities (ix_opportunity_open_pipeline) served
-- 计划完成's open-pipeline count. Since V42 that count reads the summary table open_pipeline, kept at commit; no
-- statement of the application reads the index any more (only V44's one-off fill and the board benchmark's rebuild,
-- which read the whole table anyway). Every write of a stage time to an open opportunity still updated it. Dropping
-- an index breaks no older node: none of them reads it either (decision 392).
drop index if exists ix_opportunity_open_pipeline;
