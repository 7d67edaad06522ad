// A streaming RFC 4180 reader for untrusted spreadsheet exports.
//
// CsvReader pulls bytes from a std::istream in fixed-size chunks and hands
// out one record at a time, so memory is bounded by the chunk size plus the
// record limit, never by the file. It understands quoted fields (commas,
// doubled quotes, line breaks inside quotes), CRLF and LF line endings, and
// skips a UTF-8 byte order mark at the very start. Every record carries the
// physical line (1-based) where it starts.
//
// Two kinds of broken record are reported instead of parsed, and reading
// goes on after them:
//  - too_long: the record has more than max_record_bytes; the rest of that
//    physical line is discarded without being buffered.
//  - unterminated_quote: a quoted field is still open at end of input, or
//    when the record limit is reached after the field ran onto a later line.
//    Reading resumes at the physical line after the record's first line (the
//    bytes already consumed are replayed from a bounded buffer), so one stray
//    quote does not swallow the rest of the file.
// A quote after the closing quote of a field, or inside an unquoted field,
// is kept as a literal character. Bytes are not interpreted: UTF-8
// validation and NUL checks belong to the caller.
//
// Not thread-safe: one reader per stream, used by one thread.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "core/error.h"

namespace cw::scrapers::csv {

struct CsvLimits {
  std::size_t max_record_bytes = 64 * 1024;  // raw bytes, without the line break
  std::size_t chunk_bytes = 64 * 1024;       // how much is read from the stream at once
};

enum class RecordStatus { ok, too_long, unterminated_quote };

struct CsvRecord {
  std::int64_t line = 0;  // physical line where the record starts
  RecordStatus status = RecordStatus::ok;
  std::vector<std::string> fields;  // empty unless status == ok
};

class CsvReader {
 public:
  explicit CsvReader(std::istream& in, CsvLimits limits = {});
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into rec: true when there was one, false at end
  // of input, an io Error when the stream fails.
  Result<bool> next(CsvRecord& rec);
  // True once a byte order mark has been skipped at the start of the input.
  bool saw_bom() const { return saw_bom_; }

 private:
  enum class State { field_start, unquoted, quoted, after_quote };

  int get();  // next byte (0..255), or -1 at end of input
  int peek();
  bool fill(std::size_t want);  // makes `want` unread bytes available if the input has them
  void skip_bom();

  // One byte of record content through the quoting state machine.
  void step(char ch, CsvRecord& rec);
  void end_field(CsvRecord& rec);
  // Counts a content byte against the limit. False when the record must end
  // now as unterminated_quote (the caller returns it).
  bool count_byte(char ch, CsvRecord& rec);
  bool end_at_eof(CsvRecord& rec);
  // Ends the record as broken, with no fields.
  bool give_up(CsvRecord& rec, RecordStatus status);
  // Ends the record as unterminated_quote; pushes the bytes after its first
  // line back for re-reading.
  void replay_after_first_line(CsvRecord& rec);

  std::istream& in_;
  CsvLimits limits_;
  std::string buf_;  // unread input is buf_[pos_..]
  std::size_t pos_ = 0;
  bool eof_ = false;
  bool io_error_ = false;
  bool bom_checked_ = false;
  bool saw_bom_ = false;
  std::int64_t line_ = 1;  // physical line of the next unread byte
  // The record being read.
  State st_ = State::field_start;
  std::size_t bytes_ = 0;    // content bytes so far
  bool multi_line_ = false;  // a line break inside quotes has been consumed
  bool discarding_ = false;  // over the limit: skipping to the end of the physical line
  std::string raw_;          // the record's bytes, for replay
  std::string field_;
};

}  // namespace cw::scrapers::csv
