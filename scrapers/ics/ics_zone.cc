#include "scrapers/ics/ics_zone.h"

namespace cw::scrapers::ics {

IcsZone IcsZone::utc() {
  static const Zone z = date::locate_zone("Etc/UTC");
  return iana(z);
}

bool IcsZone::is_utc() const { return iana_ && iana_ == utc().iana_; }

std::chrono::seconds IcsZone::offset_at(Instant t) const {
  if (iana_) return iana_->get_info(t).offset;
  icaltimetype tt = icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()),
                                                  0, icaltimezone_get_utc_timezone());
  int daylight = 0;
  return std::chrono::seconds{icaltimezone_get_utc_offset_of_utc_time(file_, &tt, &daylight)};
}

Instant IcsZone::instant(LocalDateTime local) const {
  const auto wall = local.time_since_epoch();
  // date/tz: `first` is the only reading, the earlier of two, or the one in
  // force before a gap — RFC 5545's choice in every case.
  if (iana_) return Instant{wall - iana_->get_info(local).first.offset};
  const Instant naive{wall};
  const auto before = offset_at(naive - std::chrono::hours{24});
  const auto after = offset_at(naive + std::chrono::hours{24});
  for (const auto offset : {before, after}) {
    const Instant t{wall - offset};
    if (offset_at(t) == offset) return t;
  }
  return Instant{wall - before};  // in a gap
}

LocalDateTime IcsZone::local(Instant t) const {
  return LocalDateTime{t.time_since_epoch() + offset_at(t)};
}

}  // namespace cw::scrapers::ics
