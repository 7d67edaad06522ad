// The expected-JSON fixture pattern (STYLE.md #12), shared by the importer
// tests: a test builds the JSON a reviewer needs to see and compares it with
// <case>.expected.json; a missing expected file is written and the test
// fails, asking for review. Header-only; used from test binaries only.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/import_run.h"

namespace cw::test {

// The run record without the fields that differ between runs (id, input
// path, timestamps).
inline nlohmann::json stable_run_json(const ImportRun& run) {
  auto j = nlohmann::json::parse(run.to_json());
  for (const char* volatile_key : {"id", "input", "started", "finished"}) j.erase(volatile_key);
  return j;
}

// Compares actual with the expected file; writes it when missing and fails.
inline void expect_matches_fixture(const nlohmann::json& actual,
                                   const std::filesystem::path& expected_path) {
  std::ifstream in(expected_path, std::ios::binary);
  if (!in) {
    std::ofstream(expected_path, std::ios::binary) << actual.dump(2) << "\n";
    ADD_FAILURE() << "wrote " << expected_path << ": review it by hand, then run the test again";
    return;
  }
  std::stringstream text;
  text << in.rdbuf();
  const auto expected = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(expected.is_discarded()) << expected_path << " is not valid JSON";
  EXPECT_EQ(expected, actual) << expected_path << " differs; diff (expected -> actual):\n"
                              << nlohmann::json::diff(expected, actual).dump(2) << "\nactual:\n"
                              << actual.dump(2);
}

}  // namespace cw::test
