// Shared pieces of the CSV importer tests: a real SQLite file in a fresh
// temporary directory with three sites, a fake clock, JSON snapshots of the
// stored data (without volatile timestamps), and the fixture check of
// STYLE.md #12 (compare with <case>.expected.json; write it and fail when it
// is missing, so a person reviews it). Not thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "core/import_run.h"
#include "store/db.h"
#include "tests/support/fixture_json.h"

namespace cw::testing {

using test::stable_run_json;

class CsvDbTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A file in the temporary directory with exactly these bytes.
  std::string write_file(const std::string& name, std::string_view bytes);
  std::string fixture_path(const std::string& name) const;

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_{Instant{std::chrono::seconds{1795000000}}};  // 2026-11-18
};

// The most recently recorded run, as stored.
ImportRun last_recorded_run(store::Database& db);
std::int64_t count_rows(store::Database& db, const std::string& table);

// Every stored hearing, ordered by source key, with its version.
nlohmann::json hearings_json(store::Database& db);
// Every stored volunteer, ordered by handle.
nlohmann::json volunteers_json(store::Database& db);

// Compares actual with tests/fixtures/csv/<name>.expected.json (see above).
void expect_matches_fixture(const std::string& name, const nlohmann::json& actual);

}  // namespace cw::testing
