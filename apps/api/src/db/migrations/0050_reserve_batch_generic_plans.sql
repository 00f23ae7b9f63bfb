-- The reserve batch's statements take their parameters from the batch (arrays of ids, emails and
-- addresses). For a few of them PostgreSQL's plan cache judged a custom plan cheaper than the generic
-- one and planned them again on every call: ~0.8 ms of the ~4.6 ms a batch of one order spent in
-- PostgreSQL (pg_stat_statements with planning tracked, bench:emails' probe buyers). Their generic
-- plans are the same index scans (every one looks rows up by key), so the function keeps them.
ALTER FUNCTION zevents_reserve_batch(jsonb) SET plan_cache_mode = force_generic_plan;
