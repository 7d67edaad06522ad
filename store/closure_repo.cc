#include "store/closure_repo.h"

namespace cw::store {
namespace {

Result<ClosureKind> parse_kind(const std::string& s) {
  if (s == "closed") return ClosureKind::closed;
  if (s == "partial") return ClosureKind::partial;
  return fail(Error::invalid("closure status '" + s + "' is neither closed nor partial"));
}

}  // namespace

std::string_view to_string(ClosureKind k) {
  return k == ClosureKind::closed ? "closed" : "partial";
}

Result<void> ClosureRepo::put(const Closure& c) {
  auto& s = db_.stmt(
      "INSERT INTO closures (site, date, status, reason, source, created_by, created_at) "
      "VALUES (?,?,?,?,?,?,?) ON CONFLICT (site, date, source) DO UPDATE SET "
      "status = excluded.status, reason = excluded.reason, created_by = excluded.created_by, "
      "created_at = excluded.created_at");
  s.bind_all(c.site, format_date(c.date), to_string(c.kind), c.reason, c.source, c.created_by,
             static_cast<std::int64_t>(c.created_at.time_since_epoch().count()));
  return s.run();
}

Result<int> ClosureRepo::remove(const std::string& site, LocalDate date,
                                const std::string& source) {
  auto& s = db_.stmt("DELETE FROM closures WHERE site = ? AND date = ? AND (? = '' OR source = ?)");
  s.bind_all(site, format_date(date), source, source);
  CW_TRY(s.run());
  return db_.changes();
}

Result<std::vector<Closure>> ClosureRepo::list(std::optional<LocalDate> from) {
  auto& s = db_.stmt(
      "SELECT site, date, status, reason, source, created_by, created_at FROM closures "
      "WHERE (?1 IS NULL OR date >= ?1) ORDER BY date, site, source");
  if (from) {
    s.bind(1, format_date(*from));
  } else {
    s.bind(1, std::nullopt);
  }
  std::vector<Closure> out;
  while (CW_TRY(s.step())) {
    Closure c;
    c.site = s.text(0);
    auto d = parse_iso_date(s.text(1));
    auto k = parse_kind(s.text(2));
    if (!d || !k) {
      s.reset();
      return fail(Error::database("closures: bad row for " + c.site));
    }
    c.date = *d;
    c.kind = *k;
    c.reason = s.text(3);
    c.source = s.text(4);
    c.created_by = s.text(5);
    c.created_at = Instant{std::chrono::seconds{s.int64(6)}};
    out.push_back(std::move(c));
  }
  return out;
}

Result<ClosureDays> ClosureRepo::days(const std::string& site, LocalDate from, LocalDate to) {
  auto& s = db_.stmt(
      "SELECT date, status FROM closures WHERE site = ? AND date BETWEEN ? AND ? ORDER BY date");
  s.bind_all(site, format_date(from), format_date(to));
  ClosureDays out;
  while (CW_TRY(s.step())) {
    auto d = parse_iso_date(s.text(0));
    auto k = parse_kind(s.text(1));
    if (!d || !k) continue;
    auto [it, fresh] = out.emplace(*d, *k);
    if (!fresh && *k == ClosureKind::closed) it->second = ClosureKind::closed;
  }
  return out;
}

}  // namespace cw::store
