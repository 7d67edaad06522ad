#include "store/feed_rows.h"

#include "store/collect.h"
#include "store/epoch.h"
#include "store/session_repos.h"

namespace cw::store {
namespace {

const std::string& rows_sql() {
  static const std::string sql = "SELECT " + std::string(kSessionColumns) + ", s.updated, " +
                                 std::string(kSiteColumns) + R"sql(,
       s.live,
       (SELECT coalesce(max(a.updated), 0) FROM assignments a WHERE a.session_id = s.id),
       (SELECT a.state FROM assignments a WHERE a.session_id = s.id AND a.volunteer_id = ?2)
FROM sessions s JOIN sites t ON t.code = s.site
WHERE s.date >= ?1
  AND (?2 IS NULL OR EXISTS (SELECT 1 FROM assignments a
                             WHERE a.session_id = s.id AND a.volunteer_id = ?2))
  AND (?3 IS NULL OR s.site = ?3)
ORDER BY s.date, s.start_min, s.site, s.id
)sql";
  return sql;
}

Result<FeedRow> read_feed_row(const Statement& q) {
  FeedRow f;
  f.session = CW_TRY(read_session_columns(q));
  f.updated = instant(q.int64(15));
  f.site = CW_TRY(read_site_columns(q, 16, f.session.key.site));
  f.assigned = q.int32(20);
  f.assignments_updated = instant(q.int64(21));
  if (!q.is_null(22)) f.mine = CW_TRY(parse_assignment_state(q.text(22)));
  return f;
}

}  // namespace

Result<std::vector<FeedRow>> feed_rows(Database& db, const FeedRowQuery& fq) {
  auto& q = db.stmt(rows_sql());
  q.bind(1, format_date(fq.from));
  q.bind(2, fq.volunteer);
  q.bind(3, fq.site);
  return collect<FeedRow>(q, read_feed_row);
}

Result<DataDigest> feed_data_digest(Database& db) {
  auto& q = db.stmt("SELECT n FROM feed_changes WHERE id = 1");
  if (!CW_TRY(q.step())) return fail(Error::database("feed_changes: the counter row is missing"));
  const auto n = static_cast<DataDigest>(q.int64(0));
  q.reset();
  return n;
}

Result<std::int64_t> data_version(Database& db) {
  auto& q = db.stmt("PRAGMA data_version");
  if (!CW_TRY(q.step())) return fail(Error::database("PRAGMA data_version returned no row"));
  const auto v = q.int64(0);
  q.reset();
  return v;
}

}  // namespace cw::store
