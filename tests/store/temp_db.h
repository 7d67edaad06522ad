// A fresh database file in a private temporary directory, removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "store/db.h"
#include "store/repos.h"

namespace cw::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "cwtest-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void add_site(store::Database& db, const std::string& code, const std::string& tz) {
  store::SiteRepo repo(db);
  ASSERT_TRUE(repo.upsert({code, code + " court", "1 Main St", tz, SiteKind::immigration_court}));
}

}  // namespace cw::testing
