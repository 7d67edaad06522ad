#include "daemon/sites_file.h"

#include <fstream>
#include <map>
#include <set>

#include "core/text.h"
#include "scrapers/csv/csv_reader.h"
#include "store/repos.h"

namespace cw::daemon {

Result<std::vector<Site>> read_sites_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Error::io(path + ": cannot open sites file"));
  scrapers::csv::CsvReader reader(in);
  scrapers::csv::CsvRecord rec;
  if (!CW_TRY(reader.next(rec))) return fail(Error::invalid(path + ": empty sites file"));
  const std::vector<std::string> expected{"code", "name", "address", "timezone", "kind", "status"};
  if (rec.fields != expected) {
    return fail(
        Error::invalid(path + ": line 1: expected header code,name,address,timezone,kind,status"));
  }
  std::vector<Site> sites;
  std::set<std::string> seen;
  while (CW_TRY(reader.next(rec))) {
    const std::string at = path + ": line " + std::to_string(rec.line);
    if (rec.status != scrapers::csv::RecordStatus::ok || rec.fields.size() != expected.size()) {
      return fail(Error::invalid(at + ": expected 6 fields"));
    }
    Site s;
    s.code = std::string(trim(rec.fields[0]));
    s.name = std::string(trim(rec.fields[1]));
    s.address = std::string(trim(rec.fields[2]));
    s.timezone = std::string(trim(rec.fields[3]));
    if (s.code.empty()) return fail(Error::invalid(at + ", field 'code': empty"));
    if (!seen.insert(s.code).second) {
      return fail(Error::invalid(at + ", field 'code': duplicate site '" + s.code + "'"));
    }
    if (auto z = find_zone(s.timezone); !z) {
      return fail(Error::invalid(at + ", field 'timezone': " + z.error().message));
    }
    auto kind = parse_site_kind(trim(rec.fields[4]));
    if (!kind) return fail(Error::invalid(at + ", field 'kind': " + kind.error().message));
    s.kind = *kind;
    for (const auto& f : rec.fields) {
      if (!valid_utf8(f)) return fail(Error::invalid(at + ": invalid UTF-8"));
    }
    sites.push_back(std::move(s));
  }
  return sites;
}

Result<std::size_t> sync_sites(store::Database& db, const std::string& path) {
  const auto sites = CW_TRY(read_sites_file(path));
  store::SiteRepo repo(db);
  // Every CLI command opens the database through here: write only what
  // differs, so an unchanged file costs one read and no write transaction
  // (which would also wake every feed cache through PRAGMA data_version).
  std::map<std::string, Site> stored;
  for (auto& s : CW_TRY(repo.all())) stored.emplace(s.code, std::move(s));
  std::vector<const Site*> changed;
  for (const auto& s : sites) {
    const auto it = stored.find(s.code);
    if (it == stored.end() || it->second.name != s.name || it->second.address != s.address ||
        it->second.timezone != s.timezone || it->second.kind != s.kind) {
      changed.push_back(&s);
    }
  }
  if (changed.empty()) return std::size_t{0};
  auto tx = CW_TRY(db.begin_immediate());
  for (const Site* s : changed) CW_TRY(repo.upsert(*s));
  CW_TRY(tx.commit());
  return changed.size();
}

}  // namespace cw::daemon
