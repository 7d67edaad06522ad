#include "scrapers/eoir/schedule.h"

#include <algorithm>

#include "core/text.h"
#include "scrapers/eoir/fields.h"

namespace cw::scrapers::eoir {
namespace {

constexpr std::string_view kColumnNames[] = {
    "IDNSCHEDULE",    "IDNPROCEEDING", "IDNCASE",      "LANG",     "HEARING_LOC_CODE",
    "BASE_CITY_CODE", "IJ_CODE",       "CAL_TYPE",     "ADJ_DATE", "ADJ_TIME_START",
    "ADJ_TIME_STOP",  "ADJ_RSN",       "SCHEDULE_TYPE"};
constexpr std::string_view kRequired[] = {"IDNSCHEDULE", "ADJ_DATE", "ADJ_TIME_START",
                                          "BASE_CITY_CODE"};

// Up to 8 bytes of an upper-cased code in one integer; nullopt when longer.
std::optional<std::uint64_t> pack_code(std::string_view code) {
  if (code.empty() || code.size() > 8) return std::nullopt;
  std::uint64_t v = 0;
  for (const char ch : code) {
    const char c = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 32) : ch;
    v = (v << 8) | static_cast<unsigned char>(c);
  }
  return v;
}

bool one_of(std::string_view code, std::initializer_list<std::string_view> set) {
  return std::any_of(set.begin(), set.end(), [&](std::string_view s) { return iequals(code, s); });
}

// A raw value for a message: short, and valid UTF-8 whatever the input was.
std::string quoted(std::string_view raw) {
  std::string out = "'";
  append_latin1_as_utf8(raw.substr(0, 24), out);
  if (raw.size() > 24) out += "…";
  return out + "'";
}

void assign_utf8(std::string& out, std::string_view latin1) {
  out.clear();
  append_latin1_as_utf8(latin1, out);
}

}  // namespace

Result<ScheduleParser> ScheduleParser::create(std::string_view header_line, ImportScope scope,
                                              const Lookups& lookups, const CustodySet& custody) {
  const auto header = TableHeader::parse(header_line);
  for (const auto name : kRequired) {
    if (!header.find(name)) {
      return fail(Error::invalid("line 1: missing column '" + std::string(name) + "'"));
    }
  }
  return ScheduleParser(header, std::move(scope), lookups, custody);
}

ScheduleParser::ScheduleParser(const TableHeader& header, ImportScope scope, const Lookups& lookups,
                               const CustodySet& custody)
    : splitter_(header.size(), header.find("ADJ_MSG")),
      scope_(std::move(scope)),
      lookups_(lookups),
      custody_(custody) {
  for (int c = 0; c < kColCount; ++c) cols_[c] = header.find(kColumnNames[c]).value_or(kAbsent);
  bool any = false;
  for (std::size_t i = 0; i < scope_.sites.size(); ++i) {
    const auto& s = scope_.sites[i];
    if (const auto key = pack_code(s.code)) site_index_.emplace_back(*key, static_cast<int>(i));
    if (s.first_day > s.last_day) continue;
    first_day_ = any ? std::min(first_day_, s.first_day) : s.first_day;
    last_day_ = any ? std::max(last_day_, s.last_day) : s.last_day;
    any = true;
  }
  std::sort(site_index_.begin(), site_index_.end());
}

int ScheduleParser::find_site(std::string_view code) const {
  if (const auto key = pack_code(code)) {
    const auto it = std::lower_bound(site_index_.begin(), site_index_.end(),
                                     std::pair<std::uint64_t, int>{*key, -1});
    return it != site_index_.end() && it->first == *key ? it->second : -1;
  }
  for (std::size_t i = 0; i < scope_.sites.size(); ++i) {  // codes longer than 8 bytes
    if (iequals(scope_.sites[i].code, code)) return static_cast<int>(i);
  }
  return -1;
}

RowFate ScheduleParser::parse(std::string_view line, std::int64_t line_no, Hearing& out,
                              RowReject& reject) {
  const auto f = splitter_.split(line);
  // Cheap decisions first: most of the table is history outside the window.
  const auto day = parse_day_number(field(f, kAdjDate));
  if (!day || *day < first_day_ || *day > last_day_) return RowFate::outside_window;
  const auto city = clean_code(field(f, kBaseCity));
  const int site = find_site(city);
  if (site >= 0) {
    const auto& s = scope_.sites[static_cast<std::size_t>(site)];
    if (*day < s.first_day || *day > s.last_day) return RowFate::outside_window;
  } else if (scope_.restricted) {
    return RowFate::other_site;
  }
  const auto schedule_type = clean_code(field(f, kScheduleType));
  if (one_of(schedule_type, {"AN", "SL", "TR", "DT", "**"})) return RowFate::not_hearing;

  const auto where = [line_no] { return "line " + std::to_string(line_no) + ", field "; };
  if (site < 0) {
    reject.reason = "unknown-site";
    reject.field = "BASE_CITY_CODE";
    reject.message = where() + "'BASE_CITY_CODE': unknown site " + quoted(city);
    return RowFate::rejected;
  }
  const auto start = parse_eoir_time(field(f, kTimeStart));
  if (!start) {
    reject.reason = "bad-time";
    reject.field = "ADJ_TIME_START";
    reject.message = where() +
                     "'ADJ_TIME_START': expected a time HHMM, HMM or H:MM (not 0000), got " +
                     quoted(trim(field(f, kTimeStart)));
    return RowFate::rejected;
  }
  if (clean_value(field(f, kIdnSchedule)).empty()) {
    reject.reason = "missing-id";
    reject.field = "IDNSCHEDULE";
    reject.message = where() + "'IDNSCHEDULE': empty";
    return RowFate::rejected;
  }
  build(f, scope_.sites[static_cast<std::size_t>(site)], from_day_number(*day), *start,
        schedule_type, out);
  return RowFate::hearing;
}

void ScheduleParser::build(std::span<const std::string_view> f, const SiteScope& site,
                           LocalDate date, TimeOfDay start, std::string_view schedule_type,
                           Hearing& out) const {
  out.id = 0;
  out.source_key.assign("eoir:");
  append_latin1_as_utf8(clean_value(field(f, kIdnSchedule)), out.source_key);
  out.site = site.code;
  out.date = date;
  out.start = start;
  out.stop = parse_eoir_time(field(f, kTimeStop));  // rule 4: a bad stop is dropped

  const auto loc = clean_code(field(f, kHearingLoc));
  if (const auto* name = loc.empty() ? nullptr : lookups_.location.find(loc);
      name && !name->empty()) {
    out.location = *name;
  } else {
    assign_utf8(out.location, loc);
  }
  const auto ij = clean_code(field(f, kIjCode));
  if (const auto* name = ij.empty() ? nullptr : lookups_.judge.find(ij); name && !name->empty()) {
    out.judge = *name;
  } else if (ij.empty()) {
    out.judge.clear();
  } else {
    out.judge.assign("IJ ");
    append_latin1_as_utf8(ij, out.judge);
  }
  const auto lang = clean_code(field(f, kLang));
  if (const auto* name = lang.empty() ? nullptr : lookups_.language.find(lang);
      name && !name->empty()) {
    out.language = *name;
  } else {
    assign_utf8(out.language, lower_latin1(lang));
  }

  const auto cal_type = clean_code(field(f, kCalType));
  if (iequals(schedule_type, "CY")) {
    out.type = HearingType::bond;
  } else if (iequals(cal_type, "M")) {
    out.type = HearingType::master;
  } else if (iequals(cal_type, "I")) {
    out.type = HearingType::individual;
  } else {
    out.type = HearingType::other;
  }
  out.detained =
      one_of(schedule_type, {"MD", "RD", "ID"}) || custody_.contains(field(f, kIdnProceeding));
  const bool adjourned = !clean_code(field(f, kAdjRsn)).empty();
  out.status = adjourned ? HearingStatus::cancelled : HearingStatus::scheduled;
  out.cancel_reason = adjourned ? "source" : "";
  assign_utf8(out.case_ref, clean_value(field(f, kIdnCase)));
  out.notes.clear();
}

}  // namespace cw::scrapers::eoir
