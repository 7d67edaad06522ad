// Runs a prepared statement to completion, one parsed row at a time: the
// store's read loop, so that no reader returns a partial list as success.
#pragma once

#include <utility>
#include <vector>

#include "store/db.h"

namespace cw::store {

// Appends read(q) for each row of q; on a row that does not parse, resets q
// and returns that row's error.
template <class T, class Read>
Result<std::vector<T>> collect(Statement& q, Read read) {
  std::vector<T> out;
  while (CW_TRY(q.step())) {
    auto row = read(q);
    if (!row) {
      q.reset();
      return fail(std::move(row).error());
    }
    out.push_back(std::move(*row));
  }
  return out;
}

}  // namespace cw::store
