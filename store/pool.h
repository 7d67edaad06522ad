// A small pool of Database connections for multi-threaded readers (the HTTP
// worker threads). acquire() hands out an idle connection or opens a new one;
// the Lease returns it on destruction. Thread-safe. Connections are opened
// without migrating (the daemon migrated at start-up) and refuse a schema
// version other than this build's.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/db.h"

namespace cw::store {

class Pool {
 public:
  explicit Pool(std::string path, std::size_t max_idle = 16)
      : path_(std::move(path)), max_idle_(max_idle) {}

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (db_) pool_->release(std::move(db_));
    }
    Database& operator*() const { return *db_; }
    Database* operator->() const { return db_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Database> db_;
  };

  Result<Lease> acquire();
  const std::string& path() const { return path_; }

 private:
  void release(std::unique_ptr<Database> db);

  std::string path_;
  std::size_t max_idle_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Database>> idle_;
};

}  // namespace cw::store
