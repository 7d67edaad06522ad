// The streaming line reader (CRLF/LF, NUL bytes, lines longer than the buffer,
// refills at every boundary) and locating a release's files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "scrapers/eoir/line_reader.h"
#include "scrapers/eoir/release.h"

namespace cw::scrapers::eoir {
namespace {

namespace fs = std::filesystem;

class TempFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("cw-eoir-reader-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  std::string write(const std::string& name, std::string_view bytes) {
    const auto p = dir / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  std::vector<std::string> lines(const std::string& path, std::size_t buffer,
                                 std::vector<bool>* truncated = nullptr) {
    auto r = LineReader::open(path, buffer);
    EXPECT_TRUE(r);
    std::vector<std::string> out;
    std::string_view line;
    while (*r->next(line)) {
      out.emplace_back(line);
      if (truncated) truncated->push_back(r->truncated());
    }
    return out;
  }
  fs::path dir;
};

TEST_F(TempFiles, SplitsCrlfAndLfLinesAtEveryBufferSize) {
  std::string text;
  std::vector<std::string> want;
  for (int i = 0; i < 300; ++i) {
    want.push_back("row " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 17), 'x'));
    text += want.back() + (i % 3 ? "\r\n" : "\n");
  }
  const auto path = write("a.csv", text + "last");
  want.push_back("last");
  for (std::size_t buf : {64u, 65u, 100u, 127u, 4096u, 1u << 20}) {
    EXPECT_EQ(lines(path, buf), want) << "buffer " << buf;
  }
}

TEST_F(TempFiles, DropsNulBytes) {
  const auto path = write("n.csv", std::string("a\0b\tc\r\n\0\0\nd", 11));
  EXPECT_EQ(lines(path, 64), (std::vector<std::string>{"ab\tc", "", "d"}));
}

TEST_F(TempFiles, CutsOverlongLinesAndGoesOn) {
  const std::string longline(1000, 'L');
  const auto path = write("l.csv", "short\n" + longline + "\nafter\n");
  std::vector<bool> truncated;
  const auto got = lines(path, 64, &truncated);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], "short");
  EXPECT_EQ(got[1], std::string(64, 'L'));
  EXPECT_EQ(got[2], "after");
  EXPECT_EQ(truncated, (std::vector<bool>{false, true, false}));
}

TEST_F(TempFiles, CountsLinesAndBytes) {
  const auto path = write("c.csv", "h\n1\n2\n");
  auto r = LineReader::open(path);
  std::string_view line;
  while (*r->next(line)) {
  }
  EXPECT_EQ(r->line_number(), 3);
  EXPECT_EQ(r->bytes_read(), 6u);
  EXPECT_EQ(r->file_size(), 6u);
}

TEST_F(TempFiles, LocatesFilesCaseInsensitivelyInSubfolders) {
  write("EOIR Case Data/TBL_SCHEDULE.csv", "x");
  write("EOIR Case Data/b_tblproceeding.CSV", "x");
  write("Lookup/tbllookupjudge.csv", "x");
  write("Lookup/Deeper/tblLanguage.csv", "x");
  write("tblLookupHloc.csv", "x");
  write("Data/tbl_schedule.csv.bak", "x");
  const auto r = locate_release(dir.string());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(fs::path(r->schedule).filename(), "TBL_SCHEDULE.csv");
  EXPECT_EQ(fs::path(r->proceeding).filename(), "b_tblproceeding.CSV");
  EXPECT_EQ(fs::path(r->judge).filename(), "tbllookupjudge.csv");
  EXPECT_EQ(fs::path(r->language).filename(), "tblLanguage.csv");
  EXPECT_EQ(fs::path(r->hloc).filename(), "tblLookupHloc.csv");
  EXPECT_TRUE(r->base_city.empty());
}

TEST_F(TempFiles, PrefersTheShallowestCopy) {
  write("tbl_schedule.csv", "top");
  write("Data/tbl_schedule.csv", "deep");
  write("Data/B_TblProceeding.csv", "x");
  const auto r = locate_release(dir.string());
  ASSERT_TRUE(r);
  EXPECT_EQ(fs::path(r->schedule).parent_path(), dir);
}

TEST_F(TempFiles, MissingRequiredTablesAreErrors) {
  write("Data/tbl_schedule.csv", "x");
  const auto r = locate_release(dir.string());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::not_found);
  EXPECT_NE(r.error().message.find("B_TblProceeding"), std::string::npos);
}

}  // namespace
}  // namespace cw::scrapers::eoir
