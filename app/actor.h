// Who asks for a change (every app/ use case takes one).
//
// A coordinator (by account name), a volunteer (through their self-service
// page, by id and handle) or the system itself (the matcher, an import, the
// CLI run by the operator). label() is what the audit log and the assignment
// events record: a name, "volunteer:v0001", or the system part's name —
// never an e-mail or a display name, so erasing a volunteer leaves nothing
// personal in the log. Plain value; thread-safe to copy.
#pragma once

#include <string>

#include "core/domain.h"

namespace cw::app {

enum class ActorKind { coordinator, volunteer, system };

struct Actor {
  ActorKind kind = ActorKind::system;
  std::string name;  // account name, volunteer handle, or "matcher", "import", "cli"
  Id volunteer = 0;  // the volunteer's id when kind == volunteer

  static Actor coordinator(std::string user) {
    return {ActorKind::coordinator, std::move(user), 0};
  }
  static Actor of_volunteer(Id id, std::string handle) {
    return {ActorKind::volunteer, std::move(handle), id};
  }
  static Actor system(std::string what) { return {ActorKind::system, std::move(what), 0}; }

  std::string label() const { return kind == ActorKind::volunteer ? "volunteer:" + name : name; }
};

}  // namespace cw::app
