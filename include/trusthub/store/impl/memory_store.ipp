// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_STORE_IMPL_MEMORY_STORE_IPP
#define TRUSTHUB_STORE_IMPL_MEMORY_STORE_IPP

#include <trusthub/detail/ready.hpp>
#include <trusthub/store/memory_store.hpp>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <stdexcept>

namespace trusthub {

// Every call completes at once: the work is done under the lock, never across a suspension,
// and handed back ready.

boost::asio::awaitable<result<record>> memory_store::create(record fresh)
{
    return detail::ready(create_now(std::move(fresh)));
}

boost::asio::awaitable<result<record>> memory_store::fetch(record_key key)
{
    return detail::ready(fetch_now(key));
}

boost::asio::awaitable<result<record>> memory_store::update(record_key key, record_patch patch)
{
    return detail::ready(update_now(key, std::move(patch)));
}

boost::asio::awaitable<result<void>> memory_store::remove(record_key key)
{
    return detail::ready(remove_now(key));
}

boost::asio::awaitable<result<page_slice>> memory_store::list(list_scope scope, page_query query)
{
    return detail::ready(list_now(scope, query));
}

boost::asio::awaitable<result<page_slice>> memory_store::visit_page(list_scope scope, page_query query,
                                                                    record_visitor visit)
{
    return detail::ready(visit_page_now(scope, query, visit));
}

boost::asio::awaitable<result<void>> memory_store::visit_record(record_key key, record_visitor visit)
{
    return detail::ready(visit_record_now(key, visit));
}

// --- the packed form -----------------------------------------------------------------------
//
// A record's fields and references in one string: the field count, then each field as its
// length and its text; the reference count, then each reference's SID. Lengths are 32 bits
// and counts 16, in the machine's order (the buffer never leaves the process).

namespace detail {

inline void put_u32(std::string& out, std::uint32_t n)
{
    char b[4];
    std::memcpy(b, &n, 4);
    out.append(b, 4);
}

inline void put_u16(std::string& out, std::uint16_t n)
{
    char b[2];
    std::memcpy(b, &n, 2);
    out.append(b, 2);
}

inline std::uint32_t get_u32(const char* p) noexcept
{
    std::uint32_t n;
    std::memcpy(&n, p, 4);
    return n;
}

inline std::uint16_t get_u16(const char* p) noexcept
{
    std::uint16_t n;
    std::memcpy(&n, p, 2);
    return n;
}

} // namespace detail

namespace detail {

inline std::string packed_references(const std::vector<std::string>& references)
{
    std::string out;
    put_u16(out, static_cast<std::uint16_t>(references.size()));
    for (const auto& r : references) {
        put_u16(out, static_cast<std::uint16_t>(r.size()));
        out.append(r);
    }
    return out;
}

// `fields` (strings or views) and references already packed, in one buffer.
template <class Fields>
std::string pack_record(const Fields& fields, std::string_view packed_references)
{
    if (fields.size() > memory_store::max_fields)
        throw std::invalid_argument("memory_store: a record has more than max_fields fields");
    std::size_t size = 2 + packed_references.size();
    for (const auto& f : fields)
        size += 4 + f.size();
    // Sized once and written through a pointer: every create and update packs a record.
    std::string out(size, '\0');
    char* p = out.data();
    auto count = static_cast<std::uint16_t>(fields.size());
    std::memcpy(p, &count, 2);
    p += 2;
    for (const auto& f : fields) {
        auto length = static_cast<std::uint32_t>(f.size());
        std::memcpy(p, &length, 4);
        p += 4;
        p += std::string_view(f).copy(p, f.size());
    }
    std::string_view(packed_references).copy(p, packed_references.size());
    return out;
}

} // namespace detail

std::string memory_store::pack(const std::vector<std::string>& fields, const std::vector<std::string>& references)
{
    return detail::pack_record(fields, detail::packed_references(references));
}

std::string memory_store::pack(const std::vector<std::string_view>& fields, const std::vector<std::string>& references)
{
    return detail::pack_record(fields, detail::packed_references(references));
}

std::string memory_store::pack(const std::vector<std::string_view>& fields, std::string_view packed_references)
{
    return detail::pack_record(fields, packed_references);
}

std::size_t memory_store::unpack_fields(std::string_view packed, field_views& out) noexcept
{
    const char* p = packed.data();
    std::size_t n = detail::get_u16(p);
    p += 2;
    for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t size = detail::get_u32(p);
        out[i] = {p + 4, size};
        p += 4 + size;
    }
    return n;
}

std::string_view memory_store::references_of(std::string_view packed) noexcept
{
    const char* p = packed.data();
    std::size_t n = detail::get_u16(p);
    p += 2;
    for (std::size_t i = 0; i < n; ++i)
        p += 4 + detail::get_u32(p);
    return {p, static_cast<std::size_t>(packed.data() + packed.size() - p)};
}

std::vector<std::string> memory_store::unpack_references(std::string_view packed)
{
    const char* p = packed.data();
    std::size_t n = detail::get_u16(p);
    p += 2;
    for (std::size_t i = 0; i < n; ++i)
        p += 4 + detail::get_u32(p);
    std::size_t m = detail::get_u16(p);
    p += 2;
    std::vector<std::string> out;
    out.reserve(m);
    for (std::size_t i = 0; i < m; ++i) {
        std::size_t size = detail::get_u16(p);
        out.emplace_back(p + 2, size);
        p += 2 + size;
    }
    return out;
}

// --- reading -------------------------------------------------------------------------------

record_view memory_store::view_at(std::string_view account_sid, const scope& in, const ordered::value_type& entry,
                                  std::array<char, sid_length>& sid, field_views& fields) noexcept
{
    const stored& s = entry.second;
    record_view v;
    v.sequence = entry.first;
    v.kind = in.kind;
    v.sid = s.sid.write(sid);
    v.account_sid = account_sid;
    v.parent_sid = in.parent_sid;
    v.date_created = timestamp(std::chrono::seconds(s.date_created));
    v.date_updated = timestamp(std::chrono::seconds(s.date_updated));
    v.fields = {fields.data(), unpack_fields(s.packed, fields)};
    return v;
}

record memory_store::record_at(std::string_view account_sid, const scope& in, const ordered::value_type& entry)
{
    std::array<char, sid_length> sid;
    field_views fields;
    record r = to_record(view_at(account_sid, in, entry, sid, fields));
    r.references = unpack_references(entry.second.packed);
    return r;
}

bool memory_store::passes(const stored& s, const std::vector<record_filter>& filters) noexcept
{
    if (filters.empty())
        return true;
    field_views fields;
    std::size_t n = unpack_fields(s.packed, fields);
    for (const record_filter& f : filters) {
        std::string_view value = f.field < n ? fields[f.field] : std::string_view();
        if (std::find(f.values.begin(), f.values.end(), value) == f.values.end())
            return false;
    }
    return true;
}

std::string memory_store::scope_name(std::string_view kind, std::string_view parent_sid)
{
    std::string name;
    name.reserve(kind.size() + 1 + parent_sid.size());
    name.append(kind).append(1, '/').append(parent_sid);
    return name;
}

memory_store::scope* memory_store::scope_in(const account& in, std::string_view kind, std::string_view parent)
{
    // The name built on the stack, where a kind and a SID always fit: a lookup then allocates
    // nothing.
    std::array<char, 128> buffer;
    std::string spilled;
    std::string_view name;
    if (kind.size() + 1 + parent.size() <= buffer.size()) {
        char* end = std::copy(kind.begin(), kind.end(), buffer.data());
        *end++ = '/';
        end = std::copy(parent.begin(), parent.end(), end);
        name = {buffer.data(), static_cast<std::size_t>(end - buffer.data())};
    } else {
        spilled = scope_name(kind, parent);
        name = spilled;
    }
    auto it = in.scopes.find(name);
    return it == in.scopes.end() ? nullptr : it->second.get();
}

const memory_store::scope* memory_store::find_scope(std::string_view account_sid, std::string_view kind,
                                                    std::string_view parent) const
{
    auto acct = accounts_.find(account_sid);
    return acct == accounts_.end() ? nullptr : scope_in(acct->second, kind, parent);
}

std::optional<memory_store::located> memory_store::find(const record_key& key) const
{
    auto sid = detail::sid_key::parse(key.sid);
    if (!sid)
        return std::nullopt;
    const located* at = by_sid_.find(*sid);
    if (!at)
        return std::nullopt;
    // Another account's record, or another kind's, or one under another parent, is
    // indistinguishable from a missing one.
    if (at->in->kind != key.kind || at->in->parent_sid != key.parent_sid)
        return std::nullopt;
    auto acct = accounts_.find(key.account_sid);
    if (acct == accounts_.end() || &acct->second != at->owner)
        return std::nullopt;
    return *at;
}

page_slice memory_store::find_page(const list_scope& query_scope, const page_query& query,
                                   std::vector<placed>& out) const
{
    page_slice slice;
    // The records in range, in sequence order: one scope's tree, or (under any parent) every
    // scope of the kind merged.
    std::vector<placed> all;
    const scope* single = nullptr;
    if (query_scope.parent_sid) {
        single = find_scope(query_scope.account_sid, query_scope.kind, *query_scope.parent_sid);
        if (!single)
            return slice;
    } else {
        auto acct = accounts_.find(query_scope.account_sid);
        if (acct == accounts_.end())
            return slice;
        for (const auto& [name, sc] : acct->second.scopes)
            if (sc->kind == query_scope.kind)
                for (auto it = sc->records.begin(); it != sc->records.end(); ++it)
                    all.push_back({sc.get(), it});
        std::sort(all.begin(), all.end(),
                  [](const placed& a, const placed& b) { return a.position->first < b.position->first; });
    }
    auto ok = [&](const placed& p) { return passes(p.position->second, query_scope.filters); };
    if (single) {
        const ordered& records = single->records;
        if (query.before) {
            auto end = records.lower_bound(*query.before);
            auto it = end;
            while (out.size() < query.limit && it != records.begin()) {
                --it;
                if (passes(it->second, query_scope.filters))
                    out.push_back({single, it});
            }
            std::reverse(out.begin(), out.end());
            // Filled up: what lies before the first record taken (otherwise the walk reached
            // the beginning).
            if (out.size() == query.limit)
                for (auto before = it; before != records.begin() && !slice.more_before;) {
                    --before;
                    slice.more_before = passes(before->second, query_scope.filters);
                }
            for (auto after = end; after != records.end() && !slice.more_after; ++after)
                slice.more_after = passes(after->second, query_scope.filters);
        } else {
            auto begin = query.after ? records.upper_bound(*query.after) : records.begin();
            auto it = begin;
            for (; it != records.end() && out.size() < query.limit; ++it)
                if (passes(it->second, query_scope.filters))
                    out.push_back({single, it});
            for (; it != records.end() && !slice.more_after; ++it)
                slice.more_after = passes(it->second, query_scope.filters);
            for (auto before = begin; before != records.begin() && !slice.more_before;) {
                --before;
                slice.more_before = passes(before->second, query_scope.filters);
            }
        }
        return slice;
    }
    // Under any parent: the merged list, searched the same way.
    auto seq = [](const placed& p) { return p.position->first; };
    if (query.before) {
        auto end = std::partition_point(all.begin(), all.end(), [&](const placed& p) { return seq(p) < *query.before; });
        auto it = end;
        while (out.size() < query.limit && it != all.begin()) {
            --it;
            if (ok(*it))
                out.push_back(*it);
        }
        std::reverse(out.begin(), out.end());
        slice.more_before = std::any_of(all.begin(), it, ok);
        slice.more_after = std::any_of(end, all.end(), ok);
    } else {
        auto begin = query.after ? std::partition_point(all.begin(), all.end(),
                                                        [&](const placed& p) { return seq(p) <= *query.after; })
                                 : all.begin();
        auto it = begin;
        for (; it != all.end() && out.size() < query.limit; ++it)
            if (ok(*it))
                out.push_back(*it);
        slice.more_after = std::any_of(it, all.end(), ok);
        slice.more_before = std::any_of(all.begin(), begin, ok);
    }
    return slice;
}

result<record> memory_store::fetch_now(const record_key& key) const
{
    std::shared_lock lock(mutex_);
    auto found = find(key);
    if (!found)
        return errc::not_found;
    return record_at(key.account_sid, *found->in, *found->position);
}

result<page_slice> memory_store::list_now(const list_scope& scope, const page_query& query) const
{
    std::vector<placed> page;
    page.reserve(std::min<std::size_t>(query.limit, 1000));
    std::shared_lock lock(mutex_);
    page_slice slice = find_page(scope, query, page);
    slice.items.reserve(page.size());
    for (const placed& p : page)
        slice.items.push_back(record_at(scope.account_sid, *p.in, *p.position));
    return slice;
}

result<page_slice> memory_store::visit_page_now(const list_scope& scope, const page_query& query,
                                                const record_visitor& visit) const
{
    std::vector<placed> page;
    page.reserve(std::min<std::size_t>(query.limit, 1000));
    std::shared_lock lock(mutex_);
    page_slice slice = find_page(scope, query, page);
    std::array<char, sid_length> sid;
    field_views fields;
    for (const placed& p : page)
        visit(view_at(scope.account_sid, *p.in, *p.position, sid, fields));
    return slice;
}

result<void> memory_store::visit_record_now(const record_key& key, const record_visitor& visit) const
{
    std::shared_lock lock(mutex_);
    auto found = find(key);
    if (!found)
        return errc::not_found;
    std::array<char, sid_length> sid;
    field_views fields;
    visit(view_at(key.account_sid, *found->in, *found->position, sid, fields));
    return {};
}

std::size_t memory_store::size() const
{
    std::shared_lock lock(mutex_);
    return by_sid_.size();
}

// --- writing -------------------------------------------------------------------------------

result<record> memory_store::create_now(record fresh)
{
    auto key = detail::sid_key::parse(fresh.sid);
    if (!key)
        throw std::invalid_argument("memory_store::create: malformed SID");
    std::string packed = pack(fresh.fields, fresh.references);
    std::unique_lock lock(mutex_);
    if (by_sid_.contains(*key))
        return errc::already_exists;
    auto acct = accounts_.find(std::string_view(fresh.account_sid));
    auto in_account = [&](std::string_view sid) {
        auto k = detail::sid_key::parse(sid);
        const located* at = k ? by_sid_.find(*k) : nullptr;
        return at && acct != accounts_.end() && at->owner == &acct->second;
    };
    if (!fresh.parent_sid.empty() && !in_account(fresh.parent_sid))
        return errc::not_found;
    for (const std::string& r : fresh.references)
        if (!in_account(r))
            return errc::missing_reference;
    if (acct == accounts_.end())
        acct = accounts_.emplace(fresh.account_sid, account{}).first;
    // The scope found without building its name's string, but when it is new.
    scope* slot = scope_in(acct->second, fresh.kind, fresh.parent_sid);
    if (!slot)
        slot = acct->second.scopes
                   .emplace(scope_name(fresh.kind, fresh.parent_sid),
                            std::make_unique<scope>(scope{fresh.kind, fresh.parent_sid, {}}))
                   .first->second.get();
    fresh.sequence = ++last_sequence_;
    // Sequences only grow: the new record goes after every other of its scope, and the hint
    // spares a descent of the tree from its root (a cache miss a level in a large scope).
    auto it = slot->records.emplace_hint(
        slot->records.end(), fresh.sequence,
        stored{*key, fresh.date_created.time_since_epoch().count(), fresh.date_updated.time_since_epoch().count(),
               std::move(packed)});
    by_sid_.emplace(*key, located{&acct->second, slot, it});
    for (const std::string& r : fresh.references) {
        auto k = *detail::sid_key::parse(r);
        if (std::uint32_t* n = referenced_.find(k))
            ++*n;
        else
            referenced_.emplace(k, 1);
    }
    // The record itself is the answer: fewer strings to allocate than reading it back.
    return fresh;
}

result<record> memory_store::update_now(const record_key& key, record_patch patch)
{
    std::unique_lock lock(mutex_);
    auto found = find(key);
    if (!found)
        return errc::not_found;
    stored& s = found->position->second;
    field_views current;
    std::size_t n = unpack_fields(s.packed, current);
    std::vector<std::string_view> fields(current.begin(), current.begin() + static_cast<std::ptrdiff_t>(n));
    for (const auto& [index, text] : patch.fields) {
        if (index >= fields.size())
            fields.resize(index + 1);
        fields[index] = text;
    }
    // The references never change: their bytes are carried over as they are.
    s.packed = pack(fields, references_of(s.packed));
    s.date_updated = patch.date_updated.time_since_epoch().count();
    return record_at(key.account_sid, *found->in, *found->position);
}

result<void> memory_store::remove_now(const record_key& key)
{
    std::unique_lock lock(mutex_);
    auto found = find(key);
    if (!found)
        return errc::not_found;
    // The record and everything under it, parents before children.
    std::vector<located> doomed{*found};
    for (std::size_t i = 0; i < doomed.size(); ++i) {
        std::array<char, sid_length> buf;
        const stored& s = doomed[i].position->second;
        std::string_view sid = s.sid.write(buf);
        for (auto& [name, sc] : doomed[i].owner->scopes)
            if (sc->parent_sid == sid)
                for (auto it = sc->records.begin(); it != sc->records.end(); ++it)
                    doomed.push_back({doomed[i].owner, sc.get(), it});
    }
    // Referred to from outside: every reference to a doomed record must come from one.
    std::unordered_map<std::string, std::uint32_t> from_inside;
    for (const located& d : doomed)
        for (std::string& r : unpack_references(d.position->second.packed))
            ++from_inside[std::move(r)];
    for (const located& d : doomed) {
        const stored& s = d.position->second;
        const std::uint32_t* n = referenced_.find(s.sid);
        if (!n)
            continue;
        std::array<char, sid_length> buf;
        auto inside = from_inside.find(std::string(s.sid.write(buf)));
        if (*n > (inside == from_inside.end() ? 0 : inside->second))
            return errc::referenced;
    }
    // Children first, so that a scope emptied of its records can go.
    for (auto d = doomed.rbegin(); d != doomed.rend(); ++d) {
        const stored& s = d->position->second;
        for (const std::string& r : unpack_references(s.packed)) {
            auto k = *detail::sid_key::parse(r);
            if (std::uint32_t* n = referenced_.find(k); n && --*n == 0)
                referenced_.erase(k);
        }
        referenced_.erase(s.sid);
        by_sid_.erase(s.sid);
        scope* in = d->in;
        in->records.erase(d->position);
        if (in->records.empty() && !in->parent_sid.empty())
            d->owner->scopes.erase(scope_name(in->kind, in->parent_sid));
    }
    return {};
}

} // namespace trusthub

#endif
