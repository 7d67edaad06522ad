#include "scrapers/ics/event.h"

#include <string_view>

#include "core/text.h"
#include "scrapers/ics/tzid.h"

namespace cw::scrapers::ics {
namespace {

constexpr std::size_t kMaxUidBytes = 255;
constexpr std::size_t kMaxFieldBytes = 1000;

using Unexpected = std::unexpected<IcsReject>;

Unexpected reject(std::string reason, std::int64_t line, std::string message,
                  std::string field = {}) {
  return Unexpected(IcsReject{std::move(reason), line, std::move(message), std::move(field)});
}

std::string prop_text(icalcomponent* ev, icalproperty_kind kind) {
  std::string out;
  for (auto* p = icalcomponent_get_first_property(ev, kind); p;
       p = icalcomponent_get_next_property(ev, kind)) {
    const char* v = nullptr;
    if (kind == ICAL_SUMMARY_PROPERTY) v = icalproperty_get_summary(p);
    if (kind == ICAL_LOCATION_PROPERTY) v = icalproperty_get_location(p);
    if (kind == ICAL_CATEGORIES_PROPERTY) v = icalproperty_get_categories(p);
    if (kind == ICAL_UID_PROPERTY) v = icalproperty_get_uid(p);
    if (!v) continue;
    if (!out.empty()) out += ',';
    out += v;
    if (kind != ICAL_CATEGORIES_PROPERTY) break;  // the first one only
  }
  return out;
}

// Which property an X-LIC-ERROR (libical's note that it dropped a property it
// could not parse) was about, as a reject reason; empty when it does not matter.
// The reason and the property libical's parse error names; empty if none.
std::pair<std::string, std::string> reason_of_parse_error(std::string_view msg) {
  // RECURRENCE-ID before DTSTART, EXDATE before RDATE: the first match wins.
  static constexpr std::pair<std::string_view, std::string_view> kProperties[] = {
      {"RECURRENCE-ID", "bad-recurrence-id"},
      {"DTSTART", "bad-dtstart"},
      {"RRULE", "bad-rrule"},
      {"EXDATE", "bad-exdate"},
      {"RDATE", "bad-rdate"}};
  for (const auto& [property, reason] : kProperties) {
    if (msg.find(property) != std::string_view::npos)
      return {std::string(reason), std::string(property)};
  }
  return {};
}

// The zone a time property is in: UTC for "Z", its TZID, else the site's.
// The zone for floating times, and the calendar's own TZIDs.
struct ZoneContext {
  IcsZone floating;
  const CalendarZones& zones;
};

std::optional<IcsZone> zone_for(std::string_view tzid, const CalendarZones& zones) {
  if (auto z = map_tzid(tzid)) return IcsZone::iana(*z);
  if (const auto it = zones.find(tzid); it != zones.end()) return it->second;
  return std::nullopt;
}

std::expected<WallTime, std::string> wall_time(icalproperty* p, icaltimetype t,
                                               const ZoneContext& ctx) {
  WallTime w;
  w.utc = icaltime_is_utc(t);
  t.zone = nullptr;
  w.t = t;
  if (w.utc) {
    w.zone = IcsZone::utc();
    return w;
  }
  if (auto* param = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER)) {
    const char* tzid = icalparameter_get_tzid(param);
    auto zone = zone_for(tzid ? tzid : "", ctx.zones);
    if (!zone) return std::unexpected("unknown TZID '" + shown(tzid ? tzid : "") + "'");
    w.zone = *zone;
    return w;
  }
  w.zone = ctx.floating;
  return w;
}

std::expected<Instant, std::string> instant_of_prop(icalproperty* p, icaltimetype t,
                                                    const ZoneContext& ctx) {
  auto w = wall_time(p, t, ctx);
  if (!w) return std::unexpected(w.error());
  if (auto i = instant_of(*w)) return *i;
  return std::unexpected(std::string("not a valid date and time"));
}

}  // namespace

std::string shown(std::string_view s) {
  std::string out;
  for (const char c : s.substr(0, 60)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

CalendarZones calendar_zones(icalcomponent* cal) {
  CalendarZones out;
  for (auto* tz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT); tz;
       tz = icalcomponent_get_next_component(cal, ICAL_VTIMEZONE_COMPONENT)) {
    auto* id = icalcomponent_get_first_property(tz, ICAL_TZID_PROPERTY);
    const char* tzid = id ? icalproperty_get_tzid(id) : nullptr;
    if (!tzid || !*tzid) continue;
    for (auto* x = icalcomponent_get_first_property(tz, ICAL_X_PROPERTY); x;
         x = icalcomponent_get_next_property(tz, ICAL_X_PROPERTY)) {
      const char* name = icalproperty_get_x_name(x);
      const char* value = icalproperty_get_x(x);
      if (!name || !value || std::string_view(name) != "X-LIC-LOCATION") continue;
      if (auto z = map_tzid(value)) out.emplace(tzid, IcsZone::iana(*z));
    }
    // Only the file defines it: its own STANDARD/DAYLIGHT rules.
    if (!out.contains(tzid)) {
      if (auto* defined = icalcomponent_get_timezone(cal, tzid)) {
        out.emplace(tzid, IcsZone::defined_in_file(defined));
      }
    }
  }
  return out;
}

std::optional<Instant> instant_of(const WallTime& w) {
  const auto& t = w.t;
  if (t.year < 1900 || t.year > 2200) return std::nullopt;
  const date::year_month_day ymd{date::year{t.year}, date::month{static_cast<unsigned>(t.month)},
                                 date::day{static_cast<unsigned>(t.day)}};
  if (!ymd.ok() || t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 ||
      t.second > 60) {
    return std::nullopt;
  }
  const LocalDateTime local = LocalDate{ymd} + std::chrono::hours{t.hour} +
                              std::chrono::minutes{t.minute} +
                              std::chrono::seconds{std::min(t.second, 59)};
  return w.zone.instant(local);
}

icaltimetype wall_fields(const IcsZone& zone, Instant t) {
  const auto local = zone.local(t);
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss hms{local - day};
  icaltimetype out = icaltime_null_time();
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  out.hour = static_cast<int>(hms.hours().count());
  out.minute = static_cast<int>(hms.minutes().count());
  out.second = static_cast<int>(hms.seconds().count());
  return out;
}

std::expected<EventData, IcsReject> read_event(icalcomponent* ev, std::int64_t line, Zone site_zone,
                                               const CalendarZones& zones) {
  EventData e;
  e.line = line;
  for (auto* p = icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY); p;
       p = icalcomponent_get_next_property(ev, ICAL_XLICERROR_PROPERTY)) {
    const char* msg = icalproperty_get_xlicerror(p);
    std::string_view text = msg ? msg : "";
    const auto [reason, property] = reason_of_parse_error(text);
    // "Can't parse as RECUR value in RRULE property. Removing entire property: …"
    text = text.substr(0, text.find(". Removing"));
    if (!reason.empty()) return reject(reason, line, shown(text), property);
  }
  e.uid = prop_text(ev, ICAL_UID_PROPERTY);
  if (trim(e.uid).empty()) return reject("missing-uid", line, "event without a UID", "UID");
  e.summary = prop_text(ev, ICAL_SUMMARY_PROPERTY);
  e.location = prop_text(ev, ICAL_LOCATION_PROPERTY);
  e.categories = prop_text(ev, ICAL_CATEGORIES_PROPERTY);
  const std::pair<const char*, const std::string*> texts[] = {{"UID", &e.uid},
                                                              {"SUMMARY", &e.summary},
                                                              {"LOCATION", &e.location},
                                                              {"CATEGORIES", &e.categories}};
  for (const auto& [name, s] : texts) {
    if (!valid_utf8(*s)) return reject("invalid-utf8", line, "text is not valid UTF-8", name);
  }
  if (e.uid.size() > kMaxUidBytes)
    return reject("bad-uid", line, "UID longer than 255 bytes", "UID");
  if (e.location.size() > kMaxFieldBytes) e.location.resize(kMaxFieldBytes);
  if (auto* st = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY)) {
    e.cancelled = icalproperty_get_status(st) == ICAL_STATUS_CANCELLED;
  }

  auto* ds = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
  if (!ds) return reject("bad-dtstart", line, "event without DTSTART", "DTSTART");
  const auto t = icalproperty_get_dtstart(ds);
  if (icaltime_is_null_time(t)) return reject("bad-dtstart", line, "empty DTSTART", "DTSTART");
  if (t.is_date) return reject("all-day", line, "all-day event (DTSTART has no time)", "DTSTART");
  auto start = wall_time(ds, t, ZoneContext{IcsZone::iana(site_zone), zones});
  if (!start) return reject("unknown-tzid", line, "DTSTART: " + start.error(), "DTSTART");
  e.start = *start;
  const auto start_instant = instant_of(e.start);
  const ZoneContext ctx{e.start.zone, zones};  // floating RDATE/EXDATE/…: the event's zone
  if (!start_instant)
    return reject("bad-dtstart", line, "DTSTART is not a valid date and time", "DTSTART");

  if (auto* de = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY)) {
    if (auto end = instant_of_prop(de, icalproperty_get_dtend(de), ctx)) {
      if (*end > *start_instant) e.duration = *end - *start_instant;
    }
  } else if (auto* du = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY)) {
    const int secs = icaldurationtype_as_int(icalproperty_get_duration(du));
    if (secs > 0) e.duration = std::chrono::seconds{secs};
  }

  for (auto* rr = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY); rr;
       rr = icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY)) {
    const auto rule = icalproperty_get_rrule(rr);
    if (rule.freq == ICAL_NO_RECURRENCE)
      return reject("bad-rrule", line, "RRULE without FREQ", "RRULE");
    e.rrules.push_back(rule);
  }
  for (auto* p = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY); p;
       p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY)) {
    const auto dp = icalproperty_get_rdate(p);
    const auto rt = icaltime_is_null_time(dp.time) ? dp.period.start : dp.time;
    if (rt.is_date) return reject("bad-rdate", line, "date-only RDATE", "RDATE");
    auto i = instant_of_prop(p, rt, ctx);
    if (!i)
      return reject(i.error().starts_with("unknown") ? "unknown-tzid" : "bad-rdate", line,
                    "RDATE: " + i.error(), "RDATE");
    e.rdates.push_back(*i);
    if (!icaltime_is_null_time(dp.time)) continue;
    // VALUE=PERIOD: start/end or start/duration; the occurrence keeps its length.
    std::optional<std::chrono::seconds> length;
    if (!icaltime_is_null_time(dp.period.end)) {
      if (auto end = instant_of_prop(p, dp.period.end, ctx)) length = *end - *i;
    } else {
      length = std::chrono::seconds{icaldurationtype_as_int(dp.period.duration)};
    }
    if (!length || *length <= std::chrono::seconds{0}) {
      return reject("bad-rdate", line, "RDATE period does not end after it starts", "RDATE");
    }
    e.rdate_durations[*i] = *length;
  }
  for (auto* p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
       p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
    const auto xt = icalproperty_get_exdate(p);
    if (xt.is_date) {
      const date::year_month_day ymd{date::year{xt.year},
                                     date::month{static_cast<unsigned>(xt.month)},
                                     date::day{static_cast<unsigned>(xt.day)}};
      if (!ymd.ok()) return reject("bad-exdate", line, "EXDATE is not a valid date", "EXDATE");
      e.exdays.push_back(LocalDate{ymd});
      continue;
    }
    auto i = instant_of_prop(p, xt, ctx);
    if (!i)
      return reject(i.error().starts_with("unknown") ? "unknown-tzid" : "bad-exdate", line,
                    "EXDATE: " + i.error(), "EXDATE");
    e.exdates.push_back(*i);
  }
  if (auto* rid = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY)) {
    auto i = instant_of_prop(rid, icalproperty_get_recurrenceid(rid), ctx);
    if (!i)
      return reject(i.error().starts_with("unknown") ? "unknown-tzid" : "bad-recurrence-id", line,
                    "RECURRENCE-ID: " + i.error(), "RECURRENCE-ID");
    e.recurrence_id = *i;
    if (auto* range = icalproperty_get_first_parameter(rid, ICAL_RANGE_PARAMETER)) {
      e.this_and_future = icalparameter_get_range(range) == ICAL_RANGE_THISANDFUTURE;
    }
  }
  if (auto* sq = icalcomponent_get_first_property(ev, ICAL_SEQUENCE_PROPERTY)) {
    e.sequence = icalproperty_get_sequence(sq);
  }
  if (auto* lm = icalcomponent_get_first_property(ev, ICAL_LASTMODIFIED_PROPERTY)) {
    if (auto i = instant_of_prop(lm, icalproperty_get_lastmodified(lm), ctx)) e.last_modified = *i;
  }
  return e;
}

std::optional<RejectedOverride> rejected_override(icalcomponent* ev, Zone site_zone,
                                                  const CalendarZones& zones) {
  auto* rid = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
  const auto uid = prop_text(ev, ICAL_UID_PROPERTY);
  if (!rid || trim(uid).empty()) return std::nullopt;
  // A floating RECURRENCE-ID is in DTSTART's zone when that can be read.
  ZoneContext ctx{IcsZone::iana(site_zone), zones};
  if (auto* ds = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY)) {
    const auto t = icalproperty_get_dtstart(ds);
    if (auto w = wall_time(ds, t, ctx); w && !t.is_date) ctx.floating = w->zone;
  }
  const auto t = icalproperty_get_recurrenceid(rid);
  if (icaltime_is_null_time(t) || t.is_date) return std::nullopt;
  auto i = instant_of_prop(rid, t, ctx);
  if (!i) return std::nullopt;
  return RejectedOverride{uid, *i};
}

}  // namespace cw::scrapers::ics
