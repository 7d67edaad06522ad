#include "notify/snapshot.h"

#include <nlohmann/json.hpp>

namespace cw::notify {

Snapshot snapshot_of(const Session& s, const Site& site) {
  Snapshot n;
  n.id = s.id;
  n.site = site.code;
  n.site_name = site.name;
  n.address = site.address;
  n.timezone = site.timezone;
  n.date = format_date(s.key.date);
  n.start = format_time(s.start);
  n.end = format_time(s.end);
  n.location = s.key.location;
  n.judge = s.key.judge;
  n.sequence = s.sequence;
  n.cancelled = s.status == SessionStatus::cancelled;
  return n;
}

nlohmann::json to_json(const Snapshot& s) {
  return {{"id", s.id},           {"site", s.site},         {"site_name", s.site_name},
          {"address", s.address}, {"timezone", s.timezone}, {"date", s.date},
          {"start", s.start},     {"end", s.end},           {"location", s.location},
          {"judge", s.judge},     {"sequence", s.sequence}, {"cancelled", s.cancelled}};
}

Result<Snapshot> snapshot_from_json(const nlohmann::json& j) {
  try {
    Snapshot s;
    s.id = j.at("id").get<Id>();
    s.site = j.at("site").get<std::string>();
    s.site_name = j.at("site_name").get<std::string>();
    s.address = j.at("address").get<std::string>();
    s.timezone = j.at("timezone").get<std::string>();
    s.date = j.at("date").get<std::string>();
    s.start = j.at("start").get<std::string>();
    s.end = j.at("end").get<std::string>();
    s.location = j.at("location").get<std::string>();
    s.judge = j.at("judge").get<std::string>();
    s.sequence = j.at("sequence").get<int>();
    s.cancelled = j.at("cancelled").get<bool>();
    return s;
  } catch (const nlohmann::json::exception& e) {
    return fail(Error::invalid(std::string("outbox payload: session snapshot: ") + e.what()));
  }
}

Result<Instant> start_instant(const Snapshot& s) {
  const Zone zone = CW_TRY(find_zone(s.timezone));
  const LocalDate day = CW_TRY(parse_iso_date(s.date));
  const TimeOfDay start = CW_TRY(parse_hh_mm(s.start));
  return resolve(zone, day, start).instant;
}

}  // namespace cw::notify
