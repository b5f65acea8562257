// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_EXAMPLE_SERVER_OPTIONS_HPP
#define TRUSTHUB_EXAMPLE_SERVER_OPTIONS_HPP

// Command line and environment of trusthub-server.

#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace trusthub_server {

struct options {
    std::string listen = "127.0.0.1:8080";
    std::string public_url;  // empty: http:// + the bound address
    std::vector<std::string> credentials;
    std::string credentials_file;  // more credentials, one a line; added to `credentials`
    unsigned threads = 1;
    std::string store = "memory";
    std::string postgres;  // libpq connection string
    std::optional<std::uint64_t> seed;  // deterministic SIDs
    bool quiet = false;  // no request log
    std::string check_types = "off";  // off | warn | strict: EndUsers against the EndUserTypes
    bool control = false;  // serve the test-control API under /_trusthub/
    std::string seed_file;  // snapshots of accounts to load at start
    bool keep_attributes_in_journal = false;
    bool allow_api_primary_profiles = false;  // accept the Primary profile policy on create
    bool help = false;
};

inline constexpr std::string_view usage = R"(Usage: trusthub-server [options]

Serves Twilio's TrustHub v1 EndUsers, SupportingDocuments, CustomerProfiles and TrustProducts
with their EntityAssignments and ChannelEndpointAssignments, the EndUserTypes and
SupportingDocumentTypes catalogues, and the Policies.

  --listen HOST:PORT        address to listen on (default 127.0.0.1:8080; port 0 picks one)
  --public-url URL          absolute URL clients reach the server at, used in every URL of a
                            response (default: http:// + the listen address)
  --credential ACSID:TOKEN  an account that may call, repeatable; also SKSID:SECRET:ACSID for
                            an API key. With none (and no --credentials-file), one is made up
                            and printed.
  --credentials-file FILE   credentials, one a line as --credential takes them, added to those
                            of --credential (or TRUSTHUB_CREDENTIALS); blank lines and lines
                            starting with # are skipped. Refused unless only its owner may
                            access it (chmod 600), and when it holds no credential.
  --threads N               io_context threads (default 1)
  --store memory|postgres   where records live (default memory)
  --postgres CONNINFO       libpq connection string for --store postgres
  --deterministic-sids SEED SIDs from a counter instead of the random generator (for tests)
  --check-types MODE        check EndUsers against the EndUserTypes catalogue: off (default,
                            as Twilio's create), warn (accept, and report each mismatch on
                            standard error) or strict (an unknown Type or Attributes key is a 400)
  --control                 serve the test-control API under /_trusthub/ (reset, snapshots,
                            request journal, fault rules, clocks, bundle review, subaccounts,
                            phone numbers), for test suites only
  --seed FILE               load records at start: {"accounts": {"AC...": {"end_users": [...],
                            "supporting_documents": [...]}}}
  --keep-attributes-in-journal
                            keep Attributes values in the journal (default: [redacted])
  --allow-api-primary-profiles
                            accept the Primary Customer Profile policy when a CustomerProfile
                            is created (Twilio makes those in its Console only, and refuses)
  --quiet                   no request log
  --help                    this text

Environment (options win): TRUSTHUB_LISTEN, TRUSTHUB_PUBLIC_URL, TRUSTHUB_CREDENTIALS
(comma-separated), TRUSTHUB_CREDENTIALS_FILE, TRUSTHUB_THREADS, TRUSTHUB_STORE,
TRUSTHUB_POSTGRES, TRUSTHUB_CHECK_TYPES, TRUSTHUB_CONTROL (1 for --control), TRUSTHUB_SEED
(a file).
)";

inline void split_into(std::vector<std::string>& out, std::string_view list)
{
    while (!list.empty()) {
        auto comma = list.find(',');
        auto item = list.substr(0, comma);
        if (!item.empty())
            out.emplace_back(item);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
}

inline unsigned parse_threads(std::string_view text)
{
    unsigned n = 0;
    for (char c : text) {
        if (c < '0' || c > '9' || n > 1000)
            throw std::invalid_argument("--threads takes a number from 1 to 1000");
        n = n * 10 + static_cast<unsigned>(c - '0');
    }
    if (n < 1 || n > 1000)
        throw std::invalid_argument("--threads takes a number from 1 to 1000");
    return n;
}

/// Walks a command line: each option in turn, and the value that follows one.
class arguments {
public:
    arguments(int argc, char** argv) : argc_(argc), argv_(argv) {}

    /// Moves to the next argument; false past the last.
    bool next() { return ++at_ < argc_; }

    std::string_view option() const { return argv_[at_]; }

    /// The argument after the current option, which is consumed.
    std::string value()
    {
        if (at_ + 1 >= argc_)
            throw std::invalid_argument(std::string(option()) + " needs a value");
        return argv_[++at_];
    }

private:
    int argc_;
    char** argv_;
    int at_ = 0;
};

inline options parse(int argc, char** argv)
{
    options o;
    auto env = [](const char* name) -> std::optional<std::string> {
        const char* v = std::getenv(name);
        if (!v || !*v)
            return std::nullopt;
        return std::string(v);
    };
    if (auto v = env("TRUSTHUB_LISTEN")) o.listen = *v;
    if (auto v = env("TRUSTHUB_PUBLIC_URL")) o.public_url = *v;
    if (auto v = env("TRUSTHUB_CREDENTIALS")) split_into(o.credentials, *v);
    if (auto v = env("TRUSTHUB_CREDENTIALS_FILE")) o.credentials_file = *v;
    if (auto v = env("TRUSTHUB_THREADS")) o.threads = parse_threads(*v);
    if (auto v = env("TRUSTHUB_STORE")) o.store = *v;
    if (auto v = env("TRUSTHUB_POSTGRES")) o.postgres = *v;
    if (auto v = env("TRUSTHUB_CHECK_TYPES")) o.check_types = *v;
    if (auto v = env("TRUSTHUB_CONTROL")) o.control = *v == "1";
    if (auto v = env("TRUSTHUB_SEED")) o.seed_file = *v;

    bool credentials_from_args = false;
    arguments args(argc, argv);
    while (args.next()) {
        std::string_view arg = args.option();
        auto value = [&args] { return args.value(); };
        if (arg == "--listen") o.listen = value();
        else if (arg == "--public-url") o.public_url = value();
        else if (arg == "--credential") {
            if (!credentials_from_args)
                o.credentials.clear();  // the command line replaces the environment's list
            credentials_from_args = true;
            o.credentials.push_back(value());
        }
        else if (arg == "--credentials-file") o.credentials_file = value();
        else if (arg == "--threads") o.threads = parse_threads(value());
        else if (arg == "--store") o.store = value();
        else if (arg == "--postgres") o.postgres = value();
        else if (arg == "--deterministic-sids") o.seed = std::stoull(value());
        else if (arg == "--check-types") o.check_types = value();
        else if (arg == "--control") o.control = true;
        else if (arg == "--seed") o.seed_file = value();
        else if (arg == "--keep-attributes-in-journal") o.keep_attributes_in_journal = true;
        else if (arg == "--allow-api-primary-profiles") o.allow_api_primary_profiles = true;
        else if (arg == "--quiet") o.quiet = true;
        else if (arg == "--help" || arg == "-h") o.help = true;
        else throw std::invalid_argument("unknown option " + std::string(arg));
    }
    if (o.store != "memory" && o.store != "postgres")
        throw std::invalid_argument("--store is memory or postgres");
    if (o.check_types != "off" && o.check_types != "warn" && o.check_types != "strict")
        throw std::invalid_argument("--check-types is off, warn or strict");
    if (o.keep_attributes_in_journal && !o.control)
        throw std::invalid_argument("--keep-attributes-in-journal needs --control");
    return o;
}

/// Splits `HOST:PORT` (`[::1]:PORT` for IPv6).
inline std::pair<std::string, unsigned short> split_host_port(std::string_view text)
{
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
        throw std::invalid_argument("--listen takes HOST:PORT");
    std::string host(text.substr(0, colon));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    unsigned long port = 0;
    auto digits = text.substr(colon + 1);
    if (digits.empty() || digits.size() > 5)
        throw std::invalid_argument("--listen: bad port");
    for (char c : digits) {
        if (c < '0' || c > '9')
            throw std::invalid_argument("--listen: bad port");
        port = port * 10 + static_cast<unsigned long>(c - '0');
    }
    if (port > 65535)
        throw std::invalid_argument("--listen: bad port");
    return {host, static_cast<unsigned short>(port)};
}

} // namespace trusthub_server

#endif
