#include "store/volunteer_erasure.h"

namespace cw::store {
namespace {

Result<int> count(Database& db, const char* sql, Id volunteer) {
  auto& q = db.stmt(sql);
  q.bind(1, volunteer);
  CW_TRY(q.step());
  const int n = q.int32(0);
  q.reset();
  return n;
}

}  // namespace

Result<ErasureCounts> erase_volunteer_data(Database& db, Id volunteer, Instant now) {
  auto& email = db.stmt("SELECT email FROM volunteers WHERE id = ?");
  email.bind(1, volunteer);
  if (!CW_TRY(email.step())) {
    return fail(Error::not_found("volunteer " + std::to_string(volunteer) + " does not exist"));
  }
  const std::string address = email.text(0);
  email.reset();
  ErasureCounts counts;
  counts.assignments =
      CW_TRY(count(db, "SELECT count(*) FROM assignments WHERE volunteer_id = ?", volunteer));
  counts.reports =
      CW_TRY(count(db, "SELECT count(*) FROM reports WHERE volunteer_id = ?", volunteer));
  if (!address.empty()) {
    auto& out = db.stmt("DELETE FROM outbox WHERE recipient = ?");
    out.bind(1, address);
    CW_TRY(out.run());
    counts.messages = db.changes();
  }
  auto& tokens = db.stmt(
      "UPDATE tokens SET revoked = ? WHERE subject = ? AND revoked IS NULL "
      "AND purpose IN ('feed-volunteer', 'volunteer-link')");
  tokens.bind_all(static_cast<std::int64_t>(now.time_since_epoch().count()),
                  std::to_string(volunteer));
  CW_TRY(tokens.run());
  auto& del = db.stmt("DELETE FROM volunteers WHERE id = ?");
  del.bind(1, volunteer);
  CW_TRY(del.run());
  return counts;
}

}  // namespace cw::store
