#include "scrapers/ics/expand.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "core/text.h"
#include "scrapers/ics/event.h"
#include "scrapers/ics/ical_ptr.h"

namespace cw::scrapers::ics {
namespace {

struct RecurIterDeleter {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};

// The window as UTC instants: [site-local midnight of first, of last + 1).
struct InstantWindow {
  Instant begin;
  Instant end;
  bool contains(Instant t) const { return begin <= t && t < end; }
};

// Line numbers of "BEGIN:VEVENT", in document order (libical keeps that order).
std::vector<std::int64_t> vevent_lines(std::string_view text) {
  std::vector<std::int64_t> lines;
  std::int64_t line = 1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    auto l = trim(text.substr(pos, eol - pos));
    if (iequals(l, "BEGIN:VEVENT")) lines.push_back(line);
    ++line;
    pos = eol + 1;
  }
  return lines;
}

HearingType type_of(const EventData& e) {
  const auto text = lower_ascii(e.categories + " " + e.summary);
  if (text.find("bond") != std::string::npos) return HearingType::bond;
  if (text.find("master") != std::string::npos) return HearingType::master;
  if (text.find("individual") != std::string::npos || text.find("merits") != std::string::npos) {
    return HearingType::individual;
  }
  return HearingType::check_in;
}

bool detained_of(const EventData& e) {
  auto text = lower_ascii(e.categories + " " + e.summary);
  for (const char* neg : {"non-detained", "nondetained", "non detained"}) {
    const std::string_view n(neg);
    for (auto p = text.find(n); p != std::string::npos; p = text.find(n)) text.erase(p, n.size());
  }
  return text.find("detained") != std::string::npos;
}

Hearing make_hearing(const EventData& e, Instant start, std::string key, const IcsWindow& w) {
  Hearing h;
  h.source_key = std::move(key);
  h.site = w.site;
  const auto local = to_local(w.zone, start);
  h.date = date::floor<date::days>(local);
  h.start = date::floor<std::chrono::minutes>(local - h.date);
  if (e.duration) {
    const auto end = to_local(w.zone, start + *e.duration);
    if (date::floor<date::days>(end) == h.date) {
      const auto stop = date::floor<std::chrono::minutes>(end - h.date);
      if (stop > h.start) h.stop = stop;
    }
  }
  h.location = std::string(trim(e.location));
  h.type = type_of(e);
  h.detained = detained_of(e);
  if (e.cancelled) {
    h.status = HearingStatus::cancelled;
    h.cancel_reason = "source";
  }
  return h;
}

std::string key_of(const std::string& uid, Instant original, bool recurring) {
  if (!recurring) return "ics:" + uid;
  return "ics:" + uid + "|" + format_instant(original);
}

// Every original start of a master event up to the window's end.
std::expected<std::set<Instant>, IcsReject> occurrences(const EventData& e,
                                                        const InstantWindow& win) {
  std::set<Instant> out;
  out.insert(*instant_of(e.start));
  for (const auto t : e.rdates) out.insert(t);
  if (e.rrule) {
    auto rule = *e.rrule;
    // UNTIL in UTC with a zoned start: compare in the event's wall time.
    if (!icaltime_is_null_time(rule.until) && icaltime_is_utc(rule.until) && !e.start.utc) {
      WallTime u{rule.until, utc_zone(), true};
      u.t.zone = nullptr;
      if (auto ui = instant_of(u)) rule.until = wall_fields(e.start.zone, *ui);
    }
    rule.until.zone = nullptr;
    std::unique_ptr<icalrecur_iterator, RecurIterDeleter> it(
        icalrecur_iterator_new(rule, e.start.t));
    if (!it) return std::unexpected(IcsReject{"bad-rrule", e.line, "RRULE cannot be expanded"});
    bool finished = false;
    for (int i = 0; i < kMaxIterations; ++i) {
      const auto n = icalrecur_iterator_next(it.get());
      if (icaltime_is_null_time(n)) {
        finished = true;
        break;
      }
      const auto t = instant_of(WallTime{n, e.start.zone, e.start.utc});
      if (!t) continue;
      if (*t >= win.end) {
        finished = true;
        break;
      }
      out.insert(*t);
    }
    if (!finished) {
      return std::unexpected(IcsReject{"too-many-occurrences", e.line,
                                       "RRULE has more than 20000 occurrences before the window "
                                       "ends"});
    }
  }
  for (const auto t : e.exdates) out.erase(t);
  if (!e.exdays.empty()) {
    std::erase_if(out, [&](Instant t) {
      const auto day = local_day(e.start.zone, t);
      return std::find(e.exdays.begin(), e.exdays.end(), day) != e.exdays.end();
    });
  }
  return out;
}

// The VCALENDAR components of a parsed text (one, or several under XROOT).
std::vector<icalcomponent*> calendars(icalcomponent* root) {
  std::vector<icalcomponent*> out;
  if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
    out.push_back(root);
  } else if (icalcomponent_isa(root) == ICAL_XROOT_COMPONENT) {
    for (auto* c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT); c;
         c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)) {
      out.push_back(c);
    }
  }
  return out;
}

struct Collected {
  std::map<std::string, EventData> masters;
  std::vector<EventData> overrides;
};

void collect(const std::vector<icalcomponent*>& cals, const std::vector<std::int64_t>& lines,
             const IcsWindow& w, Collected& c, IcsExpansion& out) {
  std::size_t index = 0;
  for (auto* cal : cals) {
    const auto zones = calendar_zones(cal);
    for (auto* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), ++index) {
      ++out.events;
      const std::int64_t line = index < lines.size() ? lines[index] : 0;
      auto e = read_event(ev, line, w.zone, zones);
      if (!e) {
        if (auto* p = icalcomponent_get_first_property(ev, ICAL_UID_PROPERTY)) {
          const char* uid = icalproperty_get_uid(p);
          if (uid && *uid) out.kept_uids.emplace_back(uid);
        }
        out.rejects.push_back(std::move(e).error());
      } else if (e->recurrence_id) {
        c.overrides.push_back(std::move(*e));
      } else if (c.masters.contains(e->uid)) {
        out.rejects.push_back(
            {"duplicate-uid", line, "a second event with UID '" + shown(e->uid) + "'"});
      } else {
        auto uid = e->uid;
        c.masters.emplace(std::move(uid), std::move(*e));
      }
    }
  }
}

}  // namespace

Result<IcsExpansion> expand_calendar(std::string_view text, const IcsWindow& w,
                                     std::string_view name) {
  if (text.size() > kMaxTextBytes) {
    return fail(Error::invalid(std::string(name) + ": calendar larger than 64 MB"));
  }
  if (text.find("BEGIN:VCALENDAR") == std::string_view::npos) {
    return fail(Error::invalid(std::string(name) + ": not an iCalendar file (no BEGIN:VCALENDAR)"));
  }
  const std::string owned(text);  // libical wants a NUL-terminated string
  IcalComponentPtr root(icalparser_parse_string(owned.c_str()));
  const auto cals = root ? calendars(root.get()) : std::vector<icalcomponent*>{};
  if (cals.empty()) {
    return fail(Error::invalid(std::string(name) + ": not an iCalendar file (cannot parse)"));
  }
  IcsExpansion out;
  Collected c;
  collect(cals, vevent_lines(text), w, c, out);

  const InstantWindow win{resolve(w.zone, w.first, TimeOfDay{0}).instant,
                          resolve(w.zone, w.last + date::days{1}, TimeOfDay{0}).instant};
  std::map<std::pair<std::string, Instant>, const EventData*> by_rid;
  for (const auto& o : c.overrides) by_rid[{o.uid, *o.recurrence_id}] = &o;
  std::set<std::string> keys;
  auto emit = [&](const EventData& e, Instant start, std::string key) {
    if (!win.contains(start) || !keys.insert(key).second) return;
    out.hearings.push_back(make_hearing(e, start, std::move(key), w));
  };
  for (const auto& [uid, m] : c.masters) {
    auto starts = occurrences(m, win);
    if (!starts) {
      out.kept_uids.push_back(uid);
      out.rejects.push_back(std::move(starts).error());
      continue;
    }
    for (const auto t : *starts) {
      const auto key = key_of(uid, t, m.recurring());
      const auto o = by_rid.find({uid, t});
      if (o == by_rid.end()) {
        emit(m, t, key);
      } else {
        emit(*o->second, *instant_of(o->second->start), key);
        by_rid.erase(o);
      }
    }
  }
  // Overrides of an occurrence the master does not produce (or of a master
  // that is not in this file) stand on their own.
  for (const auto& [k, o] : by_rid) {
    const auto m = c.masters.find(k.first);
    const bool recurring = m == c.masters.end() || m->second.recurring();
    emit(*o, *instant_of(o->start), key_of(k.first, k.second, recurring));
  }
  std::sort(out.hearings.begin(), out.hearings.end(),
            [](const Hearing& a, const Hearing& b) { return a.source_key < b.source_key; });
  std::sort(out.rejects.begin(), out.rejects.end(),
            [](const IcsReject& a, const IcsReject& b) { return a.line < b.line; });
  return out;
}

}  // namespace cw::scrapers::ics
