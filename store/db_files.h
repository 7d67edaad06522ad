// What the database's files need before they are copied or moved (backups,
// daemon/backup.h). Not thread-safe, like the Database.
#pragma once

#include "core/error.h"
#include "store/db.h"

namespace cw::store {

// Switches to a rollback journal, so the file is complete without a -wal
// beside it (a backup copy).
Result<void> use_rollback_journal(Database& db);

}  // namespace cw::store
