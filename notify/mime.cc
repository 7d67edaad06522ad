#include "notify/mime.h"

#include <sodium.h>

#include <array>
#include <cstdio>

namespace cw::notify {
namespace {

constexpr std::string_view kHex = "0123456789ABCDEF";
constexpr std::array<std::string_view, 7> kDays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string base64(std::string_view data, bool wrap) {
  std::string out(sodium_base64_encoded_len(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                    data.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  if (!wrap) return out;
  std::string lines;
  for (std::size_t i = 0; i < out.size(); i += 76) lines += out.substr(i, 76) + "\r\n";
  return lines;
}

bool printable_ascii(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) return false;
  }
  return true;
}

// Header values never carry line breaks (header injection).
std::string one_line(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return out;
}

}  // namespace

std::string message_id_for(std::string_view idem_key, std::string_view host) {
  unsigned char h[16];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(idem_key.data()),
                     idem_key.size(), nullptr, 0);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return "<cw-" + std::string(hex) + "@" + std::string(host.empty() ? "localhost" : host) + ">";
}

std::string rfc5322_date(Instant t) {
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss hms{t - day};
  const auto wd = static_cast<std::size_t>(weekday_index(LocalDate{day.time_since_epoch()}));
  char buf[64];
  (void)std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                      std::string(kDays[wd]).c_str(), static_cast<unsigned>(ymd.day()),
                      std::string(kMonths[static_cast<unsigned>(ymd.month()) - 1]).c_str(),
                      static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                      static_cast<int>(hms.minutes().count()),
                      static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string quoted_printable(std::string_view s) {
  std::string out;
  std::size_t col = 0;
  auto put = [&](std::string_view piece) {
    if (col + piece.size() > 75) {
      out += "=\r\n";
      col = 0;
    }
    out += piece;
    col += piece.size();
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      out += "\r\n";
      col = 0;
      continue;
    }
    if (c == '\r') continue;
    const bool before_break = i + 1 == s.size() || s[i + 1] == '\n' || s[i + 1] == '\r';
    // '.' first on a line is encoded so no relay mistakes it for the end.
    const bool plain = (c >= 33 && c <= 126 && c != '=' && !(c == '.' && col == 0)) ||
                       ((c == ' ' || c == '\t') && !before_break);
    if (plain) {
      const char ch = static_cast<char>(c);
      put(std::string_view(&ch, 1));
    } else {
      const char enc[3] = {'=', kHex[c >> 4], kHex[c & 15]};
      put(std::string_view(enc, 3));
    }
  }
  return out;
}

std::string encode_header(std::string_view text) {
  std::string line = one_line(text);
  if (printable_ascii(line)) return line;
  // Encoded words of at most 45 bytes of input (60 base64 characters), never
  // splitting a UTF-8 sequence.
  std::string out;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t n = std::min<std::size_t>(45, line.size() - i);
    while (i + n < line.size() && (static_cast<unsigned char>(line[i + n]) & 0xC0) == 0x80) --n;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(line.substr(i, n), false) + "?=";
    i += n;
  }
  return out;
}

std::string build_mime(const MailHeaders& h, const std::string& text, const std::string& html,
                       const std::string& ics) {
  const std::string tag = h.message_id.substr(4, 16);
  const std::string alt = "cw-alt-" + tag;
  const std::string mixed = "cw-mixed-" + tag;
  std::string m;
  m += "Message-ID: " + one_line(h.message_id) + "\r\n";
  m += "Date: " + rfc5322_date(h.date) + "\r\n";
  m += "From: " + encode_header(h.from) + "\r\n";
  m += "To: " + one_line(h.to) + "\r\n";
  if (!h.reply_to.empty()) m += "Reply-To: " + one_line(h.reply_to) + "\r\n";
  m += "Subject: " + encode_header(h.subject) + "\r\n";
  if (!h.list_unsubscribe.empty())
    m += "List-Unsubscribe: " + one_line(h.list_unsubscribe) + "\r\n";
  m += "Auto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n";
  std::string body;
  body += "Content-Type: multipart/alternative; boundary=\"" + alt + "\"\r\n\r\n";
  body += "--" + alt + "\r\nContent-Type: text/plain; charset=utf-8\r\n";
  body += "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quoted_printable(text) + "\r\n";
  body += "--" + alt + "\r\nContent-Type: text/html; charset=utf-8\r\n";
  body += "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quoted_printable(html) + "\r\n";
  body += "--" + alt + "--\r\n";
  if (ics.empty()) return m + body;
  m += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n";
  m += "--" + mixed + "\r\n" + body;
  m += "--" + mixed + "\r\n";
  m += "Content-Type: text/calendar; charset=utf-8; method=REQUEST; name=\"invite.ics\"\r\n";
  m += "Content-Disposition: attachment; filename=\"invite.ics\"\r\n";
  m += "Content-Transfer-Encoding: base64\r\n\r\n" + base64(ics, true);
  m += "--" + mixed + "--\r\n";
  return m;
}

}  // namespace cw::notify
