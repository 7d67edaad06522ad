#include "scrapers/eoir/lookups.h"

#include <algorithm>

#include "core/import_run.h"
#include "core/text.h"
#include "scrapers/eoir/fields.h"
#include "scrapers/eoir/line_reader.h"
#include "scrapers/eoir/table.h"

namespace cw::scrapers::eoir {
namespace {

// Codes are short; longer ones (never seen) are folded into a std::string.
template <class F>
auto with_upper(std::string_view code, F&& f) {
  char buf[32];
  if (code.size() <= sizeof buf) {
    for (std::size_t i = 0; i < code.size(); ++i) {
      const char c = code[i];
      buf[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    }
    return f(std::string_view(buf, code.size()));
  }
  const std::string up = upper_ascii(code);
  return f(std::string_view(up));
}

struct TableSpec {
  std::string_view code_column;
  std::string_view name_column;
  std::string_view active_column;  // empty when the table has none
  bool lowercase = false;
};

Result<void> load_table(const std::string& path, const TableSpec& spec, CodeTable& out) {
  if (path.empty()) return {};
  auto reader = CW_TRY(LineReader::open(path));
  std::string_view line;
  if (!CW_TRY(reader.next(line))) return {};
  const auto header = TableHeader::parse(line);
  const auto code_col = header.find(spec.code_column);
  const auto name_col = header.find(spec.name_column);
  const auto active_col =
      spec.active_column.empty() ? std::nullopt : header.find(spec.active_column);
  if (!code_col || !name_col) return {};  // not the table we know: names degrade to codes
  RowSplitter splitter(header.size(), std::nullopt);
  std::string name;
  while (CW_TRY(reader.next(line))) {
    if (reader.truncated()) continue;
    const auto fields = splitter.split(line);
    const auto code = clean_code(fields[*code_col]);
    if (code.empty()) continue;
    const auto raw = trim(fields[*name_col]);
    name.clear();
    append_latin1_as_utf8(spec.lowercase ? std::string_view(lower_latin1(raw)) : raw, name);
    const bool active = !active_col || trim(fields[*active_col]) == "1";
    out.add(code, name, active);
  }
  return {};
}

}  // namespace

void CodeTable::add(std::string_view code, std::string name, bool preferred) {
  std::string key = upper_ascii(trim(code));
  auto it = map_.find(key);
  if (it == map_.end()) {
    map_.emplace(std::move(key), Entry{std::move(name), preferred});
  } else if (preferred && !it->second.preferred) {
    it->second = Entry{std::move(name), preferred};
  }
}

const std::string* CodeTable::find(std::string_view code) const {
  if (map_.empty()) return nullptr;
  return with_upper(code, [&](std::string_view key) -> const std::string* {
    const auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second.name;
  });
}

Result<Lookups> load_lookups(const ReleaseFiles& files) {
  Lookups l;
  CW_TRY(load_table(files.language, {"strCode", "strDescription", "", true}, l.language));
  CW_TRY(load_table(files.judge, {"JUDGE_CODE", "JUDGE_NAME", "", false}, l.judge));
  CW_TRY(load_table(files.hloc, {"HEARING_LOC_CODE", "HEARING_LOC_NAME", "blnActive", false},
                    l.location));
  return l;
}

void CustodySet::add(std::uint64_t id) {
  if (id <= UINT32_MAX) {
    small_.push_back(static_cast<std::uint32_t>(id));
  } else {
    big_.push_back(id);
  }
}

void CustodySet::seal() {
  std::sort(small_.begin(), small_.end());
  small_.erase(std::unique(small_.begin(), small_.end()), small_.end());
  small_.shrink_to_fit();
  std::sort(big_.begin(), big_.end());
  big_.erase(std::unique(big_.begin(), big_.end()), big_.end());
  big_.shrink_to_fit();
}

bool CustodySet::contains(std::uint64_t id) const {
  if (id <= UINT32_MAX) {
    return std::binary_search(small_.begin(), small_.end(), static_cast<std::uint32_t>(id));
  }
  return std::binary_search(big_.begin(), big_.end(), id);
}

bool CustodySet::contains(std::string_view id) const {
  const auto n = parse_id(id);
  return n && contains(*n);
}

std::size_t CustodySet::memory_bytes() const {
  return small_.capacity() * sizeof(std::uint32_t) + big_.capacity() * sizeof(std::uint64_t);
}

std::optional<std::uint64_t> parse_id(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 19) return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

Result<CustodySet> load_custody(const std::string& path, Progress* progress) {
  auto reader = CW_TRY(LineReader::open(path));
  CustodySet set;
  std::string_view line;
  if (!CW_TRY(reader.next(line))) return set;
  const auto header = TableHeader::parse(line);
  const auto id_col = header.find("IDNPROCEEDING");
  const auto custody_col = header.find("CUSTODY");
  if (!id_col || !custody_col) {
    return fail(
        failed_as(Error::invalid(path + ": line 1: expected columns IDNPROCEEDING and CUSTODY"),
                  run_failure(RunFailure::bad_header).arg("file", input_label(path))));
  }
  if (progress) progress->begin("B_TblProceeding", reader.file_size());
  RowSplitter splitter(header.size(), std::nullopt);
  std::uint64_t rows = 0;
  while (CW_TRY(reader.next(line))) {
    if ((++rows & 0xFFFF) == 0 && progress) progress->update(reader.bytes_read(), rows);
    if (reader.truncated()) continue;
    const auto fields = splitter.split(line);
    const auto custody = trim(fields[*custody_col]);
    if (custody.size() != 1 || (custody[0] != 'D' && custody[0] != 'd')) continue;
    if (const auto id = parse_id(fields[*id_col])) set.add(*id);
  }
  set.seal();
  if (progress) {
    progress->update(reader.bytes_read(), rows);
    progress->end();
  }
  return set;
}

}  // namespace cw::scrapers::eoir
