#include "notify/due_time.h"

namespace cw::notify {
namespace {

TimeOfDay time_of_day(LocalDateTime local) {
  return std::chrono::floor<std::chrono::minutes>(local - date::floor<date::days>(local));
}

}  // namespace

Instant local_rule_time(Zone zone, LocalDate d, TimeOfDay t) { return resolve(zone, d, t).instant; }

bool in_quiet_hours(Instant t, Zone zone, const QuietHours& q) {
  if (q.start == q.end) return false;
  const TimeOfDay tod = time_of_day(to_local(zone, t));
  if (q.start < q.end) return q.start <= tod && tod < q.end;
  return tod >= q.start || tod < q.end;  // across midnight
}

Instant hold_for_quiet_hours(Instant t, Zone zone, const QuietHours& q) {
  if (!in_quiet_hours(t, zone, q)) return t;
  const LocalDateTime local = to_local(zone, t);
  LocalDate day = date::floor<date::days>(local);
  // Inside quiet hours that cross midnight, the evening part ends tomorrow.
  if (q.start > q.end && time_of_day(local) >= q.start) day += date::days{1};
  const Instant end = local_rule_time(zone, day, q.end);
  return end > t ? end : t;
}

}  // namespace cw::notify
