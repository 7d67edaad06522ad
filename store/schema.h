// The database schema and its migrations.
//
// Migrations are an ordered list of SQL scripts; migration i brings the
// schema from user_version i to i + 1. migrate() applies the missing ones in
// one BEGIN IMMEDIATE transaction and refuses a database whose user_version
// is newer than the newest migration (a downgrade would silently misread it).
#pragma once

#include "core/error.h"

namespace cw::store {

class Database;

int schema_version();
Result<void> migrate(Database& db);

}  // namespace cw::store
