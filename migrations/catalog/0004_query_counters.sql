-- Identify answers no longer add a row each: exact totals in one row, and the latencies
-- of the most recent 1000 answers in a ring of 1000 slots (answer number n, counted from
-- 1, lives in slot n % 1000), so the catalog does not grow with traffic.
CREATE TABLE query_totals (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  count   INTEGER NOT NULL,
  matches INTEGER NOT NULL
);
INSERT INTO query_totals (id, count, matches)
  SELECT 1, COUNT(*), COALESCE(SUM(status = 'match'), 0) FROM queries;

CREATE TABLE query_latency (
  slot INTEGER PRIMARY KEY,
  ms   REAL NOT NULL
);
INSERT INTO query_latency (slot, ms)
  SELECT n % 1000, ms FROM (SELECT row_number() OVER (ORDER BY id) AS n, ms FROM queries)
  WHERE n > (SELECT COUNT(*) FROM queries) - 1000;

DROP TABLE queries;
