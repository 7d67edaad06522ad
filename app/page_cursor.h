// Opaque page cursors for the keyset-paginated read models (app/queries.h).
//
// A cursor carries the listing position of the last item of a page, tagged
// with the list it belongs to, as base64url (no padding) of a small JSON
// array. Clients must treat it as opaque; it is not signed, because it only
// says where to resume reading a list the caller may read anyway. decode()
// checks the tag, the arity and every element's type, so a forged or
// truncated cursor is an invalid-input error naming "cursor", never a crash
// or a query with garbage bounds. Pure functions, thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.h"

namespace cw::app {

// Encodes [tag, fields...] as a cursor.
std::string encode_cursor(std::string_view tag, const nlohmann::json::array_t& fields);
// The fields of a cursor made by encode_cursor(tag, ...) with `arity` fields.
Result<nlohmann::json> decode_cursor(std::string_view cursor, std::string_view tag,
                                     std::size_t arity);

}  // namespace cw::app
