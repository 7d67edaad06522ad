#include "store/repos.h"

namespace cw::store {

Result<void> SiteRepo::upsert(const Site& s) {
  auto& st = db_.stmt(
      "INSERT INTO sites (code, name, address, timezone, kind) VALUES (?,?,?,?,?) "
      "ON CONFLICT(code) DO UPDATE SET name=excluded.name, address=excluded.address, "
      "timezone=excluded.timezone, kind=excluded.kind");
  st.bind_all(s.code, s.name, s.address, s.timezone, to_string(s.kind));
  return st.run();
}

namespace {
Result<Site> read_site(const Statement& st) {
  Site s;
  s.code = st.text(0);
  s.name = st.text(1);
  s.address = st.text(2);
  s.timezone = st.text(3);
  s.kind = CW_TRY(parse_site_kind(st.text(4)));
  return s;
}
}  // namespace

Result<std::vector<Site>> SiteRepo::all() {
  std::vector<Site> out;
  auto& st = db_.stmt("SELECT code, name, address, timezone, kind FROM sites ORDER BY code");
  while (CW_TRY(st.step())) out.push_back(CW_TRY(read_site(st)));
  return out;
}

Result<std::optional<Site>> SiteRepo::find(const std::string& code) {
  auto& st = db_.stmt("SELECT code, name, address, timezone, kind FROM sites WHERE code = ?");
  st.bind(1, code);
  if (!CW_TRY(st.step())) return std::optional<Site>{};
  auto s = CW_TRY(read_site(st));
  st.reset();
  return std::optional<Site>(std::move(s));
}

}  // namespace cw::store
