#include "scrapers/csv/csv_reader.h"

namespace cw::scrapers::csv {

CsvReader::CsvReader(std::istream& in, CsvLimits limits) : in_(in), limits_(limits) {
  if (limits_.chunk_bytes == 0) limits_.chunk_bytes = 1;
}

bool CsvReader::fill(std::size_t want) {
  while (buf_.size() - pos_ < want && !eof_) {
    if (pos_ > 0) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    const std::size_t old = buf_.size();
    buf_.resize(old + limits_.chunk_bytes);
    in_.read(buf_.data() + old, static_cast<std::streamsize>(limits_.chunk_bytes));
    const auto n = static_cast<std::size_t>(in_.gcount());
    buf_.resize(old + n);
    if (n == 0) {
      eof_ = true;
      io_error_ = in_.bad();
    }
  }
  return buf_.size() - pos_ >= want;
}

int CsvReader::get() {
  if (pos_ >= buf_.size() && !fill(1)) return -1;
  const auto c = static_cast<unsigned char>(buf_[pos_++]);
  if (c == '\n') ++line_;
  return c;
}

int CsvReader::peek() {
  if (pos_ >= buf_.size() && !fill(1)) return -1;
  return static_cast<unsigned char>(buf_[pos_]);
}

void CsvReader::skip_bom() {
  bom_checked_ = true;
  fill(3);
  if (std::string_view(buf_).substr(pos_).starts_with("\xEF\xBB\xBF")) {
    pos_ += 3;
    saw_bom_ = true;
  }
}

void CsvReader::replay_after_first_line(CsvRecord& rec) {
  rec.status = RecordStatus::unterminated_quote;
  rec.fields.clear();
  field_.clear();
  const auto nl = raw_.find('\n');
  std::string rest = nl == std::string::npos ? std::string() : raw_.substr(nl + 1);
  rest.append(buf_, pos_);
  buf_ = std::move(rest);
  pos_ = 0;
  line_ = rec.line + 1;
  raw_.clear();
}

bool CsvReader::give_up(CsvRecord& rec, RecordStatus status) {
  rec.status = status;
  rec.fields.clear();
  field_.clear();
  raw_.clear();
  return true;
}

void CsvReader::end_field(CsvRecord& rec) {
  if (!discarding_) rec.fields.push_back(field_);
  field_.clear();
}

bool CsvReader::count_byte(char ch, CsvRecord& rec) {
  raw_.push_back(ch);
  if (++bytes_ <= limits_.max_record_bytes) return true;
  if (st_ == State::quoted && multi_line_) {
    // The open quote has already swallowed later lines: give those back.
    replay_after_first_line(rec);
    return false;
  }
  discarding_ = true;
  rec.fields.clear();
  field_.clear();
  raw_.clear();
  return true;
}

bool CsvReader::end_at_eof(CsvRecord& rec) {
  if (st_ == State::quoted) {
    if (discarding_) return give_up(rec, RecordStatus::unterminated_quote);
    replay_after_first_line(rec);
    return true;
  }
  if (discarding_) return give_up(rec, RecordStatus::too_long);
  end_field(rec);
  return true;
}

void CsvReader::step(char ch, CsvRecord& rec) {
  const auto keep = [&](char c) {
    if (!discarding_) field_.push_back(c);
  };
  switch (st_) {
    case State::field_start:
      if (ch == '"') {
        st_ = State::quoted;
      } else if (ch == ',') {
        end_field(rec);
      } else {
        keep(ch);
        st_ = State::unquoted;
      }
      break;
    case State::unquoted:
      if (ch == ',') {
        end_field(rec);
        st_ = State::field_start;
      } else {
        keep(ch);
      }
      break;
    case State::quoted:
      if (ch == '"') {
        st_ = State::after_quote;
      } else {
        if (ch == '\n') multi_line_ = true;
        keep(ch);
      }
      break;
    case State::after_quote:
      if (ch == '"') {  // a doubled quote inside a quoted field
        keep('"');
        st_ = State::quoted;
      } else if (ch == ',') {
        end_field(rec);
        st_ = State::field_start;
      } else {  // text after the closing quote is kept as data
        keep(ch);
        st_ = State::unquoted;
      }
      break;
  }
}

Result<bool> CsvReader::next(CsvRecord& rec) {
  if (!bom_checked_) skip_bom();
  rec.fields.clear();
  rec.status = RecordStatus::ok;
  rec.line = line_;
  st_ = State::field_start;
  bytes_ = 0;
  multi_line_ = discarding_ = false;
  raw_.clear();
  field_.clear();
  if (peek() < 0) {
    if (io_error_) return fail(Error::io("read error"));
    return false;
  }
  for (;;) {
    const int c = get();
    if (c < 0) {
      if (io_error_) return fail(Error::io("read error"));
      return end_at_eof(rec);
    }
    if (discarding_ && c == '\n') {
      return give_up(
          rec, st_ == State::quoted ? RecordStatus::unterminated_quote : RecordStatus::too_long);
    }
    if (st_ != State::quoted && (c == '\n' || (c == '\r' && peek() == '\n'))) {
      if (c == '\r') get();
      if (discarding_) return give_up(rec, RecordStatus::too_long);
      end_field(rec);
      return true;
    }
    const char ch = static_cast<char>(c);
    if (!discarding_ && !count_byte(ch, rec)) return true;
    step(ch, rec);
  }
}

}  // namespace cw::scrapers::csv
