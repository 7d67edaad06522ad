#include "core/text.h"

#include <gtest/gtest.h>

namespace cw {
namespace {

TEST(Text, AcceptsWellFormedUtf8) {
  EXPECT_TRUE(valid_utf8("plain ascii"));
  EXPECT_TRUE(valid_utf8("K’iche’ · año · 中文 · 😀"));
  EXPECT_TRUE(valid_utf8(""));
}

TEST(Text, RejectsMalformedUtf8AndSaysWhere) {
  EXPECT_EQ(invalid_utf8_at("ab\xFF"), 2u);            // invalid byte
  EXPECT_EQ(invalid_utf8_at("a\xC3"), 1u);             // truncated
  EXPECT_EQ(invalid_utf8_at("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(invalid_utf8_at("\xED\xA0\x80"), 0u);      // UTF-16 surrogate
  EXPECT_EQ(invalid_utf8_at("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(invalid_utf8_at("ok\xE2\x82"), 2u);
}

TEST(Text, ConvertsLatin1ToUtf8) {
  std::string out;
  append_latin1_as_utf8("A\xF1o \xE9", out);  // "Año é" in latin-1
  EXPECT_EQ(out, "A\xC3\xB1o \xC3\xA9");
  EXPECT_TRUE(valid_utf8(out));
}

TEST(Text, TrimsSplitsAndFoldsCase) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(lower_ascii("SpAnIsH"), "spanish");
  EXPECT_EQ(upper_ascii("chi-ero"), "CHI-ERO");
  EXPECT_TRUE(iequals("IDNCASE", "idncase"));
  EXPECT_FALSE(iequals("abc", "abd"));
  const auto parts = split("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(split_trimmed(" CHI ; ;HOU", ';'), (std::vector<std::string>{"CHI", "HOU"}));
}

}  // namespace
}  // namespace cw
