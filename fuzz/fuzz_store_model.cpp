// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// The store against a model of what was acknowledged. The input is read (FuzzedDataProvider)
// as a sequence of operations on two accounts, each sent through the exchange as a real HTTP
// request: creates, fetches, updates and deletes of live, deleted, made-up and other accounts'
// SIDs, with well-formed or fuzzed parameters; pages of any size from any cursor; whole walks
// forwards and backwards along next_page_url and previous_page_url; bad credentials; the clock
// moving on.
//
// The model is a map of what the answers imply: a 201 adds the record it returns, a 200 to an
// update changes it, a 204 removes it; nothing else changes anything. Each answer must be the
// one the model predicts (404 only for a SID the account does not have, 400 exactly for the
// parameters the contract refuses, every field of every record as last acknowledged), each
// page the slice of the account's records its cursor names, with links to exactly the records
// on either side. After each step the store's size is compared, and the record touched read
// back through the memory store's own API; at the end, every account's records are compared
// in full, through the exchange and through the store.

#include <support/check.hpp>
#include <support/reference.hpp>
#include <support/server.hpp>

#include <trusthub/detail/page_token.hpp>
#include <trusthub/sid.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace trusthub::fuzz;
namespace json = boost::json;
namespace ref = trusthub::fuzz::reference;
using trusthub::detail::page_token;

constexpr int max_operations = 48;

struct record {
    std::string account;
    std::string friendly_name;
    std::string type;
    std::string attributes_text;  // as the store must keep it
    json::value attributes;       // as a response must show it
    std::string date_created;
    std::string date_updated;
    std::uint64_t sequence = 0;
};

std::string date_text(trusthub::timestamp t)
{
    using namespace std::chrono;
    auto day = floor<days>(t);
    year_month_day ymd(day);
    hh_mm_ss<seconds> time(t - day);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return buf;
}

std::string form_escape(std::string_view s, bool plus_for_space)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else if (c == ' ' && plus_for_space) {
            out.push_back('+');
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xf]);
        }
    }
    return out;
}

// Who a request claims to be.
enum class caller { a, b, wrong_secret, anonymous };

bool authenticated(caller c)
{
    return c == caller::a || c == caller::b;
}

class session {
public:
    explicit session(FuzzedDataProvider& in) : in_(in) {}

    void run()
    {
        for (int i = 0; i < max_operations && in_.remaining_bytes() > 0; ++i) {
            switch (in_.ConsumeIntegralInRange(0, 9)) {
            case 0: case 1: create(); break;
            case 2: fetch(); break;
            case 3: update(); break;
            case 4: remove(); break;
            case 5: case 6: list(); break;
            case 7: walk(pick_account(), in_.ConsumeIntegralInRange<std::size_t>(1, 7)); break;
            case 8: server_.advance_clock(std::chrono::seconds(in_.ConsumeIntegralInRange(1, 100000))); break;
            default: create(); break;
            }
            FUZZ_CHECK(server_.stored_count() == records_.size(),
                       "the store holds " + std::to_string(server_.stored_count()) + " records, the model " +
                           std::to_string(records_.size()));
        }
        for (int a = 0; a < 2; ++a) {
            compare_store(a);
            walk(a, 3);
        }
    }

private:
    // --- requests --------------------------------------------------------------------------

    caller pick_caller()
    {
        int n = in_.ConsumeIntegralInRange(0, 15);
        return n < 7 ? caller::a : n < 14 ? caller::b : n == 14 ? caller::wrong_secret : caller::anonymous;
    }

    int pick_account() { return in_.ConsumeBool() ? 1 : 0; }

    static std::string_view account_of(caller c) { return accounts[c == caller::b ? 1 : 0].sid; }

    answer send(std::string_view method, std::string_view target, caller who, const std::string* body)
    {
        std::string text;
        text.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: fuzz.test\r\n");
        if (who == caller::a || who == caller::b) {
            const auto& acc = accounts[who == caller::b ? 1 : 0];
            text.append("Authorization: ").append(basic_authorization(acc.sid, acc.secret)).append("\r\n");
        } else if (who == caller::wrong_secret) {
            text.append("Authorization: ").append(basic_authorization(accounts[0].sid, accounts[1].secret)).append("\r\n");
        }
        if (body) {
            text.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ");
            text.append(std::to_string(body->size())).append("\r\n\r\n").append(*body);
        } else {
            text.append("\r\n");
        }
        auto answers = server_.serve(text, 2);
        FUZZ_CHECK(answers.size() == 1 && !answers[0].refused, "a well-formed request was not served: " + text);
        last_request_ = std::move(text);
        return std::move(answers[0]);
    }

    std::string context(const answer& a) const
    {
        return last_request_.substr(0, 1500) + "\n-> " + std::to_string(a.res.result_int()) + " " +
               a.res.body().substr(0, 1500);
    }

    void expect_status(const answer& a, unsigned status) const
    {
        FUZZ_CHECK(a.res.result_int() == status, "expected " + std::to_string(status) + ":\n" + context(a));
    }

    // A SID to act on: a live record (of either account), a deleted one, a well-formed one
    // never issued, or a segment that is no SID at all.
    std::string pick_sid()
    {
        switch (in_.ConsumeIntegralInRange(0, 5)) {
        case 0: case 1: case 2:
            if (!records_.empty()) {
                auto it = records_.begin();
                std::advance(it, in_.ConsumeIntegralInRange<std::size_t>(0, records_.size() - 1));
                return it->first;
            }
            break;
        case 3:
            if (!gone_.empty())
                return gone_[in_.ConsumeIntegralInRange<std::size_t>(0, gone_.size() - 1)];
            break;
        case 4: {
            static constexpr char hex[] = "0123456789abcdef";
            std::string sid = "IT";
            std::uint64_t hi = in_.ConsumeIntegral<std::uint64_t>(), lo = in_.ConsumeIntegral<std::uint64_t>();
            for (int i = 15; i >= 0; --i)
                sid.push_back(hex[(hi >> (4 * i)) & 0xf]);
            for (int i = 15; i >= 0; --i)
                sid.push_back(hex[(lo >> (4 * i)) & 0xf]);
            return sid;
        }
        default: break;
        }
        // A path segment of unreserved characters, never empty: not a SID, or by chance one.
        std::string segment = in_.ConsumeRandomLengthString(40);
        std::string out;
        for (unsigned char c : segment)
            out.push_back("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"[c % 66]);
        return out.empty() ? std::string("IT") : out;
    }

    // A text parameter: absent (nullopt), or a value that may or may not be acceptable.
    std::optional<std::string> pick_text(std::string_view usual)
    {
        switch (in_.ConsumeIntegralInRange(0, 7)) {
        case 0: return std::nullopt;
        case 1: return std::string();
        case 2: case 3: return in_.ConsumeRandomLengthString(24);
        default: return std::string(usual) + std::to_string(in_.ConsumeIntegralInRange(0, 999));
        }
    }

    json::value make_json(int depth)
    {
        switch (in_.ConsumeIntegralInRange(0, depth > 2 ? 3 : 6)) {
        case 0: return json::value(in_.ConsumeRandomLengthString(16));
        case 1: return json::value(in_.ConsumeIntegral<std::int64_t>());
        case 2: return json::value(in_.ConsumeBool());
        case 3: return json::value(nullptr);
        case 4: {
            json::array a;
            for (int n = in_.ConsumeIntegralInRange(0, 3); n > 0; --n)
                a.push_back(make_json(depth + 1));
            return a;
        }
        default: {
            json::object o;
            for (int n = in_.ConsumeIntegralInRange(0, 3); n > 0; --n)
                o[in_.ConsumeRandomLengthString(12)] = make_json(depth + 1);
            return o;
        }
        }
    }

    // Attributes: absent, an object (maybe with white space around it), or any text.
    std::optional<std::string> pick_attributes()
    {
        switch (in_.ConsumeIntegralInRange(0, 5)) {
        case 0: case 1: return std::nullopt;
        case 2: return in_.ConsumeRandomLengthString(48);
        case 3: return " " + json::serialize(make_json(1)) + "\n";
        default: {
            json::object o;
            for (int n = in_.ConsumeIntegralInRange(0, 4); n > 0; --n)
                o[in_.ConsumeRandomLengthString(12)] = make_json(1);
            return json::serialize(o);
        }
        }
    }

    static bool acceptable_text(const std::optional<std::string>& v)
    {
        return v && !v->empty() && ref::valid_utf8(*v) && v->find('\0') == std::string::npos;
    }

    static bool acceptable_attributes(const std::string& v)
    {
        auto parsed = ref::parse_json(v);
        return parsed && parsed->is_object();
    }

    std::string form(std::initializer_list<std::pair<std::string_view, const std::optional<std::string>*>> fields)
    {
        std::string body;
        bool plus = in_.ConsumeBool();
        for (const auto& [name, value] : fields) {
            if (!*value)
                continue;
            if (!body.empty())
                body.push_back('&');
            body.append(name).append("=").append(form_escape(**value, plus));
        }
        return body;
    }

    // --- the model's view of a record --------------------------------------------------------

    static bool text_is(const json::value& v, std::string_view s) { return v.is_string() && v.get_string() == s; }

    void check_record(const json::value& v, const std::string& sid, const record& r, const answer& a) const
    {
        const auto& o = v.get_object();
        FUZZ_CHECK(text_is(o.at("sid"), sid), context(a));
        FUZZ_CHECK(text_is(o.at("account_sid"), r.account), context(a));
        FUZZ_CHECK(text_is(o.at("friendly_name"), r.friendly_name), context(a));
        FUZZ_CHECK(text_is(o.at("type"), r.type), context(a));
        FUZZ_CHECK(ref::same(o.at("attributes"), r.attributes), context(a));
        FUZZ_CHECK(text_is(o.at("date_created"), r.date_created), context(a));
        FUZZ_CHECK(text_is(o.at("date_updated"), r.date_updated), context(a) + "\nexpected updated " + r.date_updated);
    }

    // The record as the store holds it must be the model's; a SID the model does not have
    // must be in no account.
    void compare_stored(const std::string& sid) const
    {
        auto it = records_.find(sid);
        if (it == records_.end()) {
            for (const auto& acc : accounts)
                FUZZ_CHECK(!server_.stored(acc.sid, sid), "the store has a record nobody acknowledged: " + sid);
            return;
        }
        const record& r = it->second;
        auto u = server_.stored(r.account, sid);
        FUZZ_CHECK(u.has_value(), "an acknowledged record is missing from the store: " + sid);
        compare(*u, r);
        for (const auto& acc : accounts)
            if (acc.sid != r.account)
                FUZZ_CHECK(!server_.stored(acc.sid, sid), "another account sees " + sid);
    }

    static void compare(const trusthub::end_user& u, const record& r)
    {
        std::string what = "store differs from the model for " + u.sid;
        FUZZ_CHECK(u.account_sid == r.account && u.friendly_name == r.friendly_name && u.type == r.type, what);
        FUZZ_CHECK(u.sequence == r.sequence, what);
        FUZZ_CHECK(date_text(u.date_created) == r.date_created && date_text(u.date_updated) == r.date_updated, what);
        FUZZ_CHECK(u.attributes == r.attributes_text, what + ": " + u.attributes + " for " + r.attributes_text);
    }

    void compare_store(int account)
    {
        auto stored = server_.stored(accounts[account].sid);
        auto expected = ordered(account);
        FUZZ_CHECK(stored.size() == expected.size(), "the store lists " + std::to_string(stored.size()) +
                                                         " records for an account, the model " +
                                                         std::to_string(expected.size()));
        for (std::size_t i = 0; i < stored.size(); ++i) {
            FUZZ_CHECK(stored[i].sid == expected[i]->first, "the store lists records out of order");
            compare(stored[i], expected[i]->second);
        }
    }

    // The account's records in listing order (creation order).
    std::vector<std::map<std::string, record>::const_iterator> ordered(int account) const
    {
        std::vector<std::map<std::string, record>::const_iterator> out;
        for (auto it = records_.begin(); it != records_.end(); ++it)
            if (it->second.account == accounts[account].sid)
                out.push_back(it);
        std::sort(out.begin(), out.end(), [](auto x, auto y) { return x->second.sequence < y->second.sequence; });
        return out;
    }

    // --- operations ------------------------------------------------------------------------

    void create()
    {
        caller who = pick_caller();
        std::string body;
        std::optional<std::string> name, type, attributes;
        bool raw = in_.ConsumeIntegralInRange(0, 15) == 0;
        if (raw) {
            body = in_.ConsumeRandomLengthString(96);
        } else {
            name = pick_text("name ");
            type = pick_text("type_");
            attributes = pick_attributes();
            body = form({{"FriendlyName", &name}, {"Type", &type}, {"Attributes", &attributes}});
        }
        answer a = send("POST", "/v1/EndUsers", who, &body);
        if (!authenticated(who))
            return expect_status(a, 401);
        bool valid = acceptable_text(name) && acceptable_text(type) && (!attributes || acceptable_attributes(*attributes));
        if (raw)
            FUZZ_CHECK(a.res.result_int() == 201 || a.res.result_int() == 400, context(a));
        else
            expect_status(a, valid ? 201 : 400);
        if (a.res.result_int() != 201)
            return;
        json::value v = parse_body(a.res.body());
        std::string sid(v.at("sid").get_string());
        FUZZ_CHECK(!records_.contains(sid) && std::find(gone_.begin(), gone_.end(), sid) == gone_.end(),
                   "a SID issued twice: " + sid);
        record r;
        r.account = std::string(account_of(who));
        auto stored = server_.stored(r.account, sid);
        FUZZ_CHECK(stored.has_value(), "a created record is not in the store: " + sid);
        if (raw) {
            // What was sent is not known here: the answer says, and the store must agree.
            r.friendly_name = std::string(v.at("friendly_name").get_string());
            r.type = std::string(v.at("type").get_string());
            r.attributes_text = stored->attributes;
        } else {
            r.friendly_name = *name;
            r.type = *type;
            r.attributes_text = attributes ? ref::strip(*attributes) : "{}";
        }
        auto parsed = ref::parse_json(r.attributes_text);
        FUZZ_CHECK(parsed && parsed->is_object(), "attributes kept as " + r.attributes_text);
        r.attributes = std::move(*parsed);
        r.date_created = r.date_updated = date_text(server_.now());
        // Sequences only grow, across accounts: cursors never see a new record behind them.
        FUZZ_CHECK(stored->sequence > last_sequence_, "a sequence not above every earlier one: " + sid);
        last_sequence_ = r.sequence = stored->sequence;
        check_record(v, sid, r, a);
        records_.emplace(sid, std::move(r));
        compare_stored(sid);
    }

    void fetch()
    {
        caller who = pick_caller();
        std::string sid = pick_sid();
        bool head = in_.ConsumeIntegralInRange(0, 7) == 0;
        answer a = send(head ? "HEAD" : "GET", "/v1/EndUsers/" + sid, who, nullptr);
        if (!authenticated(who))
            return expect_status(a, 401);
        auto it = records_.find(sid);
        bool mine = it != records_.end() && it->second.account == account_of(who);
        expect_status(a, mine ? 200 : 404);
        if (mine && !head)
            check_record(parse_body(a.res.body()), sid, it->second, a);
        compare_stored(sid);
    }

    void update()
    {
        caller who = pick_caller();
        std::string sid = pick_sid();
        std::optional<std::string> name = in_.ConsumeBool() ? std::nullopt : pick_text("renamed ");
        std::optional<std::string> attributes = pick_attributes();
        std::string body = form({{"FriendlyName", &name}, {"Attributes", &attributes}});
        answer a = send("POST", "/v1/EndUsers/" + sid, who, &body);
        if (!authenticated(who))
            return expect_status(a, 401);
        auto it = records_.find(sid);
        bool mine = it != records_.end() && it->second.account == account_of(who);
        // The order Twilio checks in: the SID, then the parameters, then the record.
        bool valid = (!name || acceptable_text(name)) && (!attributes || acceptable_attributes(*attributes));
        unsigned expected = !trusthub::is_sid(sid, "IT") ? 404 : !valid ? 400 : !mine ? 404 : 200;
        expect_status(a, expected);
        if (expected == 200) {
            record& r = it->second;
            if (name)
                r.friendly_name = *name;
            if (attributes) {
                r.attributes_text = ref::strip(*attributes);
                r.attributes = *ref::parse_json(r.attributes_text);
            }
            // An update that changes nothing is a fetch: the date stays.
            if (name || attributes)
                r.date_updated = date_text(server_.now());
            check_record(parse_body(a.res.body()), sid, r, a);
        }
        compare_stored(sid);
    }

    void remove()
    {
        caller who = pick_caller();
        std::string sid = pick_sid();
        answer a = send("DELETE", "/v1/EndUsers/" + sid, who, nullptr);
        if (!authenticated(who))
            return expect_status(a, 401);
        auto it = records_.find(sid);
        bool mine = it != records_.end() && it->second.account == account_of(who);
        expect_status(a, mine ? 204 : 404);
        if (mine) {
            records_.erase(it);
            gone_.push_back(sid);
        }
        compare_stored(sid);
    }

    // --- pages -----------------------------------------------------------------------------

    static std::string token_of(const json::value& url)
    {
        if (url.is_null())
            return {};
        std::string_view u = url.get_string();
        auto at = u.find("&PageToken=");
        return at == std::string_view::npos ? std::string() : std::string(u.substr(at + 11));
    }

    // Which of the account's records (indices into `ordered`) a cursor's page holds, as the
    // contract defines it: after a cursor, the first `size` records above it; before one, the
    // last `size` records below it.
    struct expected_page {
        std::size_t begin = 0, end = 0;  // [begin, end) of ordered(account)
    };

    static expected_page slice(const std::vector<std::map<std::string, record>::const_iterator>& all,
                               const std::optional<page_token>& cursor, std::size_t size)
    {
        expected_page p;
        if (cursor && cursor->dir == page_token::direction::before) {
            while (p.end < all.size() && all[p.end]->second.sequence < cursor->sequence)
                ++p.end;
            p.begin = p.end > size ? p.end - size : 0;
        } else {
            while (cursor && p.begin < all.size() && all[p.begin]->second.sequence <= cursor->sequence)
                ++p.begin;
            p.end = std::min(all.size(), p.begin + size);
        }
        return p;
    }

    // Checks a page answered for `account`, read with `cursor`, against the model; returns
    // its records' SIDs.
    std::vector<std::string> check_page(const answer& a, int account, const std::optional<page_token>& cursor,
                                        std::size_t size, std::uint64_t number)
    {
        auto all = ordered(account);
        expected_page want = slice(all, cursor, size);
        json::value v = parse_body(a.res.body());
        const auto& results = v.at("results").get_array();
        const auto& meta = v.at("meta").get_object();
        FUZZ_CHECK(results.size() == want.end - want.begin,
                   "a page of " + std::to_string(results.size()) + " records, the model has " +
                       std::to_string(want.end - want.begin) + ":\n" + context(a));
        std::vector<std::string> sids;
        for (std::size_t i = 0; i < results.size(); ++i) {
            const auto& expected = all[want.begin + i];
            check_record(results[i], expected->first, expected->second, a);
            sids.push_back(expected->first);
        }
        FUZZ_CHECK(meta.at("page_size").to_number<std::uint64_t>() == size &&
                       meta.at("page").to_number<std::uint64_t>() == number,
                   context(a));

        // The links lead to exactly the records on either side of this page.
        std::string account_sid(accounts[account].sid);
        std::string next = token_of(meta.at("next_page_url"));
        FUZZ_CHECK(next.empty() == (want.end == all.size()), "next_page_url is wrong:\n" + context(a));
        if (!next.empty()) {
            auto t = page_token::decode(next, account_sid);
            FUZZ_CHECK(t && t->dir == page_token::direction::after, "next_page_url's token:\n" + context(a));
            for (std::size_t i = 0; i < all.size(); ++i)
                FUZZ_CHECK((all[i]->second.sequence > t->sequence) == (i >= want.end),
                           "next_page_url does not lead to the records after this page:\n" + context(a));
            tokens_[account].push_back(next);
        }
        std::string previous = token_of(meta.at("previous_page_url"));
        FUZZ_CHECK(previous.empty() == (want.begin == 0), "previous_page_url is wrong:\n" + context(a));
        if (!previous.empty()) {
            auto t = page_token::decode(previous, account_sid);
            FUZZ_CHECK(t && t->dir == page_token::direction::before, "previous_page_url's token:\n" + context(a));
            for (std::size_t i = 0; i < all.size(); ++i)
                FUZZ_CHECK((all[i]->second.sequence < t->sequence) == (i < want.begin),
                           "previous_page_url does not lead to the records before this page:\n" + context(a));
            tokens_[account].push_back(previous);
        }
        return sids;
    }

    void list()
    {
        caller who = pick_caller();
        int account = who == caller::b ? 1 : 0;
        std::string account_sid(accounts[account].sid);
        std::string query;
        auto param = [&query](std::string_view name, std::string_view value) {
            query.append(query.empty() ? "?" : "&").append(name).append("=").append(form_escape(value, false));
        };

        std::optional<std::size_t> size;
        bool valid = true;
        switch (in_.ConsumeIntegralInRange(0, 7)) {
        case 0: break;
        case 1: size = in_.ConsumeIntegralInRange<std::size_t>(1, 1000); param("PageSize", std::to_string(*size)); break;
        case 2: {
            std::string text = in_.ConsumeRandomLengthString(8);
            auto n = ref::decimal(text);
            valid = n && *n >= 1 && *n <= 1000;
            if (valid)
                size = *n;
            param("PageSize", text);
            break;
        }
        default: size = in_.ConsumeIntegralInRange<std::size_t>(1, 5); param("PageSize", std::to_string(*size)); break;
        }

        std::uint64_t number = 0;
        switch (in_.ConsumeIntegralInRange(0, 5)) {
        case 0: number = in_.ConsumeIntegralInRange<std::uint64_t>(0, 9223372036854775806ULL); param("Page", std::to_string(number)); break;
        case 1: {
            std::string text = in_.ConsumeRandomLengthString(24);
            auto n = ref::decimal(text);
            valid = valid && n && *n <= 9223372036854775806ULL;
            number = n.value_or(0);
            param("Page", text);
            break;
        }
        case 2: number = in_.ConsumeIntegralInRange(0, 9); param("Page", std::to_string(number)); break;
        default: break;
        }

        std::string token;
        switch (in_.ConsumeIntegralInRange(0, 7)) {
        case 0: case 1:
            if (!tokens_[account].empty())
                token = tokens_[account][in_.ConsumeIntegralInRange<std::size_t>(0, tokens_[account].size() - 1)];
            break;
        case 2: case 3: {
            // Any cursor, including those of deleted records, the ends, and past them.
            auto dir = in_.ConsumeBool() ? page_token::direction::after : page_token::direction::before;
            static constexpr std::uint64_t ends[] = {0, 1, UINT64_MAX - 1, UINT64_MAX};
            std::uint64_t seq;
            switch (in_.ConsumeIntegralInRange(0, 3)) {
            case 0: seq = in_.ConsumeIntegral<std::uint64_t>(); break;
            case 1: seq = ends[in_.ConsumeIntegralInRange(0, 3)]; break;
            default: seq = in_.ConsumeIntegralInRange<std::uint64_t>(0, last_sequence_ + 2); break;
            }
            token = page_token{dir, seq}.encode(account_sid);
            break;
        }
        case 4:
            // Another account's token.
            token = page_token{page_token::direction::after, in_.ConsumeIntegralInRange<std::uint64_t>(0, 9)}.encode(
                accounts[1 - account].sid);
            break;
        case 5: token = in_.ConsumeRandomLengthString(30); break;
        default: break;
        }
        std::optional<page_token> cursor;
        if (!token.empty()) {
            param("PageToken", token);
            cursor = page_token::decode(token, account_sid);
            valid = valid && cursor.has_value();
        }

        answer a = send("GET", "/v1/EndUsers" + query, who, nullptr);
        if (!authenticated(who))
            return expect_status(a, 401);
        expect_status(a, valid ? 200 : 400);
        if (valid)
            check_page(a, account, cursor, size.value_or(50), number);
    }

    // Every page of the account, along next_page_url (sent as an absolute-form target, as
    // given), then back along previous_page_url: each record once, in order, both ways.
    void walk(int account, std::size_t size)
    {
        caller who = account == 1 ? caller::b : caller::a;
        auto all = ordered(account);
        std::vector<std::string> expected;
        for (auto it : all)
            expected.push_back(it->first);
        const std::size_t max_pages = all.size() / size + 2;

        std::vector<std::string> seen;
        std::string target = "/v1/EndUsers?PageSize=" + std::to_string(size);
        std::optional<page_token> cursor;
        std::string previous;
        for (std::size_t pages = 0, number = 0;; ++pages, ++number) {
            FUZZ_CHECK(pages < max_pages, "next_page_url never ends");
            answer a = send("GET", target, who, nullptr);
            expect_status(a, 200);
            auto sids = check_page(a, account, cursor, size, number);
            seen.insert(seen.end(), sids.begin(), sids.end());
            json::value v = parse_body(a.res.body());
            previous = v.at("meta").at("previous_page_url").is_null()
                           ? std::string()
                           : std::string(v.at("meta").at("previous_page_url").get_string());
            const auto& next = v.at("meta").at("next_page_url");
            if (next.is_null())
                break;
            target = std::string(next.get_string());
            cursor = page_token::decode(token_of(next), accounts[account].sid);
        }
        FUZZ_CHECK(seen == expected, "walking next_page_url does not give every record once, in order");

        // Back from the last page.
        std::vector<std::string> back;
        std::uint64_t number = seen.empty() ? 0 : (seen.size() - 1) / size;
        for (std::size_t pages = 0; !previous.empty(); ++pages) {
            FUZZ_CHECK(pages < max_pages, "previous_page_url never ends");
            FUZZ_CHECK(number > 0, "previous_page_url before page 0");
            --number;
            std::string token = token_of(json::value(previous));
            cursor = page_token::decode(token, accounts[account].sid);
            answer a = send("GET", previous, who, nullptr);
            expect_status(a, 200);
            auto sids = check_page(a, account, cursor, size, number);
            back.insert(back.begin(), sids.begin(), sids.end());
            json::value v = parse_body(a.res.body());
            const auto& p = v.at("meta").at("previous_page_url");
            previous = p.is_null() ? std::string() : std::string(p.get_string());
        }
        if (!seen.empty()) {
            std::size_t last_page = seen.size() - (seen.size() - 1) / size * size;
            back.insert(back.end(), seen.end() - static_cast<std::ptrdiff_t>(last_page), seen.end());
        }
        FUZZ_CHECK(back == seen, "walking previous_page_url does not give every record once, in order");
    }

    FuzzedDataProvider& in_;
    server server_;
    std::map<std::string, record> records_;  // by SID, every account
    std::vector<std::string> gone_;          // deleted SIDs
    std::vector<std::string> tokens_[2];     // page tokens seen, by account
    std::uint64_t last_sequence_ = 0;
    std::string last_request_;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider in(data, size);
    session(in).run();
    return 0;
}
