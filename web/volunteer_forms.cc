#include "web/volunteer_forms.h"

#include <charconv>

#include "app/assignments.h"
#include "app/volunteer_self.h"
#include "core/log.h"
#include "core/text.h"

namespace cw::web {
namespace {

Outcome refused(int status, std::string key, std::string detail_key = {}) {
  return {"", "", status, FormError{std::move(key), std::move(detail_key), {}}};
}

// A failure of ours (the store), not of the volunteer's request.
Outcome internal(std::string_view what, const Error& e) {
  log::error("volunteer page: " + std::string(what) + ": " + e.message);
  return refused(500, "error.internal");
}

// The page's answer to a refusal by a use case; `invalid_key` names the
// field problem for invalid input.
Outcome from_error(std::string_view what, const Error& e, std::string_view invalid_key) {
  if (!e.rule.empty()) return refused(409, "error." + e.rule);
  switch (e.code) {
    case Errc::invalid_input:
      return refused(400, "error.input", std::string(invalid_key));
    case Errc::not_found:
      return refused(404, "error.gone");
    case Errc::conflict:
      return refused(409, "error.gone");
    default:
      return internal(what, e);
  }
}

std::string field(const FormFields& form, const std::string& name) {
  const auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

std::optional<int> parse_count(std::string_view s) {
  s = trim(s);
  int n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return n;
}

std::optional<DateRange> parse_range(std::string_view s) {
  const auto dots = s.find("..");
  if (dots == std::string_view::npos) return std::nullopt;
  auto first = parse_iso_date(s.substr(0, dots));
  auto last = parse_iso_date(s.substr(dots + 2));
  if (!first || !last) return std::nullopt;
  return DateRange{*first, *last};
}

}  // namespace

std::optional<Id> parse_id(const std::string& s) {
  Id id = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || end != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

std::string flash_key(std::string_view done) {
  for (const std::string_view k : {"confirmed", "declined", "claimed", "availability", "report"}) {
    if (done == k) return "flash." + std::string(k);
  }
  return "";
}

Outcome answer(store::Database& db, const Clock& clock, const app::Actor& who,
               const std::string& assignment, const std::string& verb) {
  const auto id = parse_id(assignment);
  if (!id) return refused(404, "error.gone");
  const bool confirming = verb == "confirm";
  auto ok = confirming ? app::confirm(db, clock, who, *id) : app::decline(db, clock, who, *id);
  if (!ok) return from_error("answer", ok.error(), "");
  return {confirming ? "confirmed" : "declined", "assignment-" + assignment, 303, std::nullopt};
}

Outcome claim(store::Database& db, const Clock& clock, const app::Actor& who, Lang lang,
              const std::string& session) {
  const auto id = parse_id(session);
  if (!id) return refused(404, "error.gone");
  auto claimed = app::claim(db, clock, who, *id);
  if (!claimed) {
    Outcome out = from_error("claim", claimed.error(), "");
    if (claimed.error().rule == "double-booked") {
      auto clash = app::clashing_session(db, who.volunteer, *id);
      if (!clash) return internal("claim", clash.error());
      if (*clash) out.error->detail = describe_session(lang, (*clash)->at);
    }
    return out;
  }
  return {"claimed", "assignment-" + std::to_string(claimed->id), 303, std::nullopt};
}

Outcome report(store::Database& db, const Clock& clock, const app::Actor& who,
               const std::string& session, const FormFields& form) {
  const auto id = parse_id(session);
  if (!id) return refused(404, "error.gone");
  app::ReportAnswer answer;
  auto ice = store::parse_ice_present(field(form, "ice_present"));
  if (!ice) return refused(400, "error.input", "error.ice_present");
  answer.ice_present = *ice;
  const auto count = parse_count(field(form, "detained_count"));
  if (!count || *count < 0 || *count > app::kMaxDetainedCount) {
    return refused(400, "error.input", "error.detained_count");
  }
  answer.detained_count = *count;
  answer.notes = field(form, "notes");
  if (answer.notes.size() > app::kMaxReportNotes || !valid_utf8(answer.notes)) {
    return refused(400, "error.input", "error.notes");
  }
  auto saved = app::file_report(db, clock, who, *id, answer);
  if (!saved) {
    if (saved.error().code == Errc::conflict) return refused(409, "error.input", "error.not_ended");
    return from_error("report", saved.error(), "error.input");
  }
  return {"report", "report-" + session, 303, std::nullopt};
}

Outcome availability(store::Database& db, const Clock& clock, const app::Actor& who,
                     const FormFields& form) {
  app::AvailabilityChange change;
  const auto [slots_begin, slots_end] = form.equal_range("slot");
  for (auto it = slots_begin; it != slots_end; ++it) {
    bool known = false;
    for (int day = 0; day < 7; ++day) {
      for (const Half half : {Half::am, Half::pm}) {
        if (it->second == slot_value(day, half)) {
          change.grid[day * 2 + (half == Half::pm)] = true;
          known = true;
        }
      }
    }
    if (!known) return refused(400, "error.input", "error.slot");
  }
  const auto [rm_begin, rm_end] = form.equal_range("remove_blackout");
  for (auto it = rm_begin; it != rm_end; ++it) {
    const auto range = parse_range(it->second);
    if (!range) return refused(400, "error.input", "error.dates");
    change.remove.push_back(*range);
  }
  const std::string from = field(form, "away_from");
  const std::string to = field(form, "away_to");
  if (!from.empty() || !to.empty()) {
    auto first = parse_iso_date(from.empty() ? to : from);
    auto last = parse_iso_date(to.empty() ? from : to);
    if (!first || !last || *last < *first) return refused(400, "error.input", "error.dates");
    change.add = DateRange{*first, *last};
  }
  if (auto ok = app::set_availability(db, clock, who, change); !ok) {
    return from_error("availability", ok.error(), "error.dates");
  }
  return {"availability", "availability", 303, std::nullopt};
}

}  // namespace cw::web
