// What the schedule rows are joined with: the lookup tables (code → name) and
// the set of detained proceedings from B_TblProceeding.
//
// Lookups are small (thousands of rows) and loaded whole; names are converted
// from latin-1 to UTF-8 and trimmed once, at load. B_TblProceeding has ~16 M
// rows, so only the ids of detained proceedings (CUSTODY = D) are kept, as a
// sorted vector of 32-bit ids (ids that do not fit go to a small side vector):
// ~4 bytes per detained proceeding, about 20 MB for a national release.
// Both are immutable after loading and safe to read from several threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "scrapers/eoir/release.h"

namespace cw::scrapers::eoir {

// A code → name table. Codes match ASCII case-insensitively.
class CodeTable {
 public:
  // Adds a name for code; an existing entry is replaced only when it was not
  // `preferred` and this one is (tblLookupHloc: the blnActive = 1 row wins).
  void add(std::string_view code, std::string name, bool preferred = true);
  const std::string* find(std::string_view code) const;
  std::size_t size() const { return map_.size(); }

 private:
  struct Entry {
    std::string name;
    bool preferred = false;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> map_;
};

struct Lookups {
  CodeTable language;  // strCode → strDescription, lowercased
  CodeTable judge;     // JUDGE_CODE → JUDGE_NAME
  CodeTable location;  // HEARING_LOC_CODE → HEARING_LOC_NAME (active rows preferred)
};

// Loads whichever lookup files the release has; a missing file, or one
// without the expected columns, leaves its table empty.
Result<Lookups> load_lookups(const ReleaseFiles& files);

class CustodySet {
 public:
  void add(std::uint64_t id);
  // Sorts and removes duplicates; call once after the last add().
  void seal();
  bool contains(std::uint64_t id) const;
  // An IDNPROCEEDING field as written in the schedule (trimmed digits).
  bool contains(std::string_view id) const;
  std::size_t size() const { return small_.size() + big_.size(); }
  std::size_t memory_bytes() const;

 private:
  std::vector<std::uint32_t> small_;
  std::vector<std::uint64_t> big_;
};

// Parses a decimal id (surrounding blanks allowed); nullopt otherwise.
std::optional<std::uint64_t> parse_id(std::string_view s);

// Streams B_TblProceeding.csv and keeps the ids with CUSTODY = D.
Result<CustodySet> load_custody(const std::string& path, Progress* progress = nullptr);

}  // namespace cw::scrapers::eoir
