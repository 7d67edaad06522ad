#include "scrapers/eoir/table.h"

#include <cstring>

#include "core/text.h"

namespace cw::scrapers::eoir {

TableHeader TableHeader::parse(std::string_view line) {
  TableHeader h;
  if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  for (const auto name : split(line, '\t')) h.names_.emplace_back(trim(name));
  return h;
}

std::optional<std::size_t> TableHeader::find(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (iequals(names_[i], name)) return i;
  }
  return std::nullopt;
}

RowSplitter::RowSplitter(std::size_t columns, std::optional<std::size_t> free_text)
    : columns_(columns ? columns : 1),
      free_text_(free_text && *free_text < columns_ ? free_text : std::nullopt),
      fields_(columns_) {
  starts_.reserve(columns_ + 8);
}

std::span<const std::string_view> RowSplitter::split(std::string_view line) {
  // Lines are capped by the reader's buffer, far below 4 GB.
  starts_.clear();
  starts_.push_back(0);
  const char* base = line.data();
  const char* p = base;
  const char* end = base + line.size();
  while (p < end) {
    const char* tab =
        static_cast<const char*>(std::memchr(p, '\t', static_cast<std::size_t>(end - p)));
    if (!tab) break;
    starts_.push_back(static_cast<std::uint32_t>(tab - base + 1));
    p = tab + 1;
  }
  const std::size_t n = starts_.size();
  raw_fields_ = n;
  // Field i of the raw row spans [starts_[i], starts_[i + 1] - 1).
  auto raw = [&](std::size_t first, std::size_t last) {  // raw fields first..last joined
    const std::size_t b = starts_[first];
    const std::size_t e = last + 1 < n ? starts_[last + 1] - 1 : line.size();
    return std::string_view(base + b, e - b);
  };
  if (n <= columns_) {
    for (std::size_t i = 0; i < columns_; ++i) fields_[i] = i < n ? raw(i, i) : std::string_view{};
    return fields_;
  }
  if (!free_text_) {  // no column may hold tabs: keep the leftmost fields
    for (std::size_t i = 0; i < columns_; ++i) fields_[i] = raw(i, i);
    return fields_;
  }
  const std::size_t m = *free_text_;
  const std::size_t surplus = n - columns_;
  for (std::size_t i = 0; i < m; ++i) fields_[i] = raw(i, i);
  fields_[m] = raw(m, m + surplus);
  for (std::size_t i = m + 1; i < columns_; ++i) fields_[i] = raw(i + surplus, i + surplus);
  return fields_;
}

}  // namespace cw::scrapers::eoir
