#include "store/pool.h"

namespace cw::store {

Result<Pool::Lease> Pool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
  }
  auto db = CW_TRY(Database::open(path_, OpenMode::read_write_existing));
  return Lease(this, std::move(db));
}

void Pool::release(std::unique_ptr<Database> db) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(db));
}

}  // namespace cw::store
