#include "scrapers/status/status_page.h"

#include <array>
#include <cctype>

#include "core/text.h"

namespace cw::scrapers::status {
namespace {

constexpr std::size_t kMaxCellBytes = 500;

void append_utf8(std::uint32_t cp, std::string& out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Collapses runs of whitespace (and no-break spaces) to one space; trims.
std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    const bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
    if (std::isspace(c) || nbsp) {
      space = !out.empty();
      if (nbsp) ++i;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

// The page as lines of text and table rows, with their line numbers.
struct Row {
  std::vector<std::string> cells;
  bool all_header = true;
  std::int64_t line = 0;
};

class Scanner {
 public:
  explicit Scanner(std::string_view html) : html_(html) {}

  void run() {
    while (pos_ < html_.size()) {
      const char c = html_[pos_];
      if (c == '<') {
        tag();
      } else {
        if (c == '\n') ++line_;
        text_ += c;
        ++pos_;
      }
    }
    end_line();
    end_row();
  }

  std::vector<std::pair<std::string, std::int64_t>> lines;  // text outside tables
  std::vector<Row> rows;

 private:
  void tag() {
    if (html_.compare(pos_, 4, "<!--") == 0) return skip_to("-->");
    const auto end = html_.find('>', pos_);
    if (end == std::string_view::npos) {
      pos_ = html_.size();
      return;
    }
    const auto inner = html_.substr(pos_ + 1, end - pos_ - 1);
    count_lines(inner);
    pos_ = end + 1;
    const bool closing = !inner.empty() && inner[0] == '/';
    std::size_t n = closing ? 1 : 0;
    std::size_t k = n;
    while (k < inner.size() && std::isalnum(static_cast<unsigned char>(inner[k]))) ++k;
    const auto name = lower_ascii(inner.substr(n, k - n));
    if (!closing && (name == "script" || name == "style")) return skip_to("</" + name);
    if (name == "tr") {
      end_row();
      if (!closing) {
        in_row_ = true;
        row_ = Row{};
        row_.line = line_;
      }
    } else if ((name == "td" || name == "th") && in_row_) {
      end_cell();
      if (!closing) {
        in_cell_ = true;
        if (name == "td") row_.all_header = false;
      }
    } else if (name == "table") {
      end_row();
    } else if (name == "br" || name == "p" || name == "li" || name == "div" || name == "ul" ||
               name == "ol" || (name.size() == 2 && name[0] == 'h' && std::isdigit(name[1]))) {
      if (in_cell_) {
        text_ += ' ';
      } else {
        end_line();
      }
    }
  }

  void count_lines(std::string_view s) {
    for (const char c : s) line_ += c == '\n';
  }
  void skip_to(const std::string& marker) {
    auto end = html_.find(marker, pos_);
    if (end == std::string_view::npos) end = html_.size();
    count_lines(html_.substr(pos_, end - pos_));
    pos_ = std::min(html_.size(), end + marker.size());
  }
  void end_cell() {
    if (in_cell_) {
      auto cell = collapse(decode_entities(text_));
      if (cell.size() > kMaxCellBytes) cell.resize(kMaxCellBytes);
      row_.cells.push_back(std::move(cell));
    }
    in_cell_ = false;
    text_.clear();
  }
  void end_row() {
    if (!in_row_) return end_line();
    end_cell();
    rows.push_back(std::move(row_));
    row_ = Row{};
    in_row_ = false;
  }
  // Splits the text gathered outside tables into lines.
  void end_line() {
    if (in_row_) return;
    std::int64_t l =
        line_ - static_cast<std::int64_t>(std::count(text_.begin(), text_.end(), '\n'));
    for (const auto piece : split(text_, '\n')) {
      auto t = collapse(decode_entities(piece));
      if (!t.empty() && t.size() <= kMaxCellBytes) lines.emplace_back(std::move(t), l);
      ++l;
    }
    text_.clear();
  }

  std::string_view html_;
  std::size_t pos_ = 0;
  std::int64_t line_ = 1;
  std::string text_;
  bool in_row_ = false;
  bool in_cell_ = false;
  Row row_;
};

std::optional<LocalDate> make_date(int y, unsigned m, unsigned d) {
  const date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
  if (y < 1990 || y > 2100 || !ymd.ok()) return std::nullopt;
  return LocalDate{ymd};
}

// Reads a number at s[i..]; advances i.
int number(std::string_view s, std::size_t& i, int max_digits) {
  int v = 0, n = 0;
  while (i < s.size() && n < max_digits && std::isdigit(static_cast<unsigned char>(s[i]))) {
    v = v * 10 + (s[i++] - '0');
    ++n;
  }
  return n ? v : -1;
}

std::optional<LocalDate> find_date(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  const auto lower = lower_ascii(text);
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (i > 0 && std::isalnum(static_cast<unsigned char>(lower[i - 1]))) continue;
    for (unsigned m = 0; m < kMonths.size(); ++m) {
      if (lower.compare(i, 3, kMonths[m]) != 0) continue;
      std::size_t j = i + 3;
      while (j < lower.size() &&
             (std::isalpha(static_cast<unsigned char>(lower[j])) || lower[j] == '.'))
        ++j;
      while (j < lower.size() && lower[j] == ' ') ++j;
      const int d = number(lower, j, 2);
      if (d < 0 || j >= lower.size() || lower[j] != ',') continue;
      ++j;
      while (j < lower.size() && lower[j] == ' ') ++j;
      const int y = number(lower, j, 4);
      if (auto date = make_date(y, m + 1, static_cast<unsigned>(d))) return date;
    }
    if (std::isdigit(static_cast<unsigned char>(lower[i]))) {
      std::size_t j = i;
      const int a = number(lower, j, 4);
      if (j < lower.size() && (lower[j] == '-' || lower[j] == '/')) {
        const char sep = lower[j++];
        const int b = number(lower, j, 2);
        if (b >= 0 && j < lower.size() && lower[j] == sep) {
          ++j;
          const int c = number(lower, j, 4);
          if (sep == '-' && a >= 1000 && b > 0 && c > 0) {
            if (auto date = make_date(a, b, c)) return date;
          } else if (sep == '/' && c >= 1000 && a > 0 && b > 0) {
            if (auto date = make_date(c, a, b)) return date;
          }
        }
      }
    }
  }
  return std::nullopt;
}

// "Court: status" or "Court – status" (en or em dash) on a text line.
std::optional<std::pair<std::string, std::string>> split_line(const std::string& line) {
  for (const std::string_view sep : {": ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " | "}) {
    const auto p = line.find(sep);
    if (p != std::string::npos && p > 0) {
      return std::pair{std::string(trim(line.substr(0, p))),
                       std::string(trim(line.substr(p + sep.size())))};
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(CourtStatus s) {
  switch (s) {
    case CourtStatus::open:
      return "open";
    case CourtStatus::closed:
      return "closed";
    case CourtStatus::partial:
      return "partial";
    case CourtStatus::unknown:
      break;
  }
  return "unknown";
}

CourtStatus classify_status(std::string_view text) {
  const auto s = lower_ascii(collapse(text));
  const bool open = s.find("open") != std::string::npos;
  if (s.find("detained") != std::string::npos && s.find("only") != std::string::npos) {
    return CourtStatus::partial;
  }
  if (s.find("closed") != std::string::npos && !open) return CourtStatus::closed;
  if (s.starts_with("open") || s.starts_with("delayed opening")) return CourtStatus::open;
  return CourtStatus::unknown;
}

std::string decode_entities(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, std::uint32_t>, 12> kNamed{
      {{"amp", '&'},
       {"lt", '<'},
       {"gt", '>'},
       {"quot", '"'},
       {"apos", '\''},
       {"nbsp", 0xA0},
       {"ndash", 0x2013},
       {"mdash", 0x2014},
       {"rsquo", 0x2019},
       {"lsquo", 0x2018},
       {"ldquo", 0x201C},
       {"rdquo", 0x201D}}};
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10 || semi == i + 1) {
      out += s[i];
      continue;
    }
    const auto name = s.substr(i + 1, semi - i - 1);
    std::optional<std::uint32_t> cp;
    if (name[0] == '#') {
      const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      const auto digits = name.substr(hex ? 2 : 1);
      std::uint32_t v = 0;
      bool ok = !digits.empty();
      for (const char c : digits) {
        const int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                      : hex && std::isxdigit(static_cast<unsigned char>(c))
                          ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                          : -1;
        if (d < 0 || v > 0x10FFFF) ok = false;
        if (!ok) break;
        v = v * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      }
      if (ok) cp = v;
    } else {
      for (const auto& [n, v] : kNamed) {
        if (n == name) cp = v;
      }
    }
    if (!cp) {
      out += s[i];
      continue;
    }
    append_utf8(*cp, out);
    i = semi;
  }
  return out;
}

StatusPage parse_status_page(std::string_view html) {
  Scanner sc(html);
  sc.run();
  StatusPage page;
  for (const auto& [text, line] : sc.lines) {
    const auto lower = lower_ascii(text);
    for (const char* cue : {"updated", "as of", "effective", "status for"}) {
      if (!page.date && lower.find(cue) != std::string::npos) page.date = find_date(text);
    }
  }
  for (const auto& [text, line] : sc.lines) {
    if (!page.date) page.date = find_date(text);
    if (auto kv = split_line(text)) {
      const auto kind = classify_status(kv->second);
      if (kind != CourtStatus::unknown && !kv->first.empty()) {
        page.entries.push_back({kv->first, kv->second, kind, line});
      }
    }
  }
  for (const auto& row : sc.rows) {
    if (row.cells.size() < 2 || row.all_header || row.cells[0].empty()) continue;
    if (iequals(row.cells[1], "status") || iequals(row.cells[1], "operating status")) continue;
    page.entries.push_back({row.cells[0], row.cells[1], classify_status(row.cells[1]), row.line});
  }
  std::stable_sort(page.entries.begin(), page.entries.end(),
                   [](const StatusEntry& a, const StatusEntry& b) { return a.line < b.line; });
  return page;
}

}  // namespace cw::scrapers::status
