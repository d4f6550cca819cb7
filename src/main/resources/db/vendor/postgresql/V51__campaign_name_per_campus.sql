-- A campaign's name is unique within its campus, head office's among head office's (decision 502): two campuses
-- both run a 暑期体验课, and a campus must not be able to take a name another campus's leads use first. A lead of a
-- campus belongs to its campus's campaign of that name, else to head office's. An expression index, so a node of the
-- previous version keeps inserting campaigns during a rolling upgrade.
create unique index uq_campaign_scope_name on campaign (coalesce(campus_code, ''), name_key);
alter table campaign drop constraint uq_campaign_name_key;
