// The iCalendar generator: wire format (CRLF, folding, escaping), time zones
// and the UTC fallback, identities. Checked on the bytes, because parsers
// accept what the RFC does not (bare LF, for one).
#include "feeds/ical_writer.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/text.h"
#include "feed_fixtures.h"
#include "feeds/ical_zones.h"

namespace cw::feeds {
namespace {

using testing::at;
using testing::facts;

class IcalWriter : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { preload_ical_zones(); }

  std::string render(std::vector<SessionFacts> all, FeedKind kind = FeedKind::site) {
    all_ = std::move(all);
    FeedSpec spec;
    spec.kind = kind;
    spec.calendar_name = "Court watch · Chicago";
    spec.public_url = "https://watch.example.org:8443/base";
    spec.coordinator_contact = "Maria, +1 312 555 0100, watch@example.org";
    spec.stamp = at("2026-02-01T10:00:00Z");
    auto sel = select_events(kind, all_, at("2026-02-02T00:00:00Z"));
    auto out = render_calendar(spec, sel);
    EXPECT_TRUE(out.has_value()) << (out ? "" : out.error().message);
    return out.value_or("");
  }

  // Unfolded content lines.
  static std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
      auto end = text.find("\r\n", pos);
      if (end == std::string::npos) end = text.size();
      std::string line = text.substr(pos, end - pos);
      if (!line.empty() && line[0] == ' ' && !out.empty()) {
        out.back() += line.substr(1);
      } else {
        out.push_back(line);
      }
      pos = end + 2;
    }
    return out;
  }

  static bool has_line(const std::string& text, const std::string& line) {
    for (const auto& l : lines(text))
      if (l == line) return true;
    return false;
  }

  std::vector<SessionFacts> all_;
};

TEST_F(IcalWriter, EndsEveryLineWithCrlf) {
  const auto text = render({facts(1, "2026-03-10", 9 * 60, 12 * 60)});
  ASSERT_FALSE(text.empty());
  EXPECT_TRUE(text.ends_with("\r\n"));
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      EXPECT_TRUE(i > 0 && text[i - 1] == '\r') << "bare LF at byte " << i;
    }
  }
}

TEST_F(IcalWriter, FoldsLinesAtSeventyFiveOctetsOutsideUtf8Sequences) {
  auto f = facts(1, "2026-03-10", 9 * 60, 12 * 60);
  f.session.key.location =
      "Courtroom 5 · sala de audiencias número cinco · tercer piso · ala oeste";
  const auto text = render({f});
  std::size_t pos = 0;
  bool folded = false;
  while (pos < text.size()) {
    const auto end = text.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos);
    const std::string line = text.substr(pos, end - pos);
    EXPECT_LE(line.size(), 75u) << line;
    if (!line.empty() && line[0] == ' ') {
      folded = true;
      // A continuation never starts inside a multi-byte UTF-8 sequence.
      if (line.size() > 1) {
        EXPECT_NE(static_cast<unsigned char>(line[1]) & 0xC0, 0x80) << line;
      }
    }
    pos = end + 2;
  }
  EXPECT_TRUE(folded);
  EXPECT_TRUE(has_line(text,
                       "SUMMARY:[1/2] Court watch · Chicago · Courtroom 5 · sala de "
                       "audiencias número cinco · tercer piso · ala oeste (master calendar)"));
}

TEST_F(IcalWriter, WritesUniqueLocalTimesWithPlainTzidAndATruncatedVtimezone) {
  const auto text = render({facts(1, "2026-03-10", 9 * 60, 12 * 60)});
  EXPECT_TRUE(has_line(text, "DTSTART;TZID=America/Chicago:20260310T090000"));
  EXPECT_TRUE(has_line(text, "DTEND;TZID=America/Chicago:20260310T120000"));
  EXPECT_TRUE(has_line(text, "TZID:America/Chicago"));
  EXPECT_EQ(text.find("freeassociation"), std::string::npos);
  EXPECT_EQ(text.find("TZUNTIL"), std::string::npos);
  EXPECT_EQ(text.find("1883"), std::string::npos);  // history is truncated
  // The US rule as recurrences, no UTC RDATE (not allowed in a VTIMEZONE).
  EXPECT_NE(text.find("BYDAY=2SU;BYMONTH=3"), std::string::npos);
  EXPECT_EQ(text.find("RDATE"), std::string::npos);
}

TEST_F(IcalWriter, WritesANonexistentLocalStartInUtc) {
  // 02:30 on spring-forward day does not exist in Chicago: resolve() moves it
  // to the first instant after the gap, 03:00 CDT = 08:00Z.
  const auto text = render({facts(1, "2026-03-08", 2 * 60 + 30, 4 * 60)});
  EXPECT_TRUE(has_line(text, "DTSTART:20260308T080000Z"));
  EXPECT_TRUE(has_line(text, "DTEND:20260308T090000Z"));
  EXPECT_EQ(text.find("TZID="), std::string::npos);
}

TEST_F(IcalWriter, WritesAnAmbiguousLocalStartInUtc) {
  // 01:30 on fall-back day happens twice in Chicago: earliest is CDT, 06:30Z.
  const auto text = render({facts(1, "2026-11-01", 60 + 30, 3 * 60)});
  EXPECT_TRUE(has_line(text, "DTSTART:20261101T063000Z"));
  EXPECT_TRUE(has_line(text, "DTEND:20261101T090000Z"));
}

TEST_F(IcalWriter, WritesAnAmbiguousLocalEndInUtcToo) {
  const auto text = render({facts(1, "2026-11-01", 0, 60 + 15)});
  EXPECT_TRUE(has_line(text, "DTSTART:20261101T050000Z"));
  EXPECT_TRUE(has_line(text, "DTEND:20261101T061500Z"));
}

TEST_F(IcalWriter, EscapesCommasSemicolonsAndNewlinesInText) {
  auto f = facts(1, "2026-03-10", 9 * 60, 12 * 60);
  f.session.key.judge = "Smith; Jones, Jr.\nsecond line";
  const auto text = render({f});
  EXPECT_NE(text.find("Judge: Smith\\; Jones\\, Jr.\\nsecond line\\n"), std::string::npos) << text;
  EXPECT_TRUE(has_line(text, "LOCATION:55 E. Monroe St.\\, Suite 1500\\, Chicago\\, IL 60603"));
}

TEST_F(IcalWriter, UsesSessionIdAndHostAsUidAndTheSessionSequence) {
  auto f = facts(42, "2026-03-10", 9 * 60, 12 * 60);
  const auto text = render({f});
  EXPECT_TRUE(has_line(text, "UID:session-42@watch.example.org"));
  EXPECT_TRUE(has_line(text, "SEQUENCE:4"));
  for (const auto& l : lines(text)) {
    if (l.starts_with("UID:")) {
      EXPECT_EQ(l, "UID:session-42@watch.example.org");
    }
  }
}

TEST_F(IcalWriter, WritesCalendarPropertiesAlarmAndStamps) {
  const auto text = render({facts(1, "2026-03-10", 9 * 60, 12 * 60)});
  for (const char* line :
       {"VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "NAME:Court watch · Chicago",
        "X-WR-CALNAME:Court watch · Chicago", "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H", "DTSTAMP:20260201T100000Z", "LAST-MODIFIED:20260201T100000Z",
        "ACTION:DISPLAY", "TRIGGER:-PT2H", "STATUS:CONFIRMED",
        "URL:https://watch.example.org:8443/base/sessions/1"}) {
    EXPECT_TRUE(has_line(text, line)) << line << "\n" << text;
  }
  EXPECT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\nPRODID:"));
}

TEST_F(IcalWriter, RendersTheSameDataToTheSameBytes) {
  const auto a =
      render({facts(1, "2026-03-10", 9 * 60, 12 * 60), facts(2, "2026-03-11", 600, 700)});
  const auto b =
      render({facts(1, "2026-03-10", 9 * 60, 12 * 60), facts(2, "2026-03-11", 600, 700)});
  EXPECT_EQ(a, b);
}

TEST_F(IcalWriter, GivesEachZoneItsOwnVtimezone) {
  Site guam{"AGA", "Hagatna (Guam) Immigration Court hearing location", "203 Aspinall Avenue",
            "Pacific/Guam", SiteKind::immigration_court};
  const auto text =
      render({facts(1, "2026-03-10", 540, 600), facts(2, "2026-02-02", 540, 600, guam)});
  EXPECT_TRUE(has_line(text, "TZID:Pacific/Guam"));
  EXPECT_TRUE(has_line(text, "DTSTART;TZID=Pacific/Guam:20260202T090000"));
  EXPECT_TRUE(has_line(text,
                       "SUMMARY:[1/2] Court watch · Hagatna (Guam) · Courtroom 5 (master "
                       "calendar)"));
}

TEST(UidHost, DropsSchemePortPathAndCredentials) {
  EXPECT_EQ(url_host("https://watch.example.org"), "watch.example.org");
  EXPECT_EQ(url_host("http://127.0.0.1:8080/x"), "127.0.0.1");
  EXPECT_EQ(url_host("http://u:p@h.example:1/"), "h.example");
  EXPECT_EQ(url_host("http://[::1]:8080"), "[::1]");
  EXPECT_EQ(url_host("watch.example.org/x"), "watch.example.org");
}

}  // namespace
}  // namespace cw::feeds
