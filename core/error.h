// Error values at module boundaries.
//
// Every fallible operation that crosses a module boundary returns Result<T>
// (std::expected<T, Error>). An Error carries a coarse code, for callers that
// branch on the kind of failure, and a message for people: it names the input
// (file, line, field) and says what was expected. Exceptions are reserved for
// programmer bugs and start-up failure. Errors are plain values: thread-safe to
// copy and move.
#pragma once

#include <expected>
#include <string>
#include <utility>

#include "core/phrase.h"

namespace cw {

enum class Errc {
  invalid_input,  // the input is malformed: a row, a flag, a request body
  not_found,      // the thing asked for does not exist
  io,             // a file, socket or remote peer failed
  database,       // SQLite reported an error
  conflict,       // the request contradicts the current state
  unsupported,    // a newer format or schema than this code understands
  internal,       // a bug we detected and reported instead of crashing
};

struct Error {
  Errc code = Errc::internal;
  std::string message;
  // The hard constraint a change would break (DESIGN.md §8: "double-booked",
  // "weekly-cap", "not-available", "wrong-site", "trainee-alone",
  // "session-full", "forbidden"); empty for every other error.
  std::string rule = {};
  // The message as a phrase a page words in its reader's language
  // (core/phrase.h); empty key when `message` is all there is.
  Phrase phrase = {};

  static Error invalid(std::string m) { return {Errc::invalid_input, std::move(m), {}, {}}; }
  static Error not_found(std::string m) { return {Errc::not_found, std::move(m), {}, {}}; }
  static Error io(std::string m) { return {Errc::io, std::move(m), {}, {}}; }
  static Error database(std::string m) { return {Errc::database, std::move(m), {}, {}}; }
  static Error conflict(std::string m) { return {Errc::conflict, std::move(m), {}, {}}; }
  static Error unsupported(std::string m) { return {Errc::unsupported, std::move(m), {}, {}}; }
  static Error internal(std::string m) { return {Errc::internal, std::move(m), {}, {}}; }
  // A change refused because it would break a hard constraint of the model
  // (matching.md); `message` is one a coordinator can act on.
  static Error rule_broken(std::string rule, std::string m, Phrase phrase = {}) {
    return {Errc::conflict, std::move(m), std::move(rule), std::move(phrase)};
  }

  // Prefixes the message with where it happened: "config.toml: line 3: ...".
  Error context(std::string_view where) && {
    message.insert(0, std::string(where) + ": ");
    return std::move(*this);
  }
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(Error e) { return std::unexpected(std::move(e)); }

}  // namespace cw

// Evaluates a Result-valued expression; on error returns the error from the
// enclosing function, otherwise yields the value. `__extension__` keeps the
// GNU statement expression quiet under -Wpedantic.
#define CW_TRY(expr)                                                                \
  __extension__({                                                                   \
    auto&& cw_try_result_ = (expr);                                                 \
    if (!cw_try_result_) return std::unexpected(std::move(cw_try_result_).error()); \
    std::move(cw_try_result_).value();                                              \
  })
