-- Years of requests (issue 14, bench/growth_bench.py): every list keeps its
-- cost when the tables hold a million requests and their history.
--
-- A supervisor's "decided by you" walks their own events newest first and
-- stops at 50 (it read every event of every request before).
CREATE INDEX request_events_actor ON request_events(actor_id);
-- HR's list filters by agency, type or status and pages by id, newest
-- first: one index per filter, ordered by id within it (an index's rows end
-- with the rowid), so that a page is a walk of 100 entries, not a sort.
-- requests_filter serves the three filters together.
CREATE INDEX requests_agency_recent ON requests(agency);
CREATE INDEX requests_type_recent ON requests(type);
CREATE INDEX requests_status_recent ON requests(status);
-- An acknowledgement report groups the audience by agency and lists who is
-- still pending by agency and name: one walk of this index, no sort, and
-- the pending list stops at its 200th name.
CREATE INDEX users_agency_name ON users(agency, name);
