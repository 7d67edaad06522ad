#include "csv_test_support.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "store/repos.h"

namespace cw::testing {

void CsvDbTest::SetUp() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "cw-csv-test-XXXXXX").string();
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  dir_ = tmpl;
  auto db = store::Database::open((dir_ / "test.db").string());
  ASSERT_TRUE(db) << db.error().message;
  db_ = std::move(*db);
  store::SiteRepo sites(*db_);
  for (const auto& [code, tz] :
       {std::pair{"CHI", "America/Chicago"}, std::pair{"HOU", "America/Chicago"},
        std::pair{"SFR", "America/Los_Angeles"}}) {
    ASSERT_TRUE(sites.upsert({code, std::string(code) + " Immigration Court", "1 Main St", tz,
                              SiteKind::immigration_court}));
  }
}

void CsvDbTest::TearDown() {
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string CsvDbTest::write_file(const std::string& name, std::string_view bytes) {
  const auto path = (dir_ / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

std::string CsvDbTest::fixture_path(const std::string& name) const {
  return std::string(CW_FIXTURES) + "/csv/" + name;
}

ImportRun last_recorded_run(store::Database& db) {
  auto runs = store::ImportRunRepo(db).recent(1);
  if (!runs || runs->empty()) {
    ADD_FAILURE() << "no import run recorded";
    return {};
  }
  return runs->front();
}

std::int64_t count_rows(store::Database& db, const std::string& table) {
  auto& s = db.stmt("SELECT count(*) FROM " + table);
  auto row = s.step();
  const auto n = (row && *row) ? s.int64(0) : -1;
  s.reset();
  return n;
}

nlohmann::json hearings_json(store::Database& db) {
  nlohmann::json out = nlohmann::json::array();
  auto& s = db.stmt(
      "SELECT source_key, site, date, start_min, stop_min, location, judge, type, language, "
      "detained, status, cancel_reason, case_ref, notes, version, source FROM hearings "
      "ORDER BY source_key");
  const auto hhmm = [](std::int64_t m) { return format_time(TimeOfDay{m}); };
  for (auto row = s.step(); row && *row; row = s.step()) {
    out.push_back(
        {{"source_key", s.text(0)},
         {"site", s.text(1)},
         {"date", s.text(2)},
         {"time", hhmm(s.int64(3))},
         {"end_time", s.is_null(4) ? nlohmann::json(nullptr) : nlohmann::json(hhmm(s.int64(4)))},
         {"location", s.text(5)},
         {"judge", s.text(6)},
         {"type", s.text(7)},
         {"language", s.text(8)},
         {"detained", s.int64(9) != 0},
         {"status", s.text(10)},
         {"cancel_reason", s.text(11)},
         {"case_ref", s.text(12)},
         {"notes", s.text(13)},
         {"version", s.int64(14)},
         {"source", s.text(15)}});
  }
  s.reset();
  return out;
}

nlohmann::json volunteers_json(store::Database& db) {
  nlohmann::json out = nlohmann::json::array();
  auto all = store::VolunteerRepo(db).all();
  if (!all) {
    ADD_FAILURE() << all.error().message;
    return out;
  }
  static constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (const auto& v : *all) {
    nlohmann::json grid = nlohmann::json::array();
    for (int d = 0; d < 7; ++d) {
      for (const Half h : {Half::am, Half::pm}) {
        if (v.availability.weekly(d, h))
          grid.push_back(std::string(kDays[d]) + "-" + std::string(to_string(h)));
      }
    }
    nlohmann::json blackouts = nlohmann::json::array();
    for (const auto& r : v.availability.blackouts) {
      blackouts.push_back(format_date(r.first) + ".." + format_date(r.last));
    }
    nlohmann::json extra = nlohmann::json::array();
    for (const auto& e : v.availability.extra) {
      extra.push_back(format_date(e.date) + ":" + std::string(to_string(e.half)));
    }
    out.push_back({{"id", v.handle},
                   {"name", v.name},
                   {"email", v.email},
                   {"phone", v.phone},
                   {"role", to_string(v.role)},
                   {"sites", v.sites},
                   {"languages", v.languages},
                   {"max_per_week", v.max_per_week},
                   {"availability", grid},
                   {"blackouts", blackouts},
                   {"extra", extra},
                   {"active", v.active},
                   {"locale", v.locale}});
  }
  return out;
}

void expect_matches_fixture(const std::string& name, const nlohmann::json& actual) {
  test::expect_matches_fixture(actual,
                               std::string(CW_FIXTURES) + "/csv/" + name + ".expected.json");
}

}  // namespace cw::testing
