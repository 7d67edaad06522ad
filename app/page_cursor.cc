#include "app/page_cursor.h"

#include <sodium.h>

#include <vector>

#include "app/message_text.h"

namespace cw::app {
namespace {

constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
constexpr std::size_t kMaxCursor = 2048;

Error bad_cursor() { return foreign_cursor(); }

}  // namespace

std::string encode_cursor(std::string_view tag, const nlohmann::json::array_t& fields) {
  nlohmann::json all = nlohmann::json::array({tag});
  for (const auto& f : fields) all.push_back(f);
  const std::string raw = all.dump();
  std::string out(sodium_base64_encoded_len(raw.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), kVariant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Result<nlohmann::json> decode_cursor(std::string_view cursor, std::string_view tag,
                                     std::size_t arity) {
  if (cursor.empty() || cursor.size() > kMaxCursor) return fail(bad_cursor());
  std::vector<unsigned char> raw(cursor.size());
  std::size_t len = 0;
  if (sodium_base642bin(raw.data(), raw.size(), cursor.data(), cursor.size(), nullptr, &len,
                        nullptr, kVariant) != 0) {
    return fail(bad_cursor());
  }
  auto all = nlohmann::json::parse(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(len),
                                   nullptr, /*allow_exceptions=*/false);
  if (!all.is_array() || all.size() != arity + 1 || !all[0].is_string() ||
      all[0].get<std::string>() != tag) {
    return fail(bad_cursor());
  }
  all.erase(all.begin());
  return all;
}

}  // namespace cw::app
