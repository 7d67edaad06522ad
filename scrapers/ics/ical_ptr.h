// RAII for libical handles (STYLE.md #8).
//
// IcalComponentPtr owns a top-level icalcomponent* (and so every component
// and property inside it) and frees it with icalcomponent_free. IcalString
// owns a string returned by one of libical's `_r` functions, which the caller
// must free; the non-`_r` variants return ring-buffer memory that libical
// reuses behind your back (DESIGN.md §13) and are not used in this module.
// Both are move-only; neither is shared between threads.
#pragma once

#include <libical/ical.h>

#include <memory>
#include <string>

namespace cw::scrapers::ics {

struct IcalComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using IcalComponentPtr = std::unique_ptr<icalcomponent, IcalComponentDeleter>;

struct IcalStringDeleter {
  void operator()(char* s) const { icalmemory_free_buffer(s); }
};
using IcalString = std::unique_ptr<char, IcalStringDeleter>;

inline std::string to_std(const IcalString& s) { return s ? std::string(s.get()) : std::string(); }

}  // namespace cw::scrapers::ics
