#include "core/user.h"

namespace cw {

std::string_view to_string(UserRole r) { return r == UserRole::admin ? "admin" : "coordinator"; }

std::optional<UserRole> parse_user_role(std::string_view s) {
  if (s == "admin") return UserRole::admin;
  if (s == "coordinator") return UserRole::coordinator;
  return std::nullopt;
}

}  // namespace cw
