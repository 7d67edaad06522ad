// Runs the real `courtwatch` binary on a database in a private temp dir, for
// CLI end-to-end tests (the sites file is the repository's).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "tests/store/temp_db.h"

namespace cw::testing {

struct CliRunner {
  TempDir dir;
  // What run() captures besides stdout.
  enum class Stderr { discard, capture };

  CliRunner() {
    std::ofstream(dir.file("courtwatch.toml"))
        << "[data]\nsites_file = \"" CW_SOURCE_DIR "/config/sites.csv\"\n";
  }
  // Runs courtwatch with args in the temp dir; returns its output, sets rc.
  std::string run(const std::string& args, int* rc = nullptr, Stderr err = Stderr::discard) {
    const std::string cmd = "cd " + dir.file("") + " && " CW_BINARY_DIR
                            "/daemon/courtwatch --db t.db " + args +
                            (err == Stderr::capture ? " 2>&1" : " 2>/dev/null");
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    const int status = pclose(p);
    if (rc) *rc = WEXITSTATUS(status);
    return out;
  }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir.file(name)) << text;
  }
};

}  // namespace cw::testing
