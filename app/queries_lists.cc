// Hearings, volunteers and import runs read models (app/queries.h).
#include "app/message_text.h"
#include "app/page_cursor.h"
#include "app/queries.h"
#include "app/query_params.h"
#include "store/read_models.h"
#include "store/repos.h"

namespace cw::app {
namespace {

constexpr int kDefaultDays = 14;

Error malformed() { return malformed_cursor(); }

Result<std::optional<store::HearingPosition>> hearing_position(const std::string& cursor) {
  if (cursor.empty()) return std::optional<store::HearingPosition>{};
  const auto f = CW_TRY(decode_cursor(cursor, "hearings", 4));
  if (!f[0].is_string() || !f[1].is_number_integer() || !f[2].is_string() ||
      !f[3].is_number_integer()) {
    return fail(malformed());
  }
  const auto date = parse_iso_date(f[0].get<std::string>());
  if (!date) return fail(malformed());
  return std::optional<store::HearingPosition>(
      store::HearingPosition{*date, TimeOfDay{f[1].get<std::int64_t>()}, f[2].get<std::string>(),
                             f[3].get<std::int64_t>()});
}

Result<std::optional<std::string>> string_position(const std::string& cursor,
                                                   std::string_view tag) {
  if (cursor.empty()) return std::optional<std::string>{};
  const auto f = CW_TRY(decode_cursor(cursor, tag, 1));
  if (!f[0].is_string()) return fail(malformed());
  return std::optional<std::string>(f[0].get<std::string>());
}

Result<std::optional<Id>> id_position(const std::string& cursor, std::string_view tag) {
  if (cursor.empty()) return std::optional<Id>{};
  const auto f = CW_TRY(decode_cursor(cursor, tag, 1));
  if (!f[0].is_number_integer()) return fail(malformed());
  return std::optional<Id>(f[0].get<Id>());
}

// Trims a page read with one extra row and sets its next cursor.
template <class T, class Cursor>
Page<T> paged(std::vector<T> rows, int limit, Cursor cursor_of) {
  Page<T> page;
  if (rows.size() > static_cast<std::size_t>(limit)) {
    rows.resize(static_cast<std::size_t>(limit));
    page.next_cursor = cursor_of(rows.back());
  }
  page.items = std::move(rows);
  return page;
}

}  // namespace

Result<DateRange> resolve_range(std::optional<LocalDate> from, std::optional<LocalDate> to,
                                Instant now) {
  if (!from) {
    from = to ? *to - date::days{kDefaultDays - 1}
              : LocalDate{date::floor<date::days>(now).time_since_epoch()};
  }
  if (!to) to = *from + date::days{kDefaultDays - 1};
  if (*to < *from) {
    return fail(backwards_range(RangeOf::list, *from, *to));
  }
  return DateRange{*from, *to};
}

Result<int> checked_limit(int limit) {
  if (limit < 1 || limit > kMaxPageLimit) {
    return fail(out_of_range(Bound::limit, kMaxPageLimit, limit));
  }
  return limit;
}

Result<Page<Hearing>> list_hearings(store::Database& db, const HearingQuery& q, Instant now) {
  const auto range = CW_TRY(resolve_range(q.from, q.to, now));
  const int limit = CW_TRY(checked_limit(q.page.limit));
  store::HearingScan scan;
  scan.from = range.first;
  scan.to = range.last;
  scan.site = q.site;
  scan.after = CW_TRY(hearing_position(q.page.cursor));
  scan.limit = limit + 1;
  auto rows = CW_TRY(store::hearings_page(db, scan));
  return paged(std::move(rows), limit, [](const Hearing& h) {
    return encode_cursor("hearings", {format_date(h.date), h.start.count(), h.site, h.id});
  });
}

Result<Page<Volunteer>> list_volunteers(store::Database& db, const VolunteerQuery& q) {
  const int limit = CW_TRY(checked_limit(q.page.limit));
  store::VolunteerScan scan;
  scan.site = q.site;
  scan.search = q.search;
  scan.after = CW_TRY(string_position(q.page.cursor, "volunteers"));
  scan.limit = limit + 1;
  auto tx = CW_TRY(db.begin_deferred());
  const auto ids = CW_TRY(store::volunteer_ids_page(db, scan));
  auto rows = CW_TRY(store::volunteers_by_ids(db, ids));
  CW_TRY(tx.commit());
  return paged(std::move(rows), limit,
               [](const Volunteer& v) { return encode_cursor("volunteers", {v.handle}); });
}

Result<Page<ImportRun>> list_imports(store::Database& db, const PageRequest& page) {
  const int limit = CW_TRY(checked_limit(page.limit));
  const auto before = CW_TRY(id_position(page.cursor, "imports"));
  auto rows = CW_TRY(store::import_runs_before(db, limit + 1, before));
  return paged(std::move(rows), limit,
               [](const ImportRun& r) { return encode_cursor("imports", {r.id}); });
}

}  // namespace cw::app
