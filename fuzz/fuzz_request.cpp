// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
//
// Raw bytes on a connection, then its end: the listener's own request reader (its limits, its
// framing checks, its refusals), then the exchange over the EndUser endpoints on a memory
// store. Several pipelined requests an input, so that a create can be followed by its fetch,
// update or delete (SIDs are sequential: the first record is IT00000000000000010000000000000001).
//
// Each answer is checked by the server (status, headers, body shape, tenancy, HEAD against
// GET, the bytes on the wire); at the end, the store must hold exactly the records whose
// creation was acknowledged and whose deletion (or their parent's) was not.

#include <support/check.hpp>
#include <support/server.hpp>

#include <trusthub/detail/target.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace {

// Enough for a create, its fetch, update, list and delete, and a few more.
constexpr std::size_t max_requests = 12;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace trusthub::fuzz;
    namespace http = boost::beast::http;
    server s;
    auto answers = s.serve(std::string_view(reinterpret_cast<const char*>(data), size), max_requests);

    struct acknowledged {
        std::string account;
        std::string parent;  // the record it was made under (a bundle's assignments), or empty
    };
    std::map<std::string, acknowledged> live;  // sid -> where, as acknowledged
    for (const auto& a : answers) {
        unsigned status = a.res.result_int();
        std::string_view path = trusthub::detail::path_of(trusthub::detail::origin_form(a.head.target()));
        if (status == 201) {
            auto body = parse_body(a.res.body());
            std::string sid(body.at("sid").get_string());
            FUZZ_CHECK(!live.contains(sid), "a SID created twice: " + sid);
            // `/v1/{Collection}/{Parent}/{Subcollection}`: made under Parent.
            std::string parent;
            if (std::count(path.begin(), path.end(), '/') == 4) {
                std::string_view above = path.substr(0, path.rfind('/'));
                parent = std::string(above.substr(above.rfind('/') + 1));
            }
            live.emplace(sid, acknowledged{*a.account, std::move(parent)});
        } else if (status == 204) {
            std::string sid(path.substr(path.rfind('/') + 1));
            auto it = live.find(sid);
            FUZZ_CHECK(it != live.end() && it->second.account == *a.account, "a delete of what was not there: " + sid);
            live.erase(it);
            // What lived under it went with it.
            std::erase_if(live, [&](const auto& entry) { return entry.second.parent == sid; });
        }
    }
    FUZZ_CHECK(s.stored_count() == live.size(), "the store holds " + std::to_string(s.stored_count()) +
                                                    " records, the answers acknowledged " + std::to_string(live.size()));
    for (const auto& [sid, where] : live) {
        FUZZ_CHECK(s.stored(where.account, sid).has_value(), "an acknowledged record is missing: " + sid);
        for (const auto& other : accounts)
            if (other.sid != where.account)
                FUZZ_CHECK(!s.stored(other.sid, sid).has_value(), "another account sees " + sid);
    }
    return 0;
}
