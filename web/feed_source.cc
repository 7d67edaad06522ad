#include "web/feed_source.h"

namespace cw::web {

Result<std::vector<feeds::SessionFacts>> load_feed_facts(store::Database& db, const FeedQuery& fq) {
  auto rows = CW_TRY(store::feed_rows(db, {fq.from, fq.volunteer, fq.site}));
  std::vector<feeds::SessionFacts> out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    out.push_back({std::move(r.session), std::move(r.site), r.updated, r.assignments_updated,
                   r.assigned, r.mine});
  }
  return out;
}

}  // namespace cw::web
