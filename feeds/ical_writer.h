// Renders a feed selection (feeds/feed_content.h) as an iCalendar document.
//
// One VCALENDAR with METHOD:PUBLISH, NAME/X-WR-CALNAME, REFRESH-INTERVAL and
// X-PUBLISHED-TTL of one hour; one VEVENT per session with UID
// `session-{id}@{host of public_url}`, SEQUENCE from the session, DTSTAMP =
// spec.stamp (the time of the data, not of the request, so that the same data
// always gives the same bytes and ETag), LAST-MODIFIED, SUMMARY, LOCATION (the
// site address), DESCRIPTION, URL, STATUS and a display VALARM two hours
// before. Start and end carry TZID = the site's plain IANA name with a
// truncated VTIMEZONE for it; when either local time is nonexistent or
// ambiguous (a DST change; core resolve()) both are written in UTC instead,
// since independent parsers disagree on such local times. libical produces
// CRLF line endings, folds lines at 75 octets and escapes TEXT values.
// Thread-safe after preload_ical_zones(): every call builds its own
// components.
#pragma once

#include <string>

#include "core/error.h"
#include "feeds/feed_content.h"

namespace cw::feeds {

// PUBLISH for feeds; REQUEST for an e-mailed invitation (iTIP, RFC 5546),
// which also names the ORGANIZER and the ATTENDEE.
enum class CalendarMethod { publish, request };

struct FeedSpec {
  FeedKind kind = FeedKind::site;
  std::string calendar_name;        // NAME and X-WR-CALNAME
  std::string public_url;           // "https://watch.example.org": UID host and URL base
  std::string coordinator_contact;  // "" to leave out
  std::string self_service_url;     // volunteer feeds: {public_url}/v/{token}
  Instant stamp{};                  // DTSTAMP
  CalendarMethod method = CalendarMethod::publish;
  std::string organizer_email;  // REQUEST only
  std::string attendee_email;   // REQUEST only
};

Result<std::string> render_calendar(const FeedSpec& spec, const Selection& selection);

}  // namespace cw::feeds
