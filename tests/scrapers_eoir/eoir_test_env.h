// Shared set-up for the EOIR importer tests: a temporary directory holding a
// real SQLite database with the sites the fixtures use, and the JSON views of
// an import (the run record without timestamps, the hearings as
// `courtwatch hearings --json` prints them).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/domain.h"
#include "core/import_run.h"
#include "store/db.h"
#include "store/repos.h"
#include "tests/support/fixture_json.h"

namespace cw::test {

class EoirEnv {
 public:
  EoirEnv() {
    dir_ = std::filesystem::temp_directory_path() /
           ("cw-eoir-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto db = store::Database::open((dir_ / "test.db").string());
    if (!db) throw std::runtime_error(db.error().message);
    db_ = std::move(*db);
  }
  ~EoirEnv() { std::filesystem::remove_all(dir_); }

  void add_site(const std::string& code, const std::string& zone) {
    const Site s{code, code + " court", "1 Main St", zone, SiteKind::immigration_court};
    ASSERT_TRUE(store::SiteRepo(*db_).upsert(s));
  }
  void add_fixture_sites() {
    add_site("CHI", "America/Chicago");
    add_site("HOU", "America/Chicago");
    add_site("LOS", "America/Los_Angeles");
    add_site("NYC", "America/New_York");
  }
  store::Database& db() { return *db_; }
  const std::filesystem::path& dir() const { return dir_; }

  nlohmann::json hearings_json() {
    auto list = store::HearingRepo(*db_).list({});
    if (!list) throw std::runtime_error(list.error().message);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& h : *list) {
      out.push_back({{"source_key", h.source_key},
                     {"site", h.site},
                     {"date", format_date(h.date)},
                     {"time", format_time(h.start)},
                     {"end_time", h.stop ? nlohmann::json(format_time(*h.stop)) : nullptr},
                     {"location", h.location},
                     {"judge", h.judge},
                     {"type", to_string(h.type)},
                     {"language", h.language},
                     {"detained", h.detained},
                     {"status", to_string(h.status)}});
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
