#include "store/agenda_repo.h"

#include "store/collect.h"
#include "store/session_repos.h"

namespace cw::store {
namespace {

// The select list of a session with its site (kSessionColumns, kSiteColumns).
std::string select_placed() {
  return std::string("SELECT ").append(kSessionColumns).append(", ").append(kSiteColumns);
}
constexpr int kAfterPlaced = kSessionColumnCount + 4;

Result<PlacedSession> read_placed(const Statement& q) {
  PlacedSession p;
  p.session = CW_TRY(read_session_columns(q));
  p.site = CW_TRY(read_site_columns(q, kSessionColumnCount, p.session.key.site));
  return p;
}

}  // namespace

Result<std::vector<AgendaEntry>> AgendaRepo::assignments(Id volunteer, LocalDate from,
                                                         LocalDate to) {
  auto& q = db_.stmt(select_placed() +
                     ", a.id, a.state FROM assignments a JOIN sessions s ON s.id = a.session_id "
                     "JOIN sites t ON t.code = s.site "
                     "WHERE a.volunteer_id = ? AND s.date BETWEEN ? AND ? "
                     "ORDER BY s.date, s.start_min, s.id");
  q.bind_all(volunteer, format_date(from), format_date(to));
  return collect<AgendaEntry>(q, [](const Statement& row) -> Result<AgendaEntry> {
    auto placed = CW_TRY(read_placed(row));
    const auto state = CW_TRY(parse_assignment_state(row.text(kAfterPlaced + 1)));
    return AgendaEntry{row.int64(kAfterPlaced), state, std::move(placed)};
  });
}

Result<std::vector<OpenSession>> AgendaRepo::open_sessions(Id volunteer, LocalDate from,
                                                           LocalDate to, int limit) {
  auto& q = db_.stmt(select_placed() +
                     ", s.live "
                     "FROM sessions s JOIN sites t ON t.code = s.site "
                     "JOIN volunteer_sites vs ON vs.site = s.site AND vs.volunteer_id = ?1 "
                     "WHERE s.date BETWEEN ?2 AND ?3 AND s.status = 'active' "
                     "AND NOT EXISTS (SELECT 1 FROM assignments m WHERE m.session_id = s.id "
                     "  AND m.volunteer_id = ?1 AND m.state IN " +
                     live_states_sql() +
                     ") "
                     "ORDER BY s.date, s.start_min, s.id");
  q.bind_all(volunteer, format_date(from), format_date(to));
  // Read by hand, not with collect(): a full session is skipped (need() is
  // the domain's rule, core/domain.h, not repeated in SQL) and the read stops
  // at `limit` open ones.
  std::vector<OpenSession> out;
  while (CW_TRY(q.step())) {
    auto placed = read_placed(q);
    if (!placed) {
      q.reset();
      return fail(placed.error());
    }
    const int assigned = q.int32(kAfterPlaced);
    if (assigned >= placed->session.need()) continue;
    out.push_back({std::move(*placed), assigned});
    if (static_cast<int>(out.size()) >= limit) {
      q.reset();
      break;
    }
  }
  return out;
}

}  // namespace cw::store
