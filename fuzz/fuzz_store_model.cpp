// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// The memory store against a model of the store contract (`trusthub/store/store.hpp`). The input is
// read (FuzzedDataProvider) as a sequence of operations on two accounts and three kinds of
// records: creates at the top level and under parents of any kind, with references to live,
// removed, made-up and other accounts' records; fetches, updates and removes through keys that
// are right or wrong in one part (kind, parent, account, the SID's prefix); lists of one
// parent, the top level or any parent, with filters on fields records may not have, from any
// cursor both ways; whole walks forwards and backwards.
//
// The model is a map of the records the store acknowledged: a create that succeeds adds the
// record it returns, an update changes it, a remove takes it and everything under it. Every
// answer must be one the model allows: the record as stored, or the error the contract names
// (not_found for a key that names no live record or a missing parent, missing_reference,
// referenced with nothing removed, already_exists), and every page the slice of the scope the
// paging model computes, `visit_page` agreeing with `list`. After each step the store's size is
// compared and the graph checked whole (every parent and reference of a stored record stored);
// at the end every record, through lists under any parent.

#include <support/check.hpp>

#include <trusthub/store/memory_store.hpp>
#include <trusthub/testing/detail/paging_model.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace trusthub;
using testing::detail::expected_page;
using testing::detail::in_scope;

constexpr int max_operations = 64;

// Two SIDs that differ only in their prefix are two records (the contract compares SIDs whole):
// creates sometimes reuse another record's digits under another prefix, and lookups try SIDs
// whose prefix alone is wrong, which must find nothing.
constexpr bool create_sids_sharing_digits = true;

struct kind_info {
    const char* name;
    const char* prefix;
};
// Made-up kinds: a store keeps whatever kind it is given.
const std::vector<kind_info> kinds = {{"fz_items", "FI"}, {"fz_children", "FC"}, {"fz_links", "FL"}};
const std::vector<std::string> accounts = {"AC00000000000000000000000000000001", "AC00000000000000000000000000000002"};
// Field texts from a small set, so that filters find something; one of them is null.
const std::vector<std::string> texts = {"", R"("a")", R"("b")", "1", "{}", R"({"k":["v",null]})", R"("\u0061")", "null"};

std::string make_sid(std::string_view prefix, std::uint64_t digits)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.2s%032llx", prefix.data(), static_cast<unsigned long long>(digits));
    return buf;
}

std::string describe(const record& r)
{
    std::ostringstream out;
    out << "{" << r.sequence << " " << r.kind << " " << r.sid << " of " << r.account_sid << " under '" << r.parent_sid
        << "', fields [";
    for (const auto& f : r.fields)
        out << f << "|";
    out << "], references [";
    for (const auto& s : r.references)
        out << s << " ";
    out << "], " << r.date_created.time_since_epoch().count() << "/" << r.date_updated.time_since_epoch().count()
        << "}";
    return out.str();
}

std::string describe(const record_key& k)
{
    return k.kind + " " + k.sid + " of " + k.account_sid + " under '" + k.parent_sid + "'";
}

std::string describe(const page_slice& s)
{
    std::string out = "[";
    for (const auto& r : s.items)
        out += std::to_string(r.sequence) + " ";
    return out + "] before " + std::to_string(s.more_before) + " after " + std::to_string(s.more_after);
}

bool same_page(const page_slice& a, const page_slice& b)
{
    return a.items == b.items && a.more_before == b.more_before && a.more_after == b.more_after;
}

class session {
public:
    explicit session(FuzzedDataProvider& in) : in_(in) {}

    void run()
    {
        for (int i = 0; i < max_operations && in_.remaining_bytes() > 0; ++i) {
            switch (in_.ConsumeIntegralInRange(0, 9)) {
            case 0: case 1: case 2: create(); break;
            case 3: fetch(); break;
            case 4: update(); break;
            case 5: remove(); break;
            case 6: case 7: list(); break;
            default: walk(pick_scope(), in_.ConsumeIntegralInRange<std::size_t>(1, 5)); break;
            }
            FUZZ_CHECK(store_.size() == model_.size(), "the store holds " + std::to_string(store_.size()) +
                                                           " records, the model " + std::to_string(model_.size()));
            check_graph();
        }
        for (const auto& account : accounts)
            for (const auto& kind : kinds) {
                list_scope everything{kind.name, account, std::nullopt, {}};
                auto all = in_scope(known(), everything);
                page_query query;
                query.limit = model_.size() + 1;
                auto page = store_.list_now(everything, query);
                FUZZ_CHECK(page && page->items == all, "the store's records differ from the model's at the end");
                walk(everything, 2);
            }
    }

private:
    // --- picking ---------------------------------------------------------------------------

    std::vector<record> known() const
    {
        std::vector<record> out;
        for (const auto& [sid, r] : model_)
            out.push_back(r);
        return out;
    }

    const kind_info& pick_kind() { return kinds[in_.ConsumeIntegralInRange<std::size_t>(0, kinds.size() - 1)]; }
    const std::string& pick_account() { return accounts[in_.ConsumeBool() ? 1 : 0]; }

    std::string fresh_sid(const kind_info& kind)
    {
        if (create_sids_sharing_digits && !model_.empty() && in_.ConsumeIntegralInRange(0, 7) == 0)
            return kind.prefix + pick_live()->sid.substr(2);
        return make_sid(kind.prefix, ++next_digits_);
    }

    const record* pick_live()
    {
        if (model_.empty())
            return nullptr;
        auto it = model_.begin();
        std::advance(it, in_.ConsumeIntegralInRange<std::size_t>(0, model_.size() - 1));
        return &it->second;
    }

    // A SID to name as a parent or a reference: a live record's (of either account), a removed
    // one's, one never issued, or a live one's digits with another prefix.
    std::string pick_sid()
    {
        switch (in_.ConsumeIntegralInRange(0, 5)) {
        case 0: case 1: case 2:
            if (const record* r = pick_live())
                return r->sid;
            break;
        case 3:
            if (!gone_.empty())
                return gone_[in_.ConsumeIntegralInRange<std::size_t>(0, gone_.size() - 1)];
            break;
        case 4:
            if (const record* r = pick_live())
                return "FX" + r->sid.substr(2);
            break;
        default: break;
        }
        return make_sid(pick_kind().prefix, 0xf000'0000'0000'0000ULL + in_.ConsumeIntegralInRange(0, 1000));
    }

    // A key for fetch, update and remove: a live or removed record's, right or wrong in one part.
    record_key pick_key()
    {
        record_key key;
        const record* r = pick_live();
        if (r && in_.ConsumeIntegralInRange(0, 4) != 0) {
            key = {r->kind, r->account_sid, r->parent_sid, r->sid};
        } else {
            key = {pick_kind().name, pick_account(), "", pick_sid()};
            if (in_.ConsumeBool())
                key.parent_sid = pick_sid();
            return key;
        }
        switch (in_.ConsumeIntegralInRange(0, 7)) {
        case 0: key.kind = pick_kind().name; break;
        case 1: key.parent_sid = in_.ConsumeBool() ? std::string() : pick_sid(); break;
        case 2: key.account_sid = pick_account(); break;
        case 3: key.sid = "FX" + key.sid.substr(2); break;
        default: break;
        }
        return key;
    }

    std::string pick_text()
    {
        if (in_.ConsumeIntegralInRange(0, 9) == 0)
            return in_.ConsumeRandomLengthString(12);
        return texts[in_.ConsumeIntegralInRange<std::size_t>(0, texts.size() - 1)];
    }

    list_scope pick_scope()
    {
        list_scope scope;
        scope.kind = pick_kind().name;
        scope.account_sid = pick_account();
        switch (in_.ConsumeIntegralInRange(0, 3)) {
        case 0: scope.parent_sid = std::nullopt; break;
        case 1: scope.parent_sid = std::string(); break;
        default: scope.parent_sid = pick_sid(); break;
        }
        for (int n = in_.ConsumeIntegralInRange(0, 4) - 2; n > 0; --n) {
            record_filter f;
            f.field = in_.ConsumeIntegralInRange<std::size_t>(0, 5);
            for (int v = in_.ConsumeIntegralInRange(0, 3); v > 0; --v)
                f.values.push_back(pick_text());
            scope.filters.push_back(std::move(f));
        }
        return scope;
    }

    // --- the model ---------------------------------------------------------------------------

    const record* live(std::string_view account, std::string_view sid) const
    {
        auto it = model_.find(std::string(sid));
        return it != model_.end() && it->second.account_sid == account ? &it->second : nullptr;
    }

    const record* named(const record_key& key) const
    {
        auto it = model_.find(key.sid);
        if (it == model_.end())
            return nullptr;
        const record& r = it->second;
        bool same = r.kind == key.kind && r.account_sid == key.account_sid && r.parent_sid == key.parent_sid;
        return same ? &r : nullptr;
    }

    // The record and everything under it, at any depth.
    std::set<std::string> subtree(const record& top) const
    {
        std::set<std::string> out = {top.sid};
        for (bool grew = true; grew;) {
            grew = false;
            for (const auto& [sid, r] : model_)
                if (r.account_sid == top.account_sid && out.contains(r.parent_sid) && out.insert(sid).second)
                    grew = true;
        }
        return out;
    }

    // The graph is whole after every step: each stored record's parent and every record it
    // refers to are stored, in its account, as the store itself answers (an assignment never
    // names nothing, whatever removes came before).
    void check_graph() const
    {
        for (const auto& [sid, r] : model_) {
            std::vector<std::string> named = r.references;
            if (!r.parent_sid.empty())
                named.push_back(r.parent_sid);
            for (const auto& to : named) {
                const record* target = live(r.account_sid, to);
                FUZZ_CHECK(target != nullptr, describe(r) + " names " + to + ", which the model does not hold");
                record_key key{target->kind, target->account_sid, target->parent_sid, target->sid};
                FUZZ_CHECK(store_.fetch_now(key).has_value(), describe(r) + " names " + to + ", which the store lost");
            }
        }
    }

    // --- operations --------------------------------------------------------------------------

    void create()
    {
        const kind_info& kind = pick_kind();
        record fresh;
        fresh.kind = kind.name;
        fresh.account_sid = pick_account();
        fresh.sid = in_.ConsumeIntegralInRange(0, 15) == 0 && !model_.empty() ? pick_live()->sid : fresh_sid(kind);
        if (in_.ConsumeBool())
            fresh.parent_sid = pick_sid();
        for (int n = in_.ConsumeIntegralInRange(0, 5) - 2; n > 0; --n)
            fresh.references.push_back(pick_sid());
        for (int n = in_.ConsumeIntegralInRange(0, 4); n > 0; --n)
            fresh.fields.push_back(pick_text());
        fresh.date_created = timestamp(std::chrono::seconds(in_.ConsumeIntegralInRange<std::int64_t>(0, 5'000'000'000)));
        fresh.date_updated = timestamp(std::chrono::seconds(in_.ConsumeIntegralInRange<std::int64_t>(0, 5'000'000'000)));

        // Every refusal that applies; the store may answer any one of them.
        std::set<errc> refusals;
        if (model_.contains(fresh.sid))
            refusals.insert(errc::already_exists);
        if (!fresh.parent_sid.empty() && !live(fresh.account_sid, fresh.parent_sid))
            refusals.insert(errc::not_found);
        for (const auto& to : fresh.references)
            if (!live(fresh.account_sid, to))
                refusals.insert(errc::missing_reference);

        auto created = store_.create_now(fresh);
        if (!refusals.empty()) {
            FUZZ_CHECK(!created && refusals.contains(static_cast<errc>(created.error().value())),
                       "create " + describe(fresh) + " must be refused, got " +
                           (created ? describe(*created) : created.error().message()));
            return;
        }
        FUZZ_CHECK(created.has_value(), "create " + describe(fresh) + " failed: " + created.error().message());
        FUZZ_CHECK(created->sequence > last_sequence_, "a sequence not above every earlier one: " + describe(*created));
        last_sequence_ = fresh.sequence = created->sequence;
        FUZZ_CHECK(*created == fresh, "create returned " + describe(*created) + " for " + describe(fresh));
        model_.emplace(fresh.sid, fresh);
        check_stored(fresh);
    }

    void check_stored(const record& r)
    {
        record_key key{r.kind, r.account_sid, r.parent_sid, r.sid};
        auto fetched = store_.fetch_now(key);
        FUZZ_CHECK(fetched && *fetched == r, "fetch of " + describe(key) + " after a write differs from the model");
    }

    void fetch()
    {
        auto key = pick_key();
        auto fetched = store_.fetch_now(key);
        const record* r = named(key);
        if (!r) {
            FUZZ_CHECK(!fetched && fetched.error() == errc::not_found,
                       "fetch of " + describe(key) + " must be not_found, got " +
                           (fetched ? describe(*fetched) : fetched.error().message()));
            return;
        }
        FUZZ_CHECK(fetched && *fetched == *r, "fetch of " + describe(key) + " differs from the model: " + describe(*r));
    }

    void update()
    {
        auto key = pick_key();
        record_patch patch;
        for (int n = in_.ConsumeIntegralInRange(0, 3); n > 0; --n)
            patch.fields.emplace_back(in_.ConsumeIntegralInRange<std::size_t>(0, 7), pick_text());
        patch.date_updated = timestamp(std::chrono::seconds(in_.ConsumeIntegralInRange<std::int64_t>(0, 5'000'000'000)));
        auto updated = store_.update_now(key, patch);
        auto it = named(key) ? model_.find(key.sid) : model_.end();
        if (it == model_.end()) {
            FUZZ_CHECK(!updated && updated.error() == errc::not_found,
                       "update of " + describe(key) + " must be not_found");
            return;
        }
        record& r = it->second;
        // Later entries of a patch win over earlier ones for the same field.
        for (const auto& [index, text] : patch.fields) {
            if (index >= r.fields.size())
                r.fields.resize(index + 1);
            r.fields[index] = text;
        }
        r.date_updated = patch.date_updated;
        FUZZ_CHECK(updated && *updated == r, "update of " + describe(key) + " returned " +
                                                 (updated ? describe(*updated) : updated.error().message()) +
                                                 ", the model has " + describe(r));
        check_stored(r);
    }

    void remove()
    {
        auto key = pick_key();
        auto removed = store_.remove_now(key);
        const record* r = named(key);
        if (!r) {
            FUZZ_CHECK(!removed && removed.error() == errc::not_found, "remove of " + describe(key) +
                                                                           " must be not_found");
            return;
        }
        auto doomed = subtree(*r);
        bool referenced = false;
        for (const auto& [sid, other] : model_)
            if (!doomed.contains(sid))
                for (const auto& to : other.references)
                    referenced = referenced || doomed.contains(to);
        if (referenced) {
            FUZZ_CHECK(!removed && removed.error() == errc::referenced,
                       "remove of " + describe(key) + " must be refused: a record outside it refers into it");
            return;
        }
        FUZZ_CHECK(removed.has_value(), "remove of " + describe(key) + " failed: " + removed.error().message());
        for (const auto& sid : doomed) {
            const record& gone = model_.at(sid);
            record_key gone_key{gone.kind, gone.account_sid, gone.parent_sid, gone.sid};
            auto fetched = store_.fetch_now(gone_key);
            FUZZ_CHECK(!fetched && fetched.error() == errc::not_found,
                       "a record removed with its parent is still there: " + describe(gone));
            gone_.push_back(sid);
            model_.erase(sid);
        }
    }

    page_query pick_query()
    {
        page_query query;
        auto cursor = [this]() -> std::uint64_t {
            switch (in_.ConsumeIntegralInRange(0, 5)) {
            case 0: return 0;
            case 1: return UINT64_MAX;
            case 2: return in_.ConsumeIntegral<std::uint64_t>();
            default: return in_.ConsumeIntegralInRange<std::uint64_t>(0, last_sequence_ + 2);
            }
        };
        switch (in_.ConsumeIntegralInRange(0, 2)) {
        case 0: query.after = cursor(); break;
        case 1: query.before = cursor(); break;
        default: break;
        }
        query.limit = in_.ConsumeIntegralInRange(0, 7) == 0 ? in_.ConsumeIntegralInRange<std::size_t>(0, 1000)
                                                            : in_.ConsumeIntegralInRange<std::size_t>(1, 6);
        return query;
    }

    // The page `list` and `visit_page` answer, checked against the model and each other.
    page_slice checked_page(const list_scope& scope, const page_query& query)
    {
        auto expected = expected_page(in_scope(known(), scope), query);
        auto page = store_.list_now(scope, query);
        FUZZ_CHECK(page.has_value(), "list failed: " + page.error().message());
        FUZZ_CHECK(same_page(*page, expected), "list of " + scope.kind + " of " + scope.account_sid + " returned " +
                                                   describe(*page) + ", the model " + describe(expected));
        page_slice visited;
        auto flags = store_.visit_page_now(scope, query, [&visited](const record_view& v) {
            visited.items.push_back(to_record(v));
        });
        FUZZ_CHECK(flags.has_value() && flags->items.empty(), "visit_page failed or returned items");
        visited.more_before = flags->more_before;
        visited.more_after = flags->more_after;
        for (auto& r : expected.items)
            r.references.clear();
        FUZZ_CHECK(same_page(visited, expected), "visit_page visited " + describe(visited) + ", list returned " +
                                                     describe(*page));
        return std::move(*page);
    }

    void list()
    {
        auto scope = pick_scope();
        auto query = pick_query();
        checked_page(scope, query);
    }

    // Every page of a scope forwards, then backwards from past the end: each record once, in
    // order, both ways.
    void walk(const list_scope& scope, std::size_t size)
    {
        auto all = in_scope(known(), scope);
        std::vector<record> forward, backward;
        page_query query;
        query.limit = size;
        for (std::size_t pages = 0;; ++pages) {
            FUZZ_CHECK(pages <= all.size() / size + 1, "paging forward never ends");
            auto page = checked_page(scope, query);
            forward.insert(forward.end(), page.items.begin(), page.items.end());
            if (!page.more_after)
                break;
            query.after = page.items.back().sequence;
        }
        FUZZ_CHECK(forward == all, "paging forward does not give every record of the scope once, in order");
        query = page_query{std::nullopt, last_sequence_ + 1, size};
        for (std::size_t pages = 0;; ++pages) {
            FUZZ_CHECK(pages <= all.size() / size + 1, "paging backward never ends");
            auto page = checked_page(scope, query);
            backward.insert(backward.begin(), page.items.begin(), page.items.end());
            if (!page.more_before)
                break;
            query.before = page.items.front().sequence;
        }
        FUZZ_CHECK(backward == all, "paging backward does not give every record of the scope once, in order");
    }

    FuzzedDataProvider& in_;
    memory_store store_;
    std::map<std::string, record> model_;  // by SID, every account
    std::vector<std::string> gone_;        // removed SIDs
    std::uint64_t last_sequence_ = 0;
    std::uint64_t next_digits_ = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider in(data, size);
    session(in).run();
    return 0;
}
