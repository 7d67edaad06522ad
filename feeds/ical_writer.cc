#include "feeds/ical_writer.h"

#include <map>

#include "core/text.h"
#include "feeds/ical_handle.h"
#include "feeds/ical_zones.h"

namespace cw::feeds {
namespace {

constexpr const char* kProdId = "-//courtwatch//calendar feeds 0.1//EN";

icaltimetype utc_time(Instant t) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0,
                                       icaltimezone_get_utc_timezone());
}

// A floating date-time; the TZID parameter is added by the caller.
icaltimetype wall_time(LocalDateTime t) {
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss hms{t - day};
  icaltimetype out = icaltime_null_time();
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  out.hour = static_cast<int>(hms.hours().count());
  out.minute = static_cast<int>(hms.minutes().count());
  out.second = static_cast<int>(hms.seconds().count());
  return out;
}

void add_x(icalcomponent* c, const char* name, const char* value) {
  icalproperty* p = icalproperty_new_x(value);
  icalproperty_set_x_name(p, name);
  icalcomponent_add_property(c, p);
}

icalproperty* with_tzid(icalproperty* p, const std::string& tzid) {
  icalproperty_add_parameter(p, icalparameter_new_tzid(tzid.c_str()));
  return p;
}

icalproperty_status ical_status(EventStatus s) {
  switch (s) {
    case EventStatus::tentative:
      return ICAL_STATUS_TENTATIVE;
    case EventStatus::confirmed:
      return ICAL_STATUS_CONFIRMED;
    case EventStatus::cancelled:
      return ICAL_STATUS_CANCELLED;
  }
  return ICAL_STATUS_CONFIRMED;
}

struct YearSpan {
  int first = 9999;
  int last = 0;
};

// Adds DTSTART/DTEND; records the zone and years used when written with a TZID.
Result<void> add_times(icalcomponent* ev, const SessionFacts& f,
                       std::map<std::string, YearSpan>& zones) {
  const Zone zone = CW_TRY(find_zone(f.site.timezone));
  const LocalDateTime start = LocalDateTime{f.session.key.date} + f.session.start;
  const LocalDateTime end = LocalDateTime{f.session.key.date} + f.session.end;
  const Resolved rs = resolve(zone, start);
  const Resolved re = resolve(zone, end);
  if (rs.kind != LocalKind::unique || re.kind != LocalKind::unique) {
    icalcomponent_add_property(ev, icalproperty_new_dtstart(utc_time(rs.instant)));
    icalcomponent_add_property(ev, icalproperty_new_dtend(utc_time(re.instant)));
    return {};
  }
  const auto& tzid = f.site.timezone;
  icalcomponent_add_property(ev, with_tzid(icalproperty_new_dtstart(wall_time(start)), tzid));
  icalcomponent_add_property(ev, with_tzid(icalproperty_new_dtend(wall_time(end)), tzid));
  auto& span = zones[tzid];
  // Observances from the year before the start (a zone east of UTC starts
  // its year early) through the year of the end.
  const int y0 = static_cast<int>(date::year_month_day{date::floor<date::days>(rs.instant)}.year());
  const int y1 = static_cast<int>(date::year_month_day{date::floor<date::days>(re.instant)}.year());
  span.first = std::min(span.first, y0 - 1);
  span.last = std::max(span.last, y1);
  return {};
}

icalcomponent* new_alarm() {
  icalcomponent* alarm = icalcomponent_new_valarm();
  icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
  icaltriggertype trigger{};
  trigger.time = icaltime_null_time();
  trigger.duration = icaldurationtype_from_int(-2 * 3600);
  icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
  icalcomponent_add_property(alarm, icalproperty_new_description("Court watch in 2 hours"));
  return alarm;
}

std::string event_url(const FeedSpec& spec, const SessionFacts& f) {
  if (spec.kind == FeedKind::volunteer && !spec.self_service_url.empty()) {
    return spec.self_service_url;
  }
  return spec.public_url + "/sessions/" + std::to_string(f.session.id);
}

Result<ComponentPtr> new_event(const FeedSpec& spec, const std::string& host, const FeedEvent& e,
                               std::map<std::string, YearSpan>& zones) {
  const SessionFacts& f = *e.facts;
  ComponentPtr ev(icalcomponent_new_vevent());
  icalcomponent* c = ev.get();
  const std::string uid = "session-" + std::to_string(f.session.id) + "@" + host;
  icalcomponent_add_property(c, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(c, icalproperty_new_sequence(f.session.sequence));
  icalcomponent_add_property(c, icalproperty_new_dtstamp(utc_time(spec.stamp)));
  icalcomponent_add_property(c, icalproperty_new_lastmodified(utc_time(last_modified(f))));
  CW_TRY(add_times(c, f, zones));
  icalcomponent_add_property(c, icalproperty_new_summary(summary(spec.kind, f).c_str()));
  if (!f.site.address.empty()) {
    icalcomponent_add_property(c, icalproperty_new_location(f.site.address.c_str()));
  }
  const std::string text = description(f, spec.coordinator_contact, spec.self_service_url);
  icalcomponent_add_property(c, icalproperty_new_description(text.c_str()));
  icalcomponent_add_property(c, icalproperty_new_url(event_url(spec, f).c_str()));
  icalcomponent_add_property(c, icalproperty_new_status(ical_status(e.status)));
  icalcomponent_add_property(c, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
  if (spec.method == CalendarMethod::request) {
    const std::string organizer = "mailto:" + spec.organizer_email;
    const std::string attendee = "mailto:" + spec.attendee_email;
    icalcomponent_add_property(c, icalproperty_new_organizer(organizer.c_str()));
    icalproperty* who = icalproperty_new_attendee(attendee.c_str());
    icalproperty_add_parameter(who, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
    icalproperty_add_parameter(who, icalparameter_new_rsvp(ICAL_RSVP_FALSE));
    icalcomponent_add_property(c, who);
  }
  icalcomponent_add_component(c, new_alarm());
  return ev;
}

}  // namespace

Result<std::string> render_calendar(const FeedSpec& spec, const Selection& selection) {
  ComponentPtr cal(icalcomponent_new_vcalendar());
  icalcomponent* c = cal.get();
  icalcomponent_add_property(c, icalproperty_new_prodid(kProdId));
  icalcomponent_add_property(c, icalproperty_new_version("2.0"));
  icalcomponent_add_property(c, icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(
      c, icalproperty_new_method(spec.method == CalendarMethod::request ? ICAL_METHOD_REQUEST
                                                                        : ICAL_METHOD_PUBLISH));
  icalcomponent_add_property(c, icalproperty_new_name(spec.calendar_name.c_str()));
  add_x(c, "X-WR-CALNAME", spec.calendar_name.c_str());
  icalproperty* refresh = icalproperty_new_refreshinterval(icaldurationtype_from_int(3600));
  icalproperty_add_parameter(refresh, icalparameter_new_value(ICAL_VALUE_DURATION));
  icalcomponent_add_property(c, refresh);
  add_x(c, "X-PUBLISHED-TTL", "PT1H");

  const std::string host = url_host(spec.public_url);
  std::map<std::string, YearSpan> zones;
  std::vector<ComponentPtr> events;
  events.reserve(selection.events.size());
  for (const auto& e : selection.events) events.push_back(CW_TRY(new_event(spec, host, e, zones)));
  // VTIMEZONEs first (some clients want them before the events using them).
  for (const auto& [name, span] : zones) {
    auto vtz = CW_TRY(vtimezone(name, span.first, span.last));
    icalcomponent_add_component(c, vtz.release());
  }
  for (auto& ev : events) icalcomponent_add_component(c, ev.release());
  return ical_string(c);
}

}  // namespace cw::feeds
