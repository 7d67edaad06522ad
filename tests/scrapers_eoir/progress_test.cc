// The progress reporter: quiet prints nothing, lines mode prints a final line
// with bytes and rows, bar mode redraws one line.
#include "core/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace cw {
namespace {

std::string run(Progress::Style style) {
  std::FILE* f = std::tmpfile();
  {
    Progress p(f, style);
    p.begin("tbl_schedule", 2'000'000);
    p.update(1'000'000, 5000);
    p.update(2'000'000, 12345);
    p.end();
  }
  std::string out(4096, '\0');
  EXPECT_EQ(std::fseek(f, 0, SEEK_SET), 0);
  out.resize(std::fread(out.data(), 1, out.size(), f));
  EXPECT_EQ(std::fclose(f), 0);
  return out;
}

TEST(Progress, QuietPrintsNothing) {
  EXPECT_EQ(run(Progress::Style::quiet), "");
  auto q = Progress::quiet();
  q.begin("x", 10);
  q.update(5, 5);
  q.end();
}

TEST(Progress, LinesModePrintsAFinalSummary) {
  const auto out = run(Progress::Style::lines);
  EXPECT_NE(out.find("tbl_schedule: 2.0 MB / 2.0 MB, 12k rows"), std::string::npos) << out;
  EXPECT_EQ(out.find('\r'), std::string::npos);
}

TEST(Progress, BarModeRedrawsOneLine) {
  const auto out = run(Progress::Style::bar);
  EXPECT_EQ(out.front(), '\r');
  EXPECT_NE(out.find("100%"), std::string::npos) << out;
  EXPECT_EQ(out.back(), '\n');
}

TEST(Progress, DetectsNonTerminals) {
  std::FILE* f = std::tmpfile();
  EXPECT_EQ(Progress::detect(f), Progress::Style::lines);
  EXPECT_EQ(std::fclose(f), 0);
}

}  // namespace
}  // namespace cw
