// The streaming RFC 4180 reader on its own: quoting, line endings, line
// numbers, limits and recovery.
#include "scrapers/csv/csv_reader.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

namespace cw::scrapers::csv {
namespace {

struct Read {
  std::int64_t line;
  RecordStatus status;
  std::vector<std::string> fields;
  friend bool operator==(const Read&, const Read&) = default;
};

void PrintTo(const Read& r, std::ostream* os) {
  *os << "{line " << r.line << ", status " << static_cast<int>(r.status) << ", [";
  for (const auto& f : r.fields) *os << "'" << f << "' ";
  *os << "]}";
}

std::vector<Read> read_all(const std::string& text, CsvLimits limits = {}) {
  std::istringstream in(text);
  CsvReader reader(in, limits);
  std::vector<Read> out;
  CsvRecord rec;
  for (;;) {
    auto more = reader.next(rec);
    EXPECT_TRUE(more);
    if (!more || !*more) break;
    out.push_back({rec.line, rec.status, rec.fields});
    if (out.size() > 100000) {
      ADD_FAILURE() << "reader does not terminate";
      break;
    }
  }
  return out;
}

constexpr auto ok = RecordStatus::ok;

TEST(CsvReader, ParsesQuotedFieldsWithCommasQuotesAndNewlines) {
  const auto got = read_all("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\nnext,row\n");
  const std::vector<Read> want = {{1, ok, {"a", "b,c", "say \"hi\"", "two\nlines", ""}},
                                  {3, ok, {"next", "row"}}};
  EXPECT_EQ(got, want);
}

TEST(CsvReader, TreatsCrlfAndLfAlike) {
  EXPECT_EQ(read_all("a,b\r\nc,d\r\n"), read_all("a,b\nc,d\n"));
  const auto got = read_all("a,\"x\r\ny\"\r\nc,d");
  const std::vector<Read> want = {{1, ok, {"a", "x\r\ny"}}, {3, ok, {"c", "d"}}};
  EXPECT_EQ(got, want);
}

TEST(CsvReader, SkipsByteOrderMarkOnlyAtStart) {
  std::istringstream in(
      "\xEF\xBB\xBF"
      "a,b\n\xEF\xBB\xBF"
      "c\n");
  CsvReader reader(in);
  CsvRecord rec;
  ASSERT_TRUE(*reader.next(rec));
  EXPECT_TRUE(reader.saw_bom());
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(*reader.next(rec));
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"\xEF\xBB\xBF"
                                                  "c"}));
  EXPECT_FALSE(*reader.next(rec));
}

TEST(CsvReader, ReportsNothingForEmptyOrBomOnlyInput) {
  EXPECT_TRUE(read_all("").empty());
  EXPECT_TRUE(read_all("\xEF\xBB\xBF").empty());
}

TEST(CsvReader, KeepsEmptyLinesAndTrailingEmptyFields) {
  const std::vector<Read> want = {{1, ok, {"a", ""}}, {2, ok, {""}}, {3, ok, {"", "", ""}}};
  EXPECT_EQ(read_all("a,\n\n,,\n"), want);
}

TEST(CsvReader, KeepsStrayQuotesAsLiteralCharacters) {
  // A quote inside an unquoted field is data; text after a closing quote is
  // kept (the closing quote itself is not).
  const std::vector<Read> want = {{1, ok, {"ab\"c", "xyz", "q"}}};
  EXPECT_EQ(read_all("ab\"c,\"xy\"z,q\n"), want);
}

TEST(CsvReader, SplitsRecordsAcrossChunkBoundaries) {
  const std::string text =
      "\xEF\xBB\xBF"
      "h1,h2\r\n\"a\"\"b\",\"c\r\nd\"\r\ne,f\nlong" +
      std::string(40, 'z') + ",g\n";
  const auto whole = read_all(text);
  ASSERT_EQ(whole.size(), 4u);
  for (std::size_t chunk = 1; chunk < 9; ++chunk) {
    EXPECT_EQ(read_all(text, {.max_record_bytes = 64 * 1024, .chunk_bytes = chunk}), whole)
        << "chunk " << chunk;
  }
}

TEST(CsvReader, RejectsLongRecordAndResumesAtNextLine) {
  const std::string text = "a,b\n" + std::string(100, 'x') + ",y\nc,d\n";
  const std::vector<Read> want = {
      {1, ok, {"a", "b"}}, {2, RecordStatus::too_long, {}}, {3, ok, {"c", "d"}}};
  EXPECT_EQ(read_all(text, {.max_record_bytes = 20, .chunk_bytes = 7}), want);
}

TEST(CsvReader, AcceptsRecordOfExactlyTheLimit) {
  const std::string text = std::string(20, 'x') + "\r\n" + std::string(21, 'y') + "\n";
  const std::vector<Read> want = {{1, ok, {std::string(20, 'x')}}, {2, RecordStatus::too_long, {}}};
  EXPECT_EQ(read_all(text, {.max_record_bytes = 20}), want);
}

TEST(CsvReader, RejectsLongQuotedFieldOnOneLineAsTooLong) {
  const std::string text = "a,\"" + std::string(100, 'x') + "\",b\nc,d\n";
  const std::vector<Read> want = {{1, RecordStatus::too_long, {}}, {2, ok, {"c", "d"}}};
  EXPECT_EQ(read_all(text, {.max_record_bytes = 20}), want);
}

TEST(CsvReader, ReportsUnterminatedQuoteAtEofAndReplaysLaterLines) {
  const std::string text = "a,b\nc,\"open\nd,e\nf,g\n";
  const std::vector<Read> want = {{1, ok, {"a", "b"}},
                                  {2, RecordStatus::unterminated_quote, {}},
                                  {3, ok, {"d", "e"}},
                                  {4, ok, {"f", "g"}}};
  for (std::size_t chunk : {1, 3, 64}) {
    EXPECT_EQ(read_all(text, {.max_record_bytes = 1024, .chunk_bytes = chunk}), want);
  }
}

TEST(CsvReader, ReportsUnterminatedQuoteAtRecordLimit) {
  std::string text = "x,\"open\n";
  for (int i = 0; i < 10; ++i) text += "row" + std::to_string(i) + ",v\n";
  const auto got = read_all(text, {.max_record_bytes = 30, .chunk_bytes = 5});
  ASSERT_EQ(got.size(), 11u);
  EXPECT_EQ(got[0], (Read{1, RecordStatus::unterminated_quote, {}}));
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(got[i + 1], (Read{i + 2, ok, {"row" + std::to_string(i), "v"}}));
  }
}

TEST(CsvReader, ReportsUnterminatedQuoteOnOneOverlongLine) {
  const std::string text = "\"" + std::string(100, 'x') + "\nnext,line\n";
  const std::vector<Read> want = {{1, RecordStatus::unterminated_quote, {}},
                                  {2, ok, {"next", "line"}}};
  EXPECT_EQ(read_all(text, {.max_record_bytes = 20}), want);
}

TEST(CsvReader, PassesNulAndBinaryBytesThrough) {
  const std::string text("a\0b,\xff\xfe\n", 7);
  const std::vector<Read> want = {{1, ok, {std::string("a\0b", 3), "\xff\xfe"}}};
  EXPECT_EQ(read_all(text), want);
}

TEST(CsvReader, TerminatesAndRespectsTheLimitOnRandomInput) {
  std::mt19937 rng(4180);
  const std::string alphabet = "\"\"\",,\r\n\nab";
  for (int round = 0; round < 500; ++round) {
    std::string text;
    const auto n = rng() % 400;
    for (std::size_t i = 0; i < n; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    const std::size_t limit = 1 + rng() % 40;
    std::int64_t last_line = 0;
    for (const auto& r :
         read_all(text, {.max_record_bytes = limit, .chunk_bytes = 1 + rng() % 9})) {
      EXPECT_GT(r.line, last_line) << "lines must increase";
      last_line = r.line;
      std::size_t bytes = 0;
      for (const auto& f : r.fields) bytes += f.size();
      EXPECT_LE(bytes, limit);
    }
  }
}

}  // namespace
}  // namespace cw::scrapers::csv
