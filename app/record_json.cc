#include "app/record_json.h"

namespace cw::app {

nlohmann::json session_record(const Session& s, int assigned) {
  std::vector<std::string> types;
  types.reserve(s.types.size());
  for (const auto t : s.types) types.emplace_back(to_string(t));
  return {{"id", s.id},
          {"site", s.key.site},
          {"location", s.key.location},
          {"judge", s.key.judge},
          {"date", format_date(s.key.date)},
          {"half", to_string(s.key.half)},
          {"start", format_time(s.start)},
          {"end", format_time(s.end)},
          {"hearings", s.hearings},
          {"detained_hearings", s.detained_hearings},
          {"types", types},
          {"languages", s.languages},
          {"need", s.need()},
          {"weight", s.weight()},
          {"assigned", assigned},
          {"status", s.status == SessionStatus::cancelled ? "cancelled" : "active"},
          {"sequence", s.sequence}};
}

nlohmann::json hearing_record(const Hearing& h) {
  return {{"site", h.site},
          {"date", format_date(h.date)},
          {"time", format_time(h.start)},
          {"end_time", h.stop ? nlohmann::json(format_time(*h.stop)) : nlohmann::json(nullptr)},
          {"location", h.location},
          {"judge", h.judge},
          {"type", to_string(h.type)},
          {"language", h.language},
          {"detained", h.detained},
          {"status", to_string(h.status)}};
}

}  // namespace cw::app
