// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_POSTGRES_DETAIL_SCHEMA_HPP
#define TRUSTHUB_POSTGRES_DETAIL_SCHEMA_HPP

#include <string>
#include <string_view>

namespace trusthub::postgres::detail {

/// Names of the prepared statements every pooled connection carries.
namespace statement {
inline constexpr const char* create = "trusthub_create";
inline constexpr const char* fetch = "trusthub_fetch";
inline constexpr const char* update = "trusthub_update";
inline constexpr const char* remove = "trusthub_remove";
inline constexpr const char* list_first = "trusthub_list_first";
inline constexpr const char* list_after = "trusthub_list_after";
inline constexpr const char* list_before = "trusthub_list_before";
} // namespace statement

/// Advisory lock keys (the two-integer form). The first names this library, the second what
/// is locked: 0 the schema migration, else the hash of an account SID.
inline constexpr int lock_class_migration = 0x74687562;  // "thub"
inline constexpr int lock_class_account = 0x74687563;

/// `name` as a quoted SQL identifier.
inline std::string quote_identifier(std::string_view name)
{
    std::string out = "\"";
    for (char c : name) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

/// Creates or upgrades the schema: idempotent, and serialized by a transaction-scoped
/// advisory lock so that several processes starting at once neither fail nor race.
///
/// Version 1. `sequence` is an identity: the listing order, and the keyset cursor.
/// `attributes` is `text`, not `jsonb`: jsonb reorders keys and rewrites numbers, and the
/// client's text must come back byte for byte. Dates are `timestamptz` at whole seconds.
inline std::string migration_script(std::string_view schema)
{
    const std::string s = quote_identifier(schema);
    const std::string k = std::to_string(lock_class_migration);
    return "BEGIN;\n"
           "SELECT pg_advisory_xact_lock(" + k + ", 0);\n"
           "CREATE SCHEMA IF NOT EXISTS " + s + ";\n"
           "CREATE TABLE IF NOT EXISTS " + s + ".end_users (\n"
           "  sequence bigint GENERATED ALWAYS AS IDENTITY,\n"
           "  sid text PRIMARY KEY,\n"
           "  account_sid text NOT NULL,\n"
           "  friendly_name text NOT NULL,\n"
           "  type text NOT NULL,\n"
           "  attributes text NOT NULL,\n"
           "  date_created timestamptz NOT NULL,\n"
           "  date_updated timestamptz NOT NULL\n"
           ");\n"
           // A page is a range scan of this index from the cursor; fetch, update and delete
           // go through the primary key on sid.
           "CREATE UNIQUE INDEX IF NOT EXISTS end_users_account_sequence ON " + s + ".end_users (account_sid, sequence);\n"
           "CREATE TABLE IF NOT EXISTS " + s + ".schema_version (version integer NOT NULL);\n"
           "INSERT INTO " + s + ".schema_version SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM " + s + ".schema_version);\n"
           "COMMIT;\n";
}

/// The columns of a record, in the order `store` reads them.
inline constexpr std::string_view record_columns =
    "sequence, sid, account_sid, friendly_name, type, attributes, "
    "extract(epoch FROM date_created)::bigint AS date_created_s, "
    "extract(epoch FROM date_updated)::bigint AS date_updated_s";

/// Prepares every statement on a new connection, in one round trip.
inline std::string session_script(std::string_view schema)
{
    const std::string t = quote_identifier(schema) + ".end_users";
    const std::string cols(record_columns);
    const std::string lock = std::to_string(lock_class_account);
    std::string sql;
    // Every statement here is one index lookup or one index range whose plan does not depend
    // on its parameters. Left to choose, PostgreSQL plans a page afresh on every execution:
    // its generic plan, costed for an unknown LIMIT, looks dearer than the custom ones, so the
    // prepared page would save nothing. Plan each statement once.
    sql += "SET plan_cache_mode = force_generic_plan;\n";
    // Inserts of one account are serialized from drawing the sequence until commit, so
    // sequence order is commit order: a reader paging forward can never pass a smaller
    // sequence that commits later. The CTE is MATERIALIZED so the lock is taken first.
    sql += "PREPARE trusthub_create (text, text, text, text, text, bigint, bigint) AS "
           "WITH serialize AS MATERIALIZED (SELECT pg_advisory_xact_lock(" + lock + ", hashtext($2))) "
           "INSERT INTO " + t + " (sid, account_sid, friendly_name, type, attributes, date_created, date_updated) "
           "SELECT $1, $2, $3, $4, $5, to_timestamp($6), to_timestamp($7) FROM serialize "
           "ON CONFLICT (sid) DO NOTHING RETURNING " + cols + ";\n";
    sql += "PREPARE trusthub_fetch (text, text) AS SELECT " + cols + " FROM " + t +
           " WHERE sid = $2 AND account_sid = $1;\n";
    // One statement: concurrent updates queue on the row lock and each sees the other's
    // committed fields, so none is lost.
    sql += "PREPARE trusthub_update (text, text, text, text, bigint) AS UPDATE " + t +
           " SET friendly_name = COALESCE($3, friendly_name), attributes = COALESCE($4, attributes),"
           " date_updated = to_timestamp($5) WHERE sid = $2 AND account_sid = $1 RETURNING " + cols + ";\n";
    sql += "PREPARE trusthub_remove (text, text) AS DELETE FROM " + t + " WHERE sid = $2 AND account_sid = $1;\n";
    // Pages fetch one record more than asked in their direction (is there more that way?)
    // and probe the other side for one record; the outer join answers even when the page is
    // empty. The probe is ordered from the cursor, not an EXISTS: an EXISTS may be planned as
    // a sequential scan that stops at the first match, which with a generic plan (above) can
    // read the whole table when the account has nothing on that side.
    sql += "PREPARE trusthub_list_first (text, bigint) AS SELECT false, r.* FROM (SELECT " + cols + " FROM " + t +
           " WHERE account_sid = $1 ORDER BY sequence LIMIT $2) r ORDER BY r.sequence;\n";
    sql += "PREPARE trusthub_list_after (text, bigint, bigint) AS SELECT o.more, r.* FROM (SELECT (SELECT true FROM " +
           t + " WHERE account_sid = $1 AND sequence <= $2 ORDER BY sequence DESC LIMIT 1) IS NOT NULL AS more) o LEFT JOIN LATERAL (SELECT " + cols + " FROM " + t +
           " WHERE account_sid = $1 AND sequence > $2 ORDER BY sequence LIMIT $3) r ON true ORDER BY r.sequence;\n";
    sql += "PREPARE trusthub_list_before (text, bigint, bigint) AS SELECT o.more, r.* FROM (SELECT (SELECT true FROM " +
           t + " WHERE account_sid = $1 AND sequence >= $2 ORDER BY sequence LIMIT 1) IS NOT NULL AS more) o LEFT JOIN LATERAL (SELECT " + cols + " FROM " + t +
           " WHERE account_sid = $1 AND sequence < $2 ORDER BY sequence DESC LIMIT $3) r ON true ORDER BY r.sequence;\n";
    return sql;
}

} // namespace trusthub::postgres::detail

#endif
