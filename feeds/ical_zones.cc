#include "feeds/ical_zones.h"

namespace cw::feeds {
namespace {

icaltimetype utc_new_year(int year) {
  icaltimetype t = icaltime_null_time();
  t.year = year;
  t.month = 1;
  t.day = 1;
  t.zone = icaltimezone_get_utc_timezone();
  return t;
}

// Drops the properties that are not needed by a subscriber or that some
// parsers do not know (TZUNTIL is RFC 7808), then sets the plain TZID.
void set_plain_tzid(icalcomponent* vtz, const std::string& iana_name) {
  for (auto kind : {ICAL_TZID_PROPERTY, ICAL_TZUNTIL_PROPERTY, ICAL_TZURL_PROPERTY}) {
    while (icalproperty* p = icalcomponent_get_first_property(vtz, kind)) {
      icalcomponent_remove_property(vtz, p);
      icalproperty_free(p);
    }
  }
  icalcomponent_add_property(vtz, icalproperty_new_tzid(iana_name.c_str()));
}

}  // namespace

int preload_ical_zones() {
  icalarray* zones = icaltimezone_get_builtin_timezones();
  int loaded = 0;
  for (std::size_t i = 0; zones != nullptr && i < zones->num_elements; ++i) {
    auto* zone = static_cast<icaltimezone*>(icalarray_element_at(zones, i));
    if (icaltimezone_get_component(zone) != nullptr) ++loaded;
  }
  // Zones that zone.tab does not list but that exist as files are found on
  // first lookup; the ones sites use most are named here to load them too.
  for (const char* name : {"America/Phoenix", "Pacific/Guam", "Pacific/Saipan"}) {
    if (icaltimezone* z = icaltimezone_get_builtin_timezone(name)) icaltimezone_get_component(z);
  }
  return loaded;
}

Result<ComponentPtr> vtimezone(const std::string& iana_name, int first_year, int last_year) {
  icaltimezone* zone = icaltimezone_get_builtin_timezone(iana_name.c_str());
  icalcomponent* def = zone != nullptr ? icaltimezone_get_component(zone) : nullptr;
  if (def == nullptr) {
    return fail(Error::not_found("time zone '" + iana_name + "' is unknown to libical"));
  }
  // ms_compatible=1 keeps the recurring observances as RRULEs; 0 would write
  // later years as RDATEs in UTC, which RFC 5545 does not allow in a VTIMEZONE.
  ComponentPtr copy(icalcomponent_new_clone(def));
  icaltimezone_truncate_vtimezone(copy.get(), utc_new_year(first_year), utc_new_year(last_year + 1),
                                  /*ms_compatible=*/1);
  set_plain_tzid(copy.get(), iana_name);
  return copy;
}

}  // namespace cw::feeds
