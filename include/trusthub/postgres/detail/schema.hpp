// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_POSTGRES_DETAIL_SCHEMA_HPP
#define TRUSTHUB_POSTGRES_DETAIL_SCHEMA_HPP

#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub::postgres::detail {

/// The schema version this code creates and migrates to.
inline constexpr int schema_version = 2;

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

/// `text` as an SQL string literal, whatever `standard_conforming_strings` says.
inline std::string quote_literal(std::string_view text)
{
    const bool backslash = text.find('\\') != std::string_view::npos;
    std::string out = backslash ? "E'" : "'";
    for (char c : text) {
        if (c == '\'' || (backslash && c == '\\'))
            out += c;
        out += c;
    }
    out += '\'';
    return out;
}

/// The names of the prepared statements a store's connections carry.
///
/// A prepared statement belongs to a session, and the statements of a store name its schema's
/// tables, so the names carry the schema (a hash of it: a name is at most 63 bytes). Stores of
/// two schemas therefore never take each other's statement, even if they came to share a
/// session; stores of one schema prepare the same text under the same names. Today each store
/// has its own pool, and each pool prepares its statements once on every connection it opens.
struct statement_names {
    std::string schema;  ///< unquoted, as configured
    std::string create, fetch, update, remove, list_first, list_after, list_before;

    explicit statement_names(std::string_view schema_name) : schema(schema_name)
    {
        // FNV-1a: stable across processes and builds, unlike std::hash.
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (unsigned char c : schema) {
            h ^= c;
            h *= 0x100000001b3ULL;
        }
        static constexpr char digits[] = "0123456789abcdef";
        std::string prefix = "trusthub_";
        for (int shift = 60; shift >= 0; shift -= 4)
            prefix += digits[(h >> shift) & 0xf];
        prefix += '_';
        create = prefix + "create";
        fetch = prefix + "fetch";
        update = prefix + "update";
        remove = prefix + "remove";
        list_first = prefix + "list_first";
        list_after = prefix + "list_after";
        list_before = prefix + "list_before";
    }
};

/// What `records_create` returns instead of a sequence when it stores nothing.
namespace create_refused {
inline constexpr std::int64_t already_exists = -1;
inline constexpr std::int64_t no_parent = -2;
inline constexpr std::int64_t missing_reference = -3;
} // namespace create_refused

/// What `records_remove` returns.
namespace remove_outcome {
inline constexpr std::int64_t removed = 0;
inline constexpr std::int64_t not_found = 1;
inline constexpr std::int64_t referenced = 2;
} // namespace remove_outcome

namespace schema_detail {

// Dollar-quote tags of the script; a schema name that contains one could end a body early.
inline constexpr std::string_view migration_tag = "$trusthub_migration$";
inline constexpr std::string_view function_tag = "$trusthub_function$";

// The version 2 objects: one table for every kind of record, its indexes and the two
// functions that keep parents and references whole. `s` is the quoted schema.
inline std::string version_2_objects(const std::string& s)
{
    const std::string t = s + ".records";
    const std::string k = std::to_string(lock_class_account);
    const std::string f(function_tag);
    const std::string created = std::to_string(create_refused::already_exists);
    const std::string no_parent = std::to_string(create_refused::no_parent);
    const std::string missing = std::to_string(create_refused::missing_reference);
    std::string sql;
    // `fields` holds the record's compact JSON texts, never parsed here: text, not jsonb
    // (jsonb reorders keys and rewrites numbers, and the client's text must come back byte for
    // byte). An empty text or a NULL element is null. `"references"` is quoted: the word is
    // reserved.
    sql += "CREATE TABLE IF NOT EXISTS " + t + " (\n"
           "  sequence bigint GENERATED ALWAYS AS IDENTITY,\n"
           "  sid text PRIMARY KEY,\n"
           "  kind text NOT NULL,\n"
           "  account_sid text NOT NULL,\n"
           "  parent_sid text NOT NULL DEFAULT '',\n"
           "  date_created timestamptz NOT NULL,\n"
           "  date_updated timestamptz NOT NULL,\n"
           "  fields text[] NOT NULL,\n"
           "  \"references\" text[] NOT NULL DEFAULT '{}'\n"
           ");\n";
    // A page is a range scan of this index from the cursor; fetch, update and delete go
    // through the primary key on sid.
    sql += "CREATE UNIQUE INDEX IF NOT EXISTS records_page ON " + t + " (account_sid, kind, parent_sid, sequence);\n";
    // A page under any parent (a snapshot of nested records) ranges over a kind in sequence
    // order across parents, which the index above cannot give without a sort of the whole kind.
    sql += "CREATE UNIQUE INDEX IF NOT EXISTS records_kind_page ON " + t + " (account_sid, kind, sequence);\n";
    // The children of a record, for remove's cascade. Top-level records (most of them) stay
    // out of it.
    sql += "CREATE INDEX IF NOT EXISTS records_children ON " + t + " (parent_sid) WHERE parent_sid <> '';\n";
    // Who refers to a record, for remove's refusal. A GIN index of the array rather than a
    // table of (referrer, referred) pairs: the pairs would be a second write on every create
    // and a second delete on every remove, to be kept in step with the records by hand,
    // while the array is written with the record. Partial, so that records that refer to
    // nothing (most of them) cost it nothing; the queries repeat its predicate. Without
    // fastupdate: its pending list, which every search reads through until a vacuum merges
    // it, would make each remove slower the more records were created since, to save little
    // on arrays of a reference or two.
    sql += "CREATE INDEX IF NOT EXISTS records_referred ON " + t +
           " USING gin (\"references\") WITH (fastupdate = off) WHERE \"references\" <> '{}';\n";

    // Create and remove are functions so that each is one round trip, yet checks with a
    // snapshot taken after the account's lock. A statement's snapshot is taken when it
    // starts, before any lock it waits for, so a single INSERT could find a parent that a
    // remove deleted while it waited; the statements of a function each take a new one.
    //
    // Both take the account's advisory lock until commit: parents and references live in the
    // account, so the checks and the write are one atomic step against every create and
    // remove of it. Inserts are also serialized from drawing the sequence until commit, so
    // sequence order is commit order: a reader paging forward can never pass a smaller
    // sequence that commits later.
    sql += "CREATE OR REPLACE FUNCTION " + s + ".records_create(p_sid text, p_kind text, p_account text, "
           "p_parent text, p_created bigint, p_updated bigint, p_fields text[], p_references text[])\n"
           "RETURNS bigint LANGUAGE plpgsql AS " + f + "\n"
           "DECLARE\n"
           "  drawn bigint;\n"
           "BEGIN\n"
           "  PERFORM pg_advisory_xact_lock(" + k + ", hashtext(p_account));\n"
           "  IF EXISTS (SELECT 1 FROM " + t + " WHERE sid = p_sid) THEN\n"
           "    RETURN " + created + ";\n"
           "  END IF;\n"
           "  IF p_parent <> '' AND NOT EXISTS (SELECT 1 FROM " + t + " WHERE sid = p_parent AND account_sid IS NOT DISTINCT FROM p_account) THEN\n"
           "    RETURN " + no_parent + ";\n"
           "  END IF;\n"
           "  IF EXISTS (SELECT 1 FROM unnest(p_references) AS wanted(sid) WHERE NOT EXISTS (SELECT 1 FROM " + t +
           " r WHERE r.sid = wanted.sid AND r.account_sid IS NOT DISTINCT FROM p_account)) THEN\n"
           "    RETURN " + missing + ";\n"
           "  END IF;\n"
           // Another account may take the SID meanwhile: its lock is not ours.
           "  INSERT INTO " + t + " (sid, kind, account_sid, parent_sid, date_created, date_updated, fields, \"references\")\n"
           "    VALUES (p_sid, p_kind, p_account, p_parent, to_timestamp(p_created), to_timestamp(p_updated), p_fields, p_references)\n"
           "    ON CONFLICT (sid) DO NOTHING RETURNING sequence INTO drawn;\n"
           "  RETURN COALESCE(drawn, " + created + ");\n"
           "END\n" + f + ";\n";
    sql += "CREATE OR REPLACE FUNCTION " + s + ".records_remove(p_kind text, p_account text, p_parent text, p_sid text)\n"
           "RETURNS integer LANGUAGE plpgsql AS " + f + "\n"
           "DECLARE\n"
           "  doomed text[];\n"
           "BEGIN\n"
           "  PERFORM pg_advisory_xact_lock(" + k + ", hashtext(p_account));\n"
           "  IF NOT EXISTS (SELECT 1 FROM " + t + " WHERE sid = p_sid AND (kind, account_sid, parent_sid) IS NOT DISTINCT FROM "
           "(p_kind, p_account, p_parent)) THEN\n"
           "    RETURN " + std::to_string(remove_outcome::not_found) + ";\n"
           "  END IF;\n"
           // UNION, not UNION ALL: a cycle (only a hand-edited table could have one) ends.
           "  WITH RECURSIVE subtree(sid) AS (SELECT p_sid UNION SELECT r.sid FROM " + t +
           " r JOIN subtree ON r.parent_sid = subtree.sid WHERE r.parent_sid <> '')\n"
           "  SELECT array_agg(sid) INTO doomed FROM subtree;\n"
           // A count, not EXISTS: the estimate of && is a share of the whole table, so a
           // plan that stops at the first match looks cheapest as a sequential scan, which
           // reads everything when nothing matches (the usual case). A count goes by the index.
           "  IF (SELECT count(*) FROM " + t + " r WHERE r.\"references\" <> '{}' AND r.\"references\" && doomed "
           "AND r.sid <> ALL (doomed)) > 0 THEN\n"
           "    RETURN " + std::to_string(remove_outcome::referenced) + ";\n"
           "  END IF;\n"
           "  DELETE FROM " + t + " WHERE sid = ANY (doomed);\n"
           "  RETURN " + std::to_string(remove_outcome::removed) + ";\n"
           "END\n" + f + ";\n";
    return sql;
}

} // namespace schema_detail

/// Creates or upgrades the schema: idempotent, and serialized by a transaction-scoped
/// advisory lock so that several processes starting at once neither fail nor race. A schema
/// already at this version is only read (the DDL needs privileges a server may not have), and
/// one at a later version is left alone.
///
/// Version 2: one table, `records`, for every kind. `sequence` is an identity: the listing
/// order, and the keyset cursor. Dates are `timestamptz` at whole seconds.
///
/// From version 1 (one `end_users` table): every EndUser becomes a record of kind
/// `end_users` at the top level with its sequence and dates, its friendly name and type as
/// JSON string literals (`to_json` escapes as trusthub's writer does: the short escapes,
/// `\u00XX` in lower case for other controls, nothing else) and its attributes as they
/// were. The identity restarts above both the largest sequence and the last one the old
/// table drew, so no sequence, and no page token naming one, is ever used twice. Then the
/// old table goes.
inline std::string migration_script(std::string_view schema)
{
    const std::string s = quote_identifier(schema);
    if (s.find("$trusthub_") != std::string::npos)
        throw std::invalid_argument("trusthub::postgres: a schema name may not contain \"$trusthub_\"");
    const std::string tag(schema_detail::migration_tag);
    const std::string version_table = s + ".schema_version";
    const std::string version = std::to_string(schema_version);
    std::string sql = "BEGIN;\n"
                      "SELECT pg_advisory_xact_lock(" + std::to_string(lock_class_migration) + ", 0);\n"
                      "DO " + tag + "\n"
                      "DECLARE\n"
                      "  found_version integer;\n"
                      "  top bigint;\n"
                      "BEGIN\n"
                      "  IF to_regclass(" + quote_literal(version_table) + ") IS NULL THEN\n"
                      "    CREATE SCHEMA IF NOT EXISTS " + s + ";\n"
                      "    CREATE TABLE " + version_table + " (version integer NOT NULL);\n"
                      "  END IF;\n"
                      "  SELECT max(version) INTO found_version FROM " + version_table + ";\n"
                      "  IF found_version >= " + version + " THEN\n"
                      "    RETURN;\n"
                      "  END IF;\n";
    sql += schema_detail::version_2_objects(s);
    sql += "  IF to_regclass(" + quote_literal(s + ".end_users") + ") IS NOT NULL THEN\n"
           "    INSERT INTO " + s + ".records (sequence, sid, kind, account_sid, parent_sid, date_created, "
           "date_updated, fields)\n"
           "      OVERRIDING SYSTEM VALUE\n"
           "      SELECT sequence, sid, 'end_users', account_sid, '', date_created, date_updated,\n"
           "             ARRAY[to_json(friendly_name)::text, to_json(type)::text, attributes]\n"
           "      FROM " + s + ".end_users ORDER BY sequence;\n"
           "    SELECT GREATEST((SELECT max(sequence) FROM " + s + ".records),\n"
           "                    pg_sequence_last_value(pg_get_serial_sequence(" + quote_literal(s + ".end_users") +
           ", 'sequence')::regclass))\n"
           "      INTO top;\n"
           "    IF top IS NOT NULL THEN\n"
           "      PERFORM setval(pg_get_serial_sequence(" + quote_literal(s + ".records") + ", 'sequence'), top);\n"
           "    END IF;\n"
           "    DROP TABLE " + s + ".end_users;\n"
           "  END IF;\n"
           "  IF found_version IS NULL THEN\n"
           "    INSERT INTO " + version_table + " VALUES (" + version + ");\n"
           "  ELSE\n"
           "    UPDATE " + version_table + " SET version = " + version + ";\n"
           "  END IF;\n"
           "END\n" + tag + ";\n"
           "COMMIT;\n";
    return sql;
}

/// The columns of a record, in the order `store` reads them (results are binary).
inline constexpr std::string_view record_columns =
    "sequence, kind, sid, account_sid, parent_sid, "
    "extract(epoch FROM date_created)::bigint AS date_created_s, "
    "extract(epoch FROM date_updated)::bigint AS date_updated_s, "
    "fields, \"references\"";

/// The shape of a page's statement: which side of the cursor, under one parent or any, and
/// which fields are filtered. The parameters, in order: kind, account, the parent (under one
/// parent), the cursor (after or before one), the row count, then one `text[]` of accepted
/// values for each filter.
struct list_shape {
    enum class from { first, after, before };
    from where = from::first;
    bool one_parent = true;
    std::vector<std::size_t> filter_fields;  // field indexes, from 0
};

/// The SQL of a page. Pages fetch one record more than asked in their direction (is there
/// more that way?) and probe the other side for one record that passes the same scope and
/// filters; the outer join answers even when the page is empty. The probe is ordered from the
/// cursor, not an EXISTS: an EXISTS may be planned as a sequential scan that stops at the
/// first match, which with a generic plan (see `session_script`) can read the whole table
/// when the account has nothing on that side.
inline std::string list_sql(std::string_view schema, const list_shape& shape)
{
    const std::string t = quote_identifier(schema) + ".records";
    const std::string cols(record_columns);
    int next = 1;
    auto param = [&next] { return "$" + std::to_string(next++); };
    // One call a statement: the operands of a `+` are evaluated in no set order.
    const std::string kind = param();
    const std::string account = param();
    std::string scope = "kind = " + kind + "::text AND account_sid = " + account + "::text";
    if (shape.one_parent) {
        const std::string parent = param();
        scope += " AND parent_sid = " + parent + "::text";
    }
    const std::string cursor = shape.where == list_shape::from::first ? std::string() : param() + "::bigint";
    const std::string limit = param() + "::bigint";
    // A field the record does not have (written before its descriptor gained it) is null,
    // and null is the empty text.
    for (std::size_t field : shape.filter_fields) {
        const std::string values = param();
        // No array has a position past an integer's range: such a field is null in every record.
        const std::string value = field < static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())
                                      ? "COALESCE(fields[" + std::to_string(field + 1) + "], '')"
                                      : "''";
        scope += " AND " + value + " = ANY (" + values + "::text[])";
    }

    switch (shape.where) {
    case list_shape::from::first:
        return "SELECT false, r.* FROM (SELECT " + cols + " FROM " + t + " WHERE " + scope +
               " ORDER BY sequence LIMIT " + limit + ") r ORDER BY r.sequence";
    case list_shape::from::after:
        return "SELECT o.more, r.* FROM (SELECT (SELECT true FROM " + t + " WHERE " + scope + " AND sequence <= " +
               cursor + " ORDER BY sequence DESC LIMIT 1) IS NOT NULL AS more) o LEFT JOIN LATERAL (SELECT " + cols +
               " FROM " + t + " WHERE " + scope + " AND sequence > " + cursor + " ORDER BY sequence LIMIT " + limit +
               ") r ON true ORDER BY r.sequence";
    case list_shape::from::before:
        return "SELECT o.more, r.* FROM (SELECT (SELECT true FROM " + t + " WHERE " + scope + " AND sequence >= " +
               cursor + " ORDER BY sequence LIMIT 1) IS NOT NULL AS more) o LEFT JOIN LATERAL (SELECT " + cols +
               " FROM " + t + " WHERE " + scope + " AND sequence < " + cursor + " ORDER BY sequence DESC LIMIT " +
               limit + ") r ON true ORDER BY r.sequence";
    }
    return {};
}

/// Prepares every statement on a new connection, in one round trip.
inline std::string session_script(std::string_view schema)
{
    const std::string s = quote_identifier(schema);
    const std::string t = s + ".records";
    const std::string cols(record_columns);
    const statement_names names(schema);
    // A record is found by its SID through the primary key, then checked against the
    // caller's kind, account and parent with IS NOT DISTINCT FROM (the same as equality on
    // these NOT NULL columns), which no index serves. With equality, the generic plan may take
    // the paging index instead: its estimate for parent_sid is one over the number of
    // parents, while most records have none, so a lookup would read every top-level record of
    // the kind. The functions' lookups are written the same way.
    const std::string key = "WHERE sid = $4 AND (kind, account_sid, parent_sid) IS NOT DISTINCT FROM ($1, $2, $3)";
    std::string sql;
    // Every statement here is one index lookup or one index range whose plan does not depend
    // on its parameters. Left to choose, PostgreSQL plans a page afresh on every execution:
    // its generic plan, costed for an unknown LIMIT, looks dearer than the custom ones, so the
    // prepared page would save nothing. Plan each statement once. This holds for the
    // functions' statements and for filtered pages too, whose SQL is built for each call.
    sql += "SET plan_cache_mode = force_generic_plan;\n";
    sql += "PREPARE " + names.create + " (text, text, text, text, bigint, bigint, text[], text[]) AS SELECT " + s +
           ".records_create($1, $2, $3, $4, $5, $6, $7, $8);\n";
    sql += "PREPARE " + names.fetch + " (text, text, text, text) AS SELECT " + cols + " FROM " + t + " " + key + ";\n";
    // One statement: concurrent updates queue on the row lock, and each computes its fields
    // from the other's committed ones, so none is lost. $5 are the positions patched (from 1,
    // each once) and $6 their texts; a position past the end grows the array, with nulls
    // between.
    sql += "PREPARE " + names.update + " (text, text, text, text, integer[], text[], bigint) AS UPDATE " + t +
           " SET fields = ARRAY(SELECT CASE WHEN p.i IS NULL THEN fields[g.i] ELSE p.v END"
           " FROM generate_series(1, GREATEST(cardinality(fields), (SELECT COALESCE(max(x.i), 0) FROM unnest($5) x(i)))) g(i)"
           " LEFT JOIN unnest($5, $6) p(i, v) ON p.i = g.i ORDER BY g.i),"
           " date_updated = to_timestamp($7) " + key + " RETURNING " + cols + ";\n";
    sql += "PREPARE " + names.remove + " (text, text, text, text) AS SELECT " + s +
           ".records_remove($1, $2, $3, $4);\n";
    // The pages of one parent without filters, the list the API serves, are prepared; the
    // others are built for each call (`list_sql`).
    list_shape shape;
    sql += "PREPARE " + names.list_first + " AS " + list_sql(schema, shape) + ";\n";
    shape.where = list_shape::from::after;
    sql += "PREPARE " + names.list_after + " AS " + list_sql(schema, shape) + ";\n";
    shape.where = list_shape::from::before;
    sql += "PREPARE " + names.list_before + " AS " + list_sql(schema, shape) + ";\n";
    return sql;
}

} // namespace trusthub::postgres::detail

#endif
