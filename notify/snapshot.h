// What a message says about a session, frozen when it is planned.
//
// A Snapshot is the part of a session a volunteer needs (site, address, day,
// time, courtroom, judge, sequence) and nothing else: no hearing, no case
// reference, no respondent. It is stored in the outbox row's JSON payload so
// that a change notice can say old → new from what the volunteer was last
// told, and so the message is rendered later exactly as planned. Values;
// thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/domain.h"

namespace cw::notify {

struct Snapshot {
  Id id = 0;
  std::string site;       // code
  std::string site_name;  // "Chicago Immigration Court"
  std::string address;
  std::string timezone;
  std::string date;   // YYYY-MM-DD, site-local
  std::string start;  // HH:MM
  std::string end;
  std::string location;
  std::string judge;
  int sequence = 0;
  bool cancelled = false;
};

Snapshot snapshot_of(const Session& s, const Site& site);
nlohmann::json to_json(const Snapshot& s);
Result<Snapshot> snapshot_from_json(const nlohmann::json& j);
// The session's start as an instant (site-local rules, choose::earliest).
Result<Instant> start_instant(const Snapshot& s);

}  // namespace cw::notify
