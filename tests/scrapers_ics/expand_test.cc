// The in-memory half of the ICS importer (scrapers/ics/expand.h): recurrence,
// time zones, keys, the type rule and rejects, without a database.
#include "scrapers/ics/expand.h"

#include <gtest/gtest.h>

namespace cw::scrapers::ics {
namespace {

using date::days;
using date::year;

IcsWindow window(LocalDate first = LocalDate{year{2026} / 3 / 1}, int n = 60) {
  return IcsWindow{"CHI-ERO", *find_zone("America/Chicago"), first, first + days{n - 1}};
}

std::string calendar(const std::string& events) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + events + "END:VCALENDAR\r\n";
}

IcsExpansion expand(const std::string& events, const IcsWindow& w = window()) {
  auto x = expand_calendar(calendar(events), w, "test.ics");
  if (!x) throw std::runtime_error(x.error().message);
  return *x;
}

std::vector<std::string> summary(const IcsExpansion& x) {
  std::vector<std::string> out;
  out.reserve(x.hearings.size());
  for (const auto& h : x.hearings) {
    out.push_back(h.source_key + " " + format_date(h.date) + " " + format_time(h.start) +
                  (h.stop ? "-" + format_time(*h.stop) : "") + " " +
                  std::string(to_string(h.type)) +
                  (h.status == HearingStatus::cancelled ? " cancelled" : ""));
  }
  return out;
}

TEST(IcsExpand, WeeklyRuleKeepsLocalTimeAcrossSpringForward) {
  const auto x = expand(
      "BEGIN:VEVENT\r\nUID:w\r\nDTSTART;TZID=America/Chicago:20260302T090000\r\n"
      "RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Check-in\r\nEND:VEVENT\r\n");
  EXPECT_EQ(summary(x), (std::vector<std::string>{
                            "ics:w|2026-03-02T15:00:00Z 2026-03-02 09:00 check-in",
                            "ics:w|2026-03-09T14:00:00Z 2026-03-09 09:00 check-in",
                            "ics:w|2026-03-16T14:00:00Z 2026-03-16 09:00 check-in",
                        }));
}

TEST(IcsExpand, WeeklyRuleKeepsLocalTimeAcrossFallBack) {
  const auto x = expand(
      "BEGIN:VEVENT\r\nUID:w\r\nDTSTART;TZID=Central Standard Time:20261026T090000\r\n"
      "RRULE:FREQ=WEEKLY;UNTIL=20261103T000000Z\r\nEND:VEVENT\r\n",
      window(LocalDate{year{2026} / 10 / 20}, 30));
  EXPECT_EQ(summary(x), (std::vector<std::string>{
                            "ics:w|2026-10-26T14:00:00Z 2026-10-26 09:00 check-in",
                            "ics:w|2026-11-02T15:00:00Z 2026-11-02 09:00 check-in",
                        }));
}

TEST(IcsExpand, ExdateRemovesAndRecurrenceIdReplacesOneOccurrence) {
  const auto x = expand(
      "BEGIN:VEVENT\r\nUID:w\r\nDTSTART;TZID=America/Chicago:20260302T090000\r\n"
      "RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=America/Chicago:20260309T090000\r\n"
      "EXDATE;VALUE=DATE:20260323\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:w\r\nRECURRENCE-ID:20260316T140000Z\r\n"
      "DTSTART;TZID=America/Chicago:20260317T130000\r\nDURATION:PT90M\r\nEND:VEVENT\r\n");
  EXPECT_EQ(summary(x), (std::vector<std::string>{
                            "ics:w|2026-03-02T15:00:00Z 2026-03-02 09:00 check-in",
                            "ics:w|2026-03-16T14:00:00Z 2026-03-17 13:00-14:30 check-in",
                        }));
}

TEST(IcsExpand, FloatingTimeIsTheSiteZoneAndUtcIsConverted) {
  const auto x = expand(
      "BEGIN:VEVENT\r\nUID:f\r\nDTSTART:20260305T133000\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:u\r\nDTSTART:20260305T043000Z\r\nDTEND:20260305T053000Z\r\nEND:"
      "VEVENT\r\n");
  // 04:30Z on March 5 is 22:30 on March 4 in Chicago (CST, UTC-6).
  EXPECT_EQ(summary(x), (std::vector<std::string>{"ics:f 2026-03-05 13:30 check-in",
                                                  "ics:u 2026-03-04 22:30-23:30 check-in"}));
}

TEST(IcsExpand, OtherZonesAreConvertedToTheSiteZone) {
  const auto x = expand(
      "BEGIN:VEVENT\r\nUID:e\r\nDTSTART;TZID=/mozilla.org/20050126_1/America/New_York:"
      "20260305T100000\r\nEND:VEVENT\r\n");
  EXPECT_EQ(summary(x), std::vector<std::string>{"ics:e 2026-03-05 09:00 check-in"});
}

TEST(IcsExpand, ACalendarsOwnTzidIsFoundThroughItsVtimezoneLocation) {
  const auto x = expand(
      "BEGIN:VTIMEZONE\r\nTZID:Office Time\r\nX-LIC-LOCATION:America/New_York\r\n"
      "BEGIN:STANDARD\r\nDTSTART:19701101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"
      "END:STANDARD\r\nEND:VTIMEZONE\r\n"
      "BEGIN:VEVENT\r\nUID:o\r\nDTSTART;TZID=Office Time:20260305T100000\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:p\r\nDTSTART;TZID=Other Time:20260305T100000\r\nEND:VEVENT\r\n");
  EXPECT_EQ(summary(x), std::vector<std::string>{"ics:o 2026-03-05 09:00 check-in"});
  ASSERT_EQ(x.rejects.size(), 1u);
  EXPECT_EQ(x.rejects[0].reason, "unknown-tzid");
}

TEST(IcsExpand, TypeComesFromCategoriesAndSummary) {
  const auto x = expand(
      "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260305T090000\r\nSUMMARY:Bond hearings\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260305T090000\r\nCATEGORIES:Master calendar\r\n"
      "END:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20260305T090000\r\nSUMMARY:Merits hearing\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20260305T090000\r\nSUMMARY:Non-detained check-in\r\n"
      "END:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:e\r\nDTSTART:20260305T090000\r\nSUMMARY:Detained docket\r\n"
      "STATUS:CANCELLED\r\nEND:VEVENT\r\n");
  ASSERT_EQ(x.hearings.size(), 5u);
  EXPECT_EQ(x.hearings[0].type, HearingType::bond);
  EXPECT_EQ(x.hearings[1].type, HearingType::master);
  EXPECT_EQ(x.hearings[2].type, HearingType::individual);
  EXPECT_EQ(x.hearings[3].type, HearingType::check_in);
  EXPECT_FALSE(x.hearings[3].detained);
  EXPECT_TRUE(x.hearings[4].detained);
  EXPECT_EQ(x.hearings[4].status, HearingStatus::cancelled);
  EXPECT_EQ(x.hearings[4].cancel_reason, "source");
}

TEST(IcsExpand, BadEventsAreRejectedWithReasonAndLine) {
  const auto x = expand(
      "BEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20260305T090000\r\nEND:VEVENT\r\n"                 // 4
      "BEGIN:VEVENT\r\nUID:tz\r\nDTSTART;TZID=Mars/Base:20260305T090000\r\nEND:VEVENT\r\n"  // 8
      "BEGIN:VEVENT\r\nUID:rr\r\nDTSTART:20260305T090000\r\nRRULE:FREQ=NEVER\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nDTSTART:20260305T090000\r\nEND:VEVENT\r\n"                // 17
      "BEGIN:VEVENT\r\nUID:ds\r\nDTSTART:2026030\r\nEND:VEVENT\r\n"              // 20
      "BEGIN:VEVENT\r\nUID:ad\r\nDTSTART;VALUE=DATE:20260305\r\nEND:VEVENT\r\n"  // 24
      "BEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20260306T090000\r\nEND:VEVENT\r\n"      // 28
      "BEGIN:VEVENT\r\nUID:sec\r\nDTSTART:20260305T090000\r\nRRULE:FREQ=SECONDLY\r\nEND:"
      "VEVENT\r\n");
  ASSERT_EQ(x.hearings.size(), 1u);
  std::vector<std::pair<std::string, std::int64_t>> got;
  got.reserve(x.rejects.size());
  for (const auto& r : x.rejects) got.emplace_back(r.reason, r.line);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::int64_t>>{{"unknown-tzid", 8},
                                                                    {"bad-rrule", 12},
                                                                    {"missing-uid", 17},
                                                                    {"bad-dtstart", 20},
                                                                    {"all-day", 24},
                                                                    {"duplicate-uid", 28},
                                                                    {"too-many-occurrences", 32}}));
  // Each names the property at fault (app/import_text words it).
  std::vector<std::string> fields;
  fields.reserve(x.rejects.size());
  for (const auto& r : x.rejects) fields.push_back(r.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"DTSTART", "RRULE", "UID", "DTSTART", "DTSTART", "",
                                              "RRULE"}));
  EXPECT_EQ(x.events, 8);
}

TEST(IcsExpand, OnlyTheWindowIsKept) {
  const auto x = expand(
      "BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20260101T090000\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n",
      window(LocalDate{year{2026} / 3 / 1}, 3));
  EXPECT_EQ(x.hearings.size(), 3u);
  EXPECT_EQ(x.hearings.front().date, (LocalDate{year{2026} / 3 / 1}));
  EXPECT_EQ(x.hearings.back().date, (LocalDate{year{2026} / 3 / 3}));
}

TEST(IcsExpand, TextThatIsNoCalendarIsAnError) {
  const auto x = expand_calendar("BEGIN:VCARD\r\nEND:VCARD\r\n", window(), "x.ics");
  ASSERT_FALSE(x);
  EXPECT_EQ(x.error().message, "x.ics: not an iCalendar file (no BEGIN:VCALENDAR)");
  EXPECT_FALSE(expand_calendar("", window(), "x.ics"));
}

}  // namespace
}  // namespace cw::scrapers::ics
