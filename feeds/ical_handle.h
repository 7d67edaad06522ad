// RAII for libical handles (STYLE.md rule 8).
//
// ComponentPtr owns an icalcomponent* and frees it (with its children) on
// destruction; PropertyPtr owns a property until it is handed to a component
// with release(). ical_string() serializes with the `_r` variant and frees
// libical's buffer, so nothing depends on libical's ring buffer, which is
// recycled behind the caller's back (DESIGN.md §13). Handles are not shared
// between threads: every feed is built in the thread that serves it.
#pragma once

#include <libical/ical.h>

#include <memory>
#include <string>

namespace cw::feeds {

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
struct PropertyDeleter {
  void operator()(icalproperty* p) const { icalproperty_free(p); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;
using PropertyPtr = std::unique_ptr<icalproperty, PropertyDeleter>;

// The iCalendar text of a component (CRLF line endings, folded lines).
inline std::string ical_string(icalcomponent* c) {
  char* raw = icalcomponent_as_ical_string_r(c);
  if (raw == nullptr) return {};
  std::string out(raw);
  icalmemory_free_buffer(raw);
  return out;
}

}  // namespace cw::feeds
