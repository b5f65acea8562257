// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_CONTROL_IMPL_RECORD_SNAPSHOTS_IPP
#define TRUSTHUB_CONTROL_IMPL_RECORD_SNAPSHOTS_IPP

#include <trusthub/sid.hpp>
#include <trusthub/control/record_snapshots.hpp>

#include <boost/system/system_error.hpp>

#include <map>
#include <set>
#include <stdexcept>
#include <string_view>

namespace trusthub {

record_snapshots::record_snapshots(store& records, std::span<const resource_descriptor* const> collections)
    : store_(records), collections_(collections)
{
}

boost::asio::awaitable<result<std::vector<record>>> record_snapshots::snapshot(std::string account_sid)
{
    std::vector<std::string> kinds;
    for (const resource_descriptor* r : collections_)
        kinds.emplace_back(r->kind);
    co_return co_await store_.account_records(std::move(account_sid), std::move(kinds));
}

// Removes `records`, the last made first: what lives under a record or refers to it is made
// after it, so it is gone before the record is. A record gone already (removed meanwhile, or
// with its parent) is gone all the same.
boost::asio::awaitable<result<std::size_t>> record_snapshots::remove_all(std::vector<record> records)
{
    std::size_t removed = 0;
    for (auto it = records.rbegin(); it != records.rend(); ++it) {
        record_key key{it->kind, it->account_sid, it->parent_sid, it->sid};
        auto gone = co_await store_.remove(std::move(key));
        if (!gone && gone.error() != errc::not_found)
            co_return gone.error();
        ++removed;
    }
    co_return removed;
}

boost::asio::awaitable<result<record_snapshots::removal_counts>> record_snapshots::reset(std::string account_sid)
{
    auto records = co_await snapshot(account_sid);
    if (!records)
        co_return records.error();
    removal_counts counts;
    for (const resource_descriptor* resource : collections_) {
        std::size_t n = 0;
        for (const record& r : *records)
            n += r.kind == resource->kind;
        if (n != 0 || counts.empty())
            counts.emplace_back(std::string(resource->kind), n);
    }
    auto removed = co_await remove_all(std::move(*records));
    if (!removed)
        co_return removed.error();
    co_return counts;
}

std::optional<std::string> record_snapshots::restore_problem(const std::vector<record>& records,
                                                              std::span<const resource_descriptor* const> collections)
{
    std::set<std::string_view> seen;
    std::map<std::string_view, std::size_t> index_in_kind;
    for (const record& r : records) {
        const resource_descriptor* resource = nullptr;
        for (const resource_descriptor* d : collections)
            if (d->kind == r.kind)
                resource = d;
        if (!resource)
            return std::string(r.kind.empty() ? "records" : r.kind) + ": not a collection this server keeps";
        std::string at = r.kind + "[" + std::to_string(index_in_kind[resource->kind]++) + "]";
        if (!is_sid(r.sid, resource->sid_prefix))
            return at + ".sid: " + std::string(resource->sid_prefix) + " followed by 32 lowercase hex digits";
        if (!seen.insert(r.sid).second)
            return at + ".sid: " + r.sid + " is given twice";
        if (resource->nested() ? !is_sid(r.parent_sid, resource->parent_prefix) : !r.parent_sid.empty())
            return at + ".parent: the SID of the record it lives under";
        if (r.fields.size() != resource->fields.size())
            return at + ": has " + std::to_string(r.fields.size()) + " fields, not " +
                   std::to_string(resource->fields.size());
        for (std::size_t i = 0; i < resource->fields.size(); ++i)
            if (resource->fields[i].required && (r.fields[i].empty() || r.fields[i] == "\"\""))
                return at + "." + std::string(resource->fields[i].wire_name) + ": required";
    }
    return std::nullopt;
}

boost::asio::awaitable<result<void>> record_snapshots::put_back(std::string account_sid, std::vector<record> records)
{
    for (auto& r : records) {
        r.account_sid = account_sid;
        auto created = co_await store_.create(std::move(r));
        if (!created)
            co_return created.error();
    }
    co_return result<void>();
}

boost::asio::awaitable<result<void>> record_snapshots::restore(std::string account_sid, std::vector<record> records)
{
    if (auto problem = restore_problem(records, collections_))
        throw std::invalid_argument("record_snapshots::restore: " + *problem);
    auto old = co_await snapshot(account_sid);
    if (!old)
        co_return old.error();
    auto cleared = co_await remove_all(*old);
    if (!cleared)
        co_return cleared.error();
    std::vector<record> made;
    boost::system::error_code failure;
    for (const record& r : records) {
        record copy = r;
        copy.account_sid = account_sid;
        auto created = co_await store_.create(std::move(copy));
        if (!created) {
            failure = created.error();
            break;
        }
        made.push_back(std::move(*created));
    }
    if (!failure)
        co_return result<void>();
    // Undone, so that a refused snapshot changes nothing: what was made goes, what was there
    // comes back in its order.
    co_await remove_all(std::move(made));
    auto back = co_await put_back(account_sid, std::move(*old));
    if (!back)
        throw boost::system::system_error(back.error(), "record_snapshots::restore: could not put the records back");
    co_return failure;
}

} // namespace trusthub

#endif
