#include "scrapers/ics/expand.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "core/import_run.h"
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

Hearing make_hearing(const EventData& e, Instant start, std::optional<std::chrono::seconds> length,
                     std::string key, const IcsWindow& w) {
  Hearing h;
  h.source_key = std::move(key);
  h.site = w.site;
  const auto local = to_local(w.zone, start);
  h.date = date::floor<date::days>(local);
  h.start = date::floor<std::chrono::minutes>(local - h.date);
  if (length) {
    const auto end = to_local(w.zone, start + *length);
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
  // Several RRULEs: the set of occurrences is their union (RFC 5545 §3.8.5.3).
  for (auto rule : e.rrules) {
    // UNTIL in UTC with a zoned start: compare in the event's wall time.
    if (!icaltime_is_null_time(rule.until) && icaltime_is_utc(rule.until) && !e.start.utc) {
      WallTime u{rule.until, IcsZone::utc(), true};
      u.t.zone = nullptr;
      if (auto ui = instant_of(u)) rule.until = wall_fields(e.start.zone, *ui);
    }
    rule.until.zone = nullptr;
    std::unique_ptr<icalrecur_iterator, RecurIterDeleter> it(
        icalrecur_iterator_new(rule, e.start.t));
    if (!it)
      return std::unexpected(IcsReject{"bad-rrule", e.line, "RRULE cannot be expanded", "RRULE"});
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
                                       "ends",
                                       "RRULE"});
    }
  }
  for (const auto t : e.exdates) out.erase(t);
  if (!e.exdays.empty()) {
    std::erase_if(out, [&](Instant t) {
      const auto day = date::floor<date::days>(e.start.zone.local(t));
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

// Of two VEVENTs with the same UID (and RECURRENCE-ID), RFC 5545 keeps the
// higher SEQUENCE, then the later LAST-MODIFIED; on a tie, the first one.
bool supersedes(const EventData& later, const EventData& earlier) {
  if (later.sequence != earlier.sequence) return later.sequence > earlier.sequence;
  return later.last_modified &&
         (!earlier.last_modified || *later.last_modified > *earlier.last_modified);
}

using OverrideKey = std::pair<std::string, Instant>;  // UID, RECURRENCE-ID

struct Collected {
  std::map<std::string, EventData> masters;
  std::map<OverrideKey, EventData> overrides;
  std::set<OverrideKey> removed;  // occurrences whose override was rejected
};

// Keeps the winner of two events with the same key in `events`; the loser is
// a duplicate-uid reject.
template <typename Key>
void keep_winner(std::map<Key, EventData>& events, Key key, EventData e, IcsExpansion& out) {
  const auto it = events.lower_bound(key);
  if (it == events.end() || events.key_comp()(key, it->first)) {
    events.emplace_hint(it, std::move(key), std::move(e));
    return;
  }
  EventData& kept = it->second;
  EventData& incoming = e;
  const bool replace = supersedes(incoming, kept);
  const EventData& loser = replace ? kept : incoming;
  const EventData& winner = replace ? incoming : kept;
  out.rejects.push_back({"duplicate-uid", loser.line,
                         "another event with UID '" + shown(loser.uid) + "' (line " +
                             std::to_string(winner.line) + ", SEQUENCE " +
                             std::to_string(winner.sequence) + ") supersedes this one"});
  if (replace) kept = std::move(incoming);
}

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
        // The occurrence a rejected override replaced is not in the calendar any more.
        if (auto r = rejected_override(ev, w.zone, zones)) {
          c.removed.insert({std::move(r->uid), r->recurrence_id});
        }
        out.rejects.push_back(std::move(e).error());
      } else if (e->recurrence_id) {
        OverrideKey key{e->uid, *e->recurrence_id};
        keep_winner(c.overrides, std::move(key), std::move(*e), out);
      } else {
        auto uid = e->uid;
        keep_winner(c.masters, std::move(uid), std::move(*e), out);
      }
    }
  }
}

// The RANGE=THISANDFUTURE overrides of a UID, by RECURRENCE-ID.
std::vector<const EventData*> range_overrides(const std::map<OverrideKey, EventData>& overrides,
                                              const std::string& uid) {
  std::vector<const EventData*> out;
  for (auto it = overrides.lower_bound({uid, Instant::min()});
       it != overrides.end() && it->first.first == uid; ++it) {
    if (it->second.this_and_future) out.push_back(&it->second);
  }
  return out;
}

// The range override in force at an original start: the latest one whose
// RECURRENCE-ID is not after it.
const EventData* range_override_for(const std::vector<const EventData*>& ranges, Instant t) {
  const EventData* in_force = nullptr;
  for (const auto* r : ranges) {
    if (*r->recurrence_id <= t) in_force = r;
  }
  return in_force;
}

// RANGE=THISANDFUTURE moves every later occurrence by the override's shift,
// measured in wall-clock time (RFC 5545 §3.8.4.4; ical.js does the same): a
// weekly 09:00 moved to 10:00 stays at 10:00 across a DST change.
Instant shifted_start(const EventData& master, const EventData& range, Instant original) {
  const auto& zone = range.start.zone;
  const auto shift = zone.local(*instant_of(range.start)) - zone.local(*range.recurrence_id);
  return zone.instant(master.start.zone.local(original) + shift);
}

}  // namespace

Result<IcsExpansion> expand_calendar(std::string_view text, const IcsWindow& w,
                                     std::string_view name) {
  if (text.size() > kMaxTextBytes) {
    return fail(failed_as(
        Error::invalid(std::string(name) + ": calendar larger than 64 MB"),
        run_failure(RunFailure::too_large).arg("file", input_label(name)).arg("limit", "64 MB")));
  }
  if (text.find("BEGIN:VCALENDAR") == std::string_view::npos) {
    return fail(failed_as(
        Error::invalid(std::string(name) + ": not an iCalendar file (no BEGIN:VCALENDAR)"),
        run_failure(RunFailure::not_a_calendar).arg("file", input_label(name))));
  }
  const std::string owned(text);  // libical wants a NUL-terminated string
  IcalComponentPtr root(icalparser_parse_string(owned.c_str()));
  const auto cals = root ? calendars(root.get()) : std::vector<icalcomponent*>{};
  if (cals.empty()) {
    return fail(
        failed_as(Error::invalid(std::string(name) + ": not an iCalendar file (cannot parse)"),
                  run_failure(RunFailure::not_a_calendar).arg("file", input_label(name))));
  }
  IcsExpansion out;
  Collected c;
  collect(cals, vevent_lines(text), w, c, out);

  const InstantWindow win{resolve(w.zone, w.first, TimeOfDay{0}).instant,
                          resolve(w.zone, w.last + date::days{1}, TimeOfDay{0}).instant};
  std::map<OverrideKey, const EventData*> by_rid;
  for (const auto& [k, o] : c.overrides) by_rid[k] = &o;
  std::set<std::string> keys;
  auto emit = [&](const EventData& e, Instant start, std::optional<std::chrono::seconds> length,
                  std::string key) {
    if (!win.contains(start) || !keys.insert(key).second) return;
    out.hearings.push_back(make_hearing(e, start, length, std::move(key), w));
  };
  for (const auto& [uid, m] : c.masters) {
    auto starts = occurrences(m, win);
    if (!starts) {
      out.kept_uids.push_back(uid);
      out.rejects.push_back(std::move(starts).error());
      continue;
    }
    const auto ranges = range_overrides(c.overrides, uid);
    for (const auto t : *starts) {
      const auto key = key_of(uid, t, m.recurring());
      if (const auto o = by_rid.find({uid, t}); o != by_rid.end()) {
        emit(*o->second, *instant_of(o->second->start), o->second->duration, key);
        by_rid.erase(o);
      } else if (c.removed.contains({uid, t})) {
        continue;
      } else if (const EventData* r = range_override_for(ranges, t)) {
        emit(*r, shifted_start(m, *r, t), r->duration, key);
      } else {
        const auto period = m.rdate_durations.find(t);
        emit(m, t, period != m.rdate_durations.end() ? period->second : m.duration, key);
      }
    }
  }
  // Overrides of an occurrence the master does not produce (or of a master
  // that is not in this file) stand on their own.
  for (const auto& [k, o] : by_rid) {
    const auto m = c.masters.find(k.first);
    const bool recurring = m == c.masters.end() || m->second.recurring();
    emit(*o, *instant_of(o->start), o->duration, key_of(k.first, k.second, recurring));
  }
  std::sort(out.hearings.begin(), out.hearings.end(),
            [](const Hearing& a, const Hearing& b) { return a.source_key < b.source_key; });
  std::sort(out.rejects.begin(), out.rejects.end(),
            [](const IcsReject& a, const IcsReject& b) { return a.line < b.line; });
  return out;
}

}  // namespace cw::scrapers::ics
