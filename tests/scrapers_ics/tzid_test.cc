// TZID → IANA zone mapping (scrapers/ics/tzid.h).
#include "scrapers/ics/tzid.h"

#include <gtest/gtest.h>

namespace cw::scrapers::ics {
namespace {

std::string name_of(std::string_view tzid) {
  const auto z = map_tzid(tzid);
  return z ? std::string((*z)->name()) : "<none>";
}

TEST(IcsTzid, AcceptsPlainIanaNames) {
  EXPECT_EQ(name_of("America/Chicago"), "America/Chicago");
  EXPECT_EQ(name_of("\"America/New_York\""), "America/New_York");
}

TEST(IcsTzid, StripsVendorPrefixes) {
  EXPECT_EQ(name_of("/freeassociation.sourceforge.net/America/Chicago"), "America/Chicago");
  EXPECT_EQ(name_of("/freeassociation.sourceforge.net/Tzfile/America/Denver"), "America/Denver");
  EXPECT_EQ(name_of("/mozilla.org/20050126_1/America/Los_Angeles"), "America/Los_Angeles");
}

TEST(IcsTzid, MapsWindowsNamesOfUsZones) {
  EXPECT_EQ(name_of("Central Standard Time"), "America/Chicago");
  EXPECT_EQ(name_of("Eastern Standard Time"), "America/New_York");
  EXPECT_EQ(name_of("pacific standard time"), "America/Los_Angeles");
  EXPECT_EQ(name_of("US Mountain Standard Time"), "America/Phoenix");
  EXPECT_EQ(name_of("Hawaiian Standard Time"), "Pacific/Honolulu");
  EXPECT_EQ(name_of("(UTC-06:00) Central Time (US & Canada)"), "America/Chicago");
  EXPECT_EQ(name_of("(UTC-07:00) Arizona"), "America/Phoenix");
  EXPECT_EQ(name_of("(UTC+01:00) Amsterdam, Berlin"), "<none>");
}

TEST(IcsTzid, RejectsUnknownNames) {
  EXPECT_EQ(name_of("Mars/Olympus_Mons"), "<none>");
  EXPECT_EQ(name_of(""), "<none>");
  EXPECT_EQ(name_of("/"), "<none>");
  EXPECT_EQ(name_of("Central Mars Time"), "<none>");
}

}  // namespace
}  // namespace cw::scrapers::ics
