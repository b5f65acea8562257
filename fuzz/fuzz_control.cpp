// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// The test-control API's bodies, through the exchange as a client sends them. The first byte
// picks the call (PUT /_trusthub/snapshot, POST /_trusthub/faults, PUT /_trusthub/clock, or the
// seed file's decoder); the rest is the body. Each input starts from the same state: two
// EndUsers and a SupportingDocument for one account, an EndUser for another, no rules, real
// time.
//
// Checked: no crash; the answer is the call's success or a 400 with Twilio's error body, code
// 20001 and a message that names a parameter (never a 5xx, never a hang); after a 400 nothing
// changed (both accounts' records, the rules, the clock); after a success, the state is what
// the answer says (the snapshot given is the snapshot stored, collection by collection and
// field by field, the other account untouched; one rule, whose `problem()` is empty; the
// clock's mode). A rule that was accepted is then run against a create and a list: each is
// answered normally or as the rule says, or dropped when the rule drops, and the rule's
// counters agree. A seed file that decodes names only well-formed Account SIDs and SIDs given
// once, each with its collection's prefix and fields.

#include <support/check.hpp>

#include <trusthub/resources/end_user.hpp>
#include <trusthub/resources/end_user_endpoints.hpp>
#include <trusthub/http/exchange.hpp>
#include <trusthub/store/memory_store.hpp>
#include <trusthub/resources/registry.hpp>
#include <trusthub/resources/service.hpp>
#include <trusthub/control/test_control.hpp>
#include <trusthub/control/test_control_codec.hpp>
#include <trusthub/control/test_control_endpoints.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace {

using namespace trusthub;
namespace http = boost::beast::http;

const std::string account_a = "AC" + std::string(32, 'a');
const std::string account_b = "AC" + std::string(32, 'b');
const timestamp start = timestamp(std::chrono::seconds(1'900'000'000));

// `Basic base64(account:token)`.
std::string basic(const std::string& account)
{
    static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string in = account + ":token", out = "Basic ";
    for (std::size_t i = 0; i < in.size(); i += 3) {
        unsigned n = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size())
            n |= static_cast<unsigned char>(in[i + 1]) << 8;
        if (i + 2 < in.size())
            n |= static_cast<unsigned char>(in[i + 2]);
        out += table[n >> 18 & 63];
        out += table[n >> 12 & 63];
        out += i + 1 < in.size() ? table[n >> 6 & 63] : '=';
        out += i + 2 < in.size() ? table[n & 63] : '=';
    }
    return out;
}

record user(char digit, const std::string& name)
{
    end_user u;
    u.sid = "IT" + std::string(32, digit);
    u.friendly_name = name;
    u.type = "individual";
    u.attributes = R"({"n":1})";
    u.date_created = u.date_updated = start;
    return to_record(u);
}

record document(char digit, const std::string& name)
{
    record r;
    r.kind = resources::supporting_documents.kind;
    r.sid = "RD" + std::string(32, digit);
    r.fields = {"", "", R"("DRAFT")", R"("customer_profile_address")", R"({"city":"Oslo"})"};
    detail::append_string(r.fields[0], name);
    r.date_created = r.date_updated = start;
    return r;
}

struct world {
    boost::asio::io_context io;
    memory_store records;
    manual_clock clock{start};
    test_control control{records, [this] {
                             test_control_options o;
                             o.clock = clock;
                             return o;
                         }()};
    service operations{records, [this] {
                           service_options o;
                           o.clock = clock;
                           o.sids = sequential_sids();
                           o.account_clock = control.account_clock();
                           return o;
                       }()};
    endpoint_table endpoints;
    exchange api{endpoints, [] {
                     exchange_options o;
                     o.public_url = "http://fuzz.test";
                     o.authenticate = credential_table().add_account(account_a, "token").add_account(account_b, "token");
                     o.request_ids = sequential_sids();
                     return o;
                 }()};

    world()
    {
        add_end_user_endpoints(endpoints, operations);
        add_test_control_endpoints(endpoints, control);
        run(control.restore(account_a, {user('1', "one"), document('4', "four"), user('2', "two")}));
        run(control.restore(account_b, {user('3', "three")}));
    }

    template <class T>
    T run(boost::asio::awaitable<T> work)
    {
        auto done = boost::asio::co_spawn(io, std::move(work), boost::asio::use_future);
        io.restart();
        io.run_for(std::chrono::seconds(5));
        FUZZ_CHECK(done.wait_for(std::chrono::seconds(0)) == std::future_status::ready, "a call did not finish");
        return done.get();
    }

    // The answer, or nothing if the connection was dropped.
    std::optional<exchange::response_type> send(http::verb method, std::string target, std::string body,
                                                const char* content_type = "application/json")
    {
        exchange::request_type req{method, target, 11};
        req.set(http::field::host, "fuzz.test");
        req.set(http::field::authorization, basic(account_a));
        req.set(http::field::content_type, content_type);
        req.body() = std::move(body);
        req.prepare_payload();
        try {
            return run(api.handle(std::move(req)));
        } catch (const connection_dropped&) {
            return std::nullopt;
        }
    }

    std::vector<record> records_of(const std::string& account) { return run(control.snapshot(account)).value(); }
};

// `text` as JSON, nested as deep as a body may be and a few levels more: what the server
// answers wraps the client's values, and Boost.JSON's own default stops shallower.
boost::json::value parse(std::string_view text)
{
    boost::json::parse_options options;
    options.max_depth = 128;
    return boost::json::parse(text, {}, options);
}

// Records compared as a client sees them (the sequence is the store's own business).
bool same_records(const std::vector<record>& a, const std::vector<record>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        record x = a[i], y = b[i];
        x.sequence = y.sequence = 0;
        if (x != y)
            return false;
    }
    return true;
}

// The snapshot answer shows `after`: each collection's records under its kind, in listing
// order, each field as stored (null for an empty text).
void check_snapshot_answer(const boost::json::object& answer, const std::vector<record>& after, const std::string& body)
{
    std::size_t shown_total = 0;
    for (const auto& kv : answer) {
        const resource_descriptor* resource =
            resources::find_stored(std::string_view(kv.key().data(), kv.key().size()));
        FUZZ_CHECK(resource != nullptr && kv.value().is_array(), body);
        const auto& shown = kv.value().get_array();
        shown_total += shown.size();
        std::size_t i = 0;
        for (const record& r : after) {
            if (r.kind != resource->kind)
                continue;
            FUZZ_CHECK(i < shown.size() && shown[i].is_object(), body);
            const auto& item = shown[i++].get_object();
            FUZZ_CHECK(item.at("sid") == r.sid.c_str(), body);
            for (const member_descriptor& m : resource->members) {
                if (m.kind != member_kind::field)
                    continue;
                const std::string& text = r.fields.at(m.index);
                const boost::json::value& value = item.at(m.name);
                FUZZ_CHECK(text.empty() ? value.is_null() : parse(text) == value, body);
            }
        }
        FUZZ_CHECK(i == shown.size(), body);
    }
    FUZZ_CHECK(shown_total == after.size(), body);
    FUZZ_CHECK(answer.contains(resources::end_users.kind), body);  // the first collection's key, always
}

void check_refusal(const exchange::response_type& res)
{
    FUZZ_CHECK(res.result_int() == 400, res.body());
    auto v = boost::json::parse(res.body());
    FUZZ_CHECK(v.is_object() && v.as_object().size() == 4, res.body());
    FUZZ_CHECK(v.as_object().at("code") == 20001, res.body());
    auto message = v.as_object().at("message").as_string();
    FUZZ_CHECK(std::string_view(message).starts_with("Invalid parameter "), res.body());
}

// An accepted rule, run against a create and a list: each answered normally or as the rule says.
void exercise(world& w, const fault_rule_state& added)
{
    const fault_rule& rule = added.rule;
    if (rule.delay.count() > 0)
        return;  // a delay is a timer of up to a minute: not for a fuzzer's iterations
    std::uint64_t hits = 0;
    for (int i = 0; i < 4; ++i) {
        bool create = i % 2 == 0;
        auto res = create ? w.send(http::verb::post, "/v1/EndUsers", "FriendlyName=f&Type=t",
                                   "application/x-www-form-urlencoded")
                          : w.send(http::verb::get, "/v1/EndUsers?PageSize=5", "");
        if (!res) {
            FUZZ_CHECK(rule.drop, "dropped by a rule that does not drop");
            ++hits;
            continue;
        }
        unsigned normal = create ? 201 : 200;
        if (res->result_int() != normal) {
            FUZZ_CHECK(rule.answer && res->result_int() == rule.answer->status, res->body());
            ++hits;
        }
    }
    auto state = w.control.faults(account_a);
    FUZZ_CHECK(state.size() == 1, "one rule");
    // An error answer equal to the normal status cannot be told apart: count at least.
    FUZZ_CHECK(state.front().hit >= hits && state.front().hit <= 4, "hit counter");
    FUZZ_CHECK(state.front().matched <= 4, "matched counter");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
    const unsigned mode = data[0] % 4;

    if (mode == 3) {
        auto seed = test_control_codec::decode_seed(body, start);
        if (!seed) {
            FUZZ_CHECK(seed.error().status == 400 && seed.error().message.starts_with("Invalid parameter "),
                       seed.error().message);
            return 0;
        }
        std::set<std::string> sids;
        for (const auto& [account, records] : *seed) {
            FUZZ_CHECK(is_sid(account, "AC"), account);
            for (const auto& r : records) {
                const resource_descriptor* resource = resources::find_stored(r.kind);
                FUZZ_CHECK(resource != nullptr, r.kind);
                FUZZ_CHECK(r.account_sid == account && is_sid(r.sid, resource->sid_prefix) && sids.insert(r.sid).second,
                           r.sid);
                FUZZ_CHECK(r.fields.size() == resource->fields.size(), r.sid);
                for (std::size_t i = 0; i < r.fields.size(); ++i) {
                    if (resource->fields[i].type == field_type::json_object)
                        FUZZ_CHECK(parse(r.fields[i]).is_object(), r.fields[i]);
                    else if (resource->fields[i].required)
                        FUZZ_CHECK(parse(r.fields[i]).is_string() && r.fields[i] != "\"\"",
                                   r.fields[i]);
                }
            }
        }
        return 0;
    }

    world w;
    const auto before_a = w.records_of(account_a);
    const auto before_b = w.records_of(account_b);
    const auto clock_before = w.control.clock(account_a);

    const http::verb method = mode == 1 ? http::verb::post : http::verb::put;
    const char* target = mode == 0 ? "/_trusthub/snapshot" : mode == 1 ? "/_trusthub/faults" : "/_trusthub/clock";
    auto res = w.send(method, target, body);
    FUZZ_CHECK(res.has_value(), "a control call was dropped");
    FUZZ_CHECK(parse(res->body()).is_object(), res->body());

    if (res->result_int() == 400) {
        check_refusal(*res);
        FUZZ_CHECK(same_records(w.records_of(account_a), before_a), "a refused call changed the records");
        FUZZ_CHECK(same_records(w.records_of(account_b), before_b), "a refused call changed the other account");
        FUZZ_CHECK(w.control.faults(account_a).empty(), "a refused call added a rule");
        FUZZ_CHECK(w.control.clock(account_a) == clock_before, "a refused call moved the clock");
        return 0;
    }

    FUZZ_CHECK(same_records(w.records_of(account_b), before_b), "a call changed the other account");
    auto answer = parse(res->body()).as_object();
    switch (mode) {
    case 0: {
        FUZZ_CHECK(res->result_int() == 200, res->body());
        check_snapshot_answer(answer, w.records_of(account_a), res->body());
        break;
    }
    case 1: {
        FUZZ_CHECK(res->result_int() == 201, res->body());
        auto rules = w.control.faults(account_a);
        FUZZ_CHECK(rules.size() == 1 && !rules.front().rule.problem(), res->body());
        FUZZ_CHECK(answer.at("id") == rules.front().id, res->body());
        FUZZ_CHECK(same_records(w.records_of(account_a), before_a), "adding a rule changed the records");
        exercise(w, rules.front());
        break;
    }
    case 2: {
        FUZZ_CHECK(res->result_int() == 200, res->body());
        auto setting = w.control.clock(account_a);
        const char* mode_name = setting.mode == clock_setting::mode_type::real     ? "real"
                                : setting.mode == clock_setting::mode_type::frozen ? "frozen"
                                                                                    : "offset";
        FUZZ_CHECK(answer.at("mode") == mode_name, res->body());
        break;
    }
    }
    return 0;
}
