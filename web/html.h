// HTML escaping by construction.
//
// Page code builds markup with an Html buffer: literal template text goes in
// through raw() (only string literals and other Html), every value through
// text(), which escapes & < > " '. There is no way to append an unescaped
// runtime string except raw_trusted(), which is for markup this module made.
#pragma once

#include <string>
#include <string_view>

#include "core/text.h"

namespace cw::web {

using cw::escape_html;  // core/text.h

class Html {
 public:
  template <std::size_t N>
  Html& raw(const char (&literal)[N]) {
    out_.append(literal, N - 1);
    return *this;
  }
  Html& text(std::string_view value) {
    out_ += escape_html(value);
    return *this;
  }
  Html& append(const Html& other) {
    out_ += other.out_;
    return *this;
  }
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace cw::web
