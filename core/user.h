// Coordinator accounts (DESIGN.md §8, Auth).
//
// A User is a person who signs in to the coordinator desk: a unique name, a
// role and whether the account is disabled. The password hash lives only in
// the store and in app/accounts; nothing else ever holds it. Plain values:
// thread-safe to copy.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/domain.h"

namespace cw {

// admin ⊇ coordinator: an admin may do everything a coordinator may, plus
// accounts, settings and erasure.
enum class UserRole { coordinator, admin };
std::string_view to_string(UserRole r);
std::optional<UserRole> parse_user_role(std::string_view s);
// True when a user with role `has` may use something that needs `needs`.
constexpr bool role_allows(UserRole has, UserRole needs) {
  return static_cast<int>(has) >= static_cast<int>(needs);
}

struct User {
  Id id = 0;
  std::string name;
  UserRole role = UserRole::coordinator;
  bool disabled = false;
  Instant created{};
  std::string locale;  // "en", "es", or "" to follow the browser's Accept-Language
};

}  // namespace cw
