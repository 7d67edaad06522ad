// Shared set-up for the ICS, status and fetch importer tests: a temporary
// directory with a real SQLite database and the sites the fixtures use, JSON
// views of hearings and runs (as the CLI prints them), and the fixture rule
// of STYLE.md #12: compare with <case>.expected.json, or write it and fail.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "core/domain.h"
#include "core/import_run.h"
#include "store/db.h"
#include "store/repos.h"
#include "tests/support/fixture_json.h"

namespace cw::test {

class ImportEnv {
 public:
  ImportEnv() {
    dir_ = std::filesystem::temp_directory_path() /
           ("cw-imp-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto db = store::Database::open((dir_ / "test.db").string());
    if (!db) throw std::runtime_error(db.error().message);
    db_ = std::move(*db);
    add_site("CHI-ERO", "Chicago Field Office (ICE ERO)", "America/Chicago",
             SiteKind::ice_field_office);
    add_site("CHI", "Chicago Immigration Court", "America/Chicago");
    add_site("HOU", "Houston Immigration Court", "America/Chicago");
    add_site("ATD", "Atlanta - Ted Turner Drive Immigration Court", "America/New_York");
    add_site("ATL", "Atlanta - W. Peachtree Street Immigration Court", "America/New_York");
    add_site("ANN", "Annandale Immigration Court", "America/New_York");
    add_site("WAS", "Annandale Immigration Court", "America/New_York");
    add_site("NYC", "New York - Federal Plaza Immigration Court", "America/New_York");
    add_site("SFR", "San Francisco Immigration Court", "America/Los_Angeles");
  }
  ~ImportEnv() { std::filesystem::remove_all(dir_); }

  void add_site(const std::string& code, const std::string& name, const std::string& zone,
                SiteKind kind = SiteKind::immigration_court) {
    const Site s{code, name, "1 Main St", zone, kind};
    if (!store::SiteRepo(*db_).upsert(s)) throw std::runtime_error("site upsert failed");
  }
  store::Database& db() { return *db_; }
  const std::filesystem::path& dir() const { return dir_; }

  nlohmann::json hearings_json(const store::HearingFilter& f = {}) {
    auto list = store::HearingRepo(*db_).list(f);
    if (!list) throw std::runtime_error(list.error().message);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& h : *list) {
      out.push_back({{"source_key", h.source_key},
                     {"site", h.site},
                     {"date", format_date(h.date)},
                     {"time", format_time(h.start)},
                     {"end_time", h.stop ? nlohmann::json(format_time(*h.stop)) : nullptr},
                     {"location", h.location},
                     {"type", to_string(h.type)},
                     {"detained", h.detained},
                     {"status", to_string(h.status)},
                     {"cancel_reason", h.cancel_reason}});
    }
    return out;
  }

  static nlohmann::json run_json(const ImportRun& run) { return stable_run_json(run); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace cw::test
