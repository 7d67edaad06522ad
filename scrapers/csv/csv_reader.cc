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

Result<bool> CsvReader::next(CsvRecord& rec) {
  if (!bom_checked_) skip_bom();
  rec.fields.clear();
  rec.status = RecordStatus::ok;
  rec.line = line_;
  raw_.clear();
  field_.clear();
  if (peek() < 0) {
    if (io_error_) return fail(Error::io("read error"));
    return false;
  }

  State st = State::field_start;
  std::size_t bytes = 0;
  bool multi_line = false;  // a line break inside quotes has been consumed
  bool discarding = false;  // over the limit: skipping to the end of the physical line
  const auto end_field = [&] {
    if (!discarding) rec.fields.push_back(field_);
    field_.clear();
  };
  const auto give_up = [&](RecordStatus status) {
    rec.status = status;
    rec.fields.clear();
    field_.clear();
    raw_.clear();
    return true;
  };

  for (;;) {
    const int c = get();
    if (c < 0) {
      if (io_error_) return fail(Error::io("read error"));
      if (st == State::quoted) {
        if (discarding) return give_up(RecordStatus::unterminated_quote);
        replay_after_first_line(rec);
        return true;
      }
      if (discarding) return give_up(RecordStatus::too_long);
      end_field();
      return true;
    }
    if (discarding && c == '\n') {
      return give_up(st == State::quoted ? RecordStatus::unterminated_quote
                                         : RecordStatus::too_long);
    }
    if (st != State::quoted && (c == '\n' || (c == '\r' && peek() == '\n'))) {
      if (c == '\r') get();
      if (discarding) return give_up(RecordStatus::too_long);
      end_field();
      return true;
    }
    if (!discarding) {
      raw_.push_back(static_cast<char>(c));
      if (++bytes > limits_.max_record_bytes) {
        if (st == State::quoted && multi_line) {
          replay_after_first_line(rec);
          return true;
        }
        discarding = true;
        rec.fields.clear();
        field_.clear();
        raw_.clear();
      }
    }
    const char ch = static_cast<char>(c);
    switch (st) {
      case State::field_start:
        if (ch == '"') {
          st = State::quoted;
        } else if (ch == ',') {
          end_field();
        } else {
          if (!discarding) field_.push_back(ch);
          st = State::unquoted;
        }
        break;
      case State::unquoted:
        if (ch == ',') {
          end_field();
          st = State::field_start;
        } else if (!discarding) {
          field_.push_back(ch);
        }
        break;
      case State::quoted:
        if (ch == '"') {
          st = State::after_quote;
        } else {
          if (ch == '\n') multi_line = true;
          if (!discarding) field_.push_back(ch);
        }
        break;
      case State::after_quote:
        if (ch == '"') {
          if (!discarding) field_.push_back('"');
          st = State::quoted;
        } else if (ch == ',') {
          end_field();
          st = State::field_start;
        } else {
          if (!discarding) field_.push_back(ch);
          st = State::unquoted;
        }
        break;
    }
  }
}

}  // namespace cw::scrapers::csv
