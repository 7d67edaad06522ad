// Catalog entries of the coordinator pages (English and Spanish), merged into
// the catalogs of web/i18n.h. Kept apart from the base catalog so that the
// pages' many strings do not crowd it. Immutable; thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "web/i18n.h"

namespace cw::web {

struct CatalogEntry {
  std::string_view key;
  std::string_view value;
};

std::span<const CatalogEntry> page_catalog(Lang lang);

}  // namespace cw::web
