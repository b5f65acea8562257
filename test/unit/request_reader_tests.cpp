// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// The sans-I/O request reader the listener and the fuzz harness share: what each step means,
// and, against the listener's read loop as it was when it called Beast directly, that a
// connection reads exactly as it did, read for read and answer for answer.

#include <trusthub/detail/request_reader.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

// Named apart from the suite, which is named after it.
using connection_reader = trusthub::detail::request_reader;
using step = connection_reader::step;
namespace http = boost::beast::http;
namespace asio = boost::asio;

namespace {

constexpr std::size_t default_body_limit = 1024 * 1024;
constexpr std::size_t default_header_limit = 16 * 1024;

// The steps until the reader needs more than `bytes` (then the input ends) or finishes; each
// request taken as it comes.
std::vector<step> steps_of(connection_reader& r, std::size_t max_steps = 32)
{
    std::vector<step> out;
    for (std::size_t i = 0; i < max_steps; ++i) {
        step s = r.next();
        out.push_back(s);
        if (s == step::request)
            r.take_request();
        if (s == step::need_more || s == step::refuse || s == step::end)
            break;
    }
    return out;
}

// --- The comparison with the listener's former read loop -----------------------------------

// How a connection's input ends once its bytes are read.
enum class ending { eof, quiet, reset };

// A connection's bytes, in the pieces the peer sent them, then its ending. Each read is
// written down: the room it was given and what it got, so that two loops over it can be
// compared read for read.
struct scripted_stream {
    std::vector<std::string> pieces;
    ending end = ending::eof;
    std::vector<std::string>* trace = nullptr;
    std::size_t piece = 0;
    std::size_t offset = 0;

    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers, boost::system::error_code& ec)
    {
        ec = {};
        const std::size_t room = asio::buffer_size(buffers);
        while (piece < pieces.size() && offset == pieces[piece].size()) {
            ++piece;
            offset = 0;
        }
        if (piece == pieces.size()) {
            ec = end == ending::eof     ? boost::system::error_code(asio::error::eof)
                 : end == ending::quiet ? boost::system::error_code(boost::beast::error::timeout)
                                        : boost::system::error_code(asio::error::connection_reset);
            trace->push_back("read " + std::to_string(room) + ": " + ec.message());
            return 0;
        }
        std::size_t n = asio::buffer_copy(buffers, asio::buffer(pieces[piece].data() + offset, pieces[piece].size() - offset));
        offset += n;
        trace->push_back("read " + std::to_string(room) + ": " + std::to_string(n));
        return n;
    }

    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers)
    {
        boost::system::error_code ec;
        std::size_t n = read_some(buffers, ec);
        if (ec)
            throw boost::system::system_error(ec);
        return n;
    }
};

std::string describe(const http::request_header<>& head)
{
    return std::string(head.method_string()) + " " + std::string(head.target()) + " HTTP/" +
           std::to_string(head.version());
}

std::string served(const connection_reader::request_type& req)
{
    return "serve " + describe(req) + " body[" + req.body() + "] keep-alive " + (req.keep_alive() ? "yes" : "no");
}

std::string refused(const trusthub::http_error& why, const connection_reader::request_type& head)
{
    return "refuse " + std::to_string(why.status) + " " + std::to_string(why.code) + " " + why.message + " head[" +
           describe(head) + "] keep-alive " + (head.keep_alive() ? "yes" : "no");
}

struct connection_case {
    std::vector<std::string> pieces;
    ending end = ending::eof;
    std::size_t body_limit = default_body_limit;
    std::size_t header_limit = default_header_limit;
    std::size_t stop_after = 0;  // answered requests after which the listener is stopped; 0: never
};

// The listener's session loop before the reader, as it was (timers and writes left out: a
// `100 Continue` and each answer are written down instead), reading through Beast's
// `http::read_some`, whose synchronous form parses and reads as the asynchronous one does.
std::vector<std::string> former_loop(const connection_case& c)
{
    std::vector<std::string> trace;
    scripted_stream stream{c.pieces, c.end, &trace};
    boost::beast::flat_buffer buffer;
    std::size_t answered = 0;
    bool closing = false;
    for (;;) {
        const bool draining = closing;
        if (draining && buffer.size() == 0) {
            trace.push_back("close");
            return trace;
        }
        http::request_parser<http::string_body> parser;
        parser.body_limit(c.body_limit);
        parser.header_limit(static_cast<std::uint32_t>(c.header_limit));
        parser.eager(true);
        boost::system::error_code ec;
        bool continued = false;
        bool head_checked = false;
        std::optional<trusthub::http_error> refusal;
        while (!ec && !parser.is_done()) {
            std::size_t n;
            if (draining) {
                n = parser.put(buffer.data(), ec);
                buffer.consume(n);
                if (ec == http::error::need_more || (!ec && n == 0 && !parser.is_done())) {
                    trace.push_back("close");
                    return trace;
                }
            } else {
                http::read_some(stream, buffer, parser, ec);
            }
            if (ec || !parser.is_header_done())
                continue;
            if (!head_checked) {
                head_checked = true;
                if ((refusal = trusthub::framing_error(parser.get())))
                    break;
            }
            if (!continued && !draining && !parser.is_done() &&
                boost::beast::iequals(parser.get()[http::field::expect], "100-continue")) {
                continued = true;
                trace.push_back("100 Continue");
            }
        }
        if (ec) {
            if (ec == http::error::end_of_stream || ec == boost::beast::error::timeout) {
                trace.push_back("close");
                return trace;
            }
            refusal = ec == http::error::body_limit     ? trusthub::http_error{413, 20413, "Request Entity Too Large"}
                      : ec == http::error::header_limit ? trusthub::http_error{431, 20431, "Request Header Fields Too Large"}
                                                        : trusthub::http_error{400, 20001, "Bad Request"};
        }
        if (refusal) {
            connection_reader::request_type head;
            if (parser.is_header_done())
                head = parser.get();
            head.keep_alive(false);
            trace.push_back(refused(*refusal, head));
            return trace;
        }
        auto req = parser.release();
        trace.push_back(served(req));
        closing = closing || ++answered == c.stop_after;
        if (closing || !req.keep_alive()) {
            trace.push_back("close");
            return trace;
        }
    }
}

// The listener's session loop now, over the same stream.
std::vector<std::string> reader_loop(const connection_case& c)
{
    std::vector<std::string> trace;
    scripted_stream stream{c.pieces, c.end, &trace};
    connection_reader reader(c.body_limit, c.header_limit);
    std::size_t answered = 0;
    bool closing = false;
    for (;;) {
        const bool draining = closing;
        step next = reader.next();
        for (; next == step::need_more || next == step::head; next = reader.next()) {
            if (next == step::head) {
                if (!draining && reader.expects_continue())
                    trace.push_back("100 Continue");
                continue;
            }
            if (draining) {
                trace.push_back("close");
                return trace;
            }
            boost::system::error_code ec;
            reader.commit(stream.read_some(reader.prepare(), ec));
            if (ec == asio::error::eof)
                reader.end_of_input();
            else if (ec == boost::beast::error::timeout) {
                trace.push_back("close");
                return trace;
            } else if (ec)
                reader.input_failed(ec);
        }
        if (next == step::end) {
            trace.push_back("close");
            return trace;
        }
        if (next == step::refuse) {
            trace.push_back(refused(reader.refused().answer, reader.refused().head));
            return trace;
        }
        auto req = reader.take_request();
        trace.push_back(served(req));
        closing = closing || ++answered == c.stop_after;
        if (closing || !req.keep_alive()) {
            trace.push_back("close");
            return trace;
        }
    }
}

// `bytes` in pieces of `size` (0: one piece).
std::vector<std::string> cut(std::string_view bytes, std::size_t size)
{
    std::vector<std::string> pieces;
    if (size == 0)
        size = std::max<std::size_t>(bytes.size(), 1);
    for (std::size_t i = 0; i < bytes.size(); i += size)
        pieces.emplace_back(bytes.substr(i, size));
    return pieces;
}

const std::string auth = "Authorization: Basic QUNhYWFhOnRva2VuLWE=\r\n";

// Requests of every kind the listener tells apart, well-formed or not.
std::vector<std::string> sample_inputs()
{
    std::string big_body(300 * 1024, 'x');
    return {
        "",
        "GET /v1/EndUsers HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n",
        "GET /v1/EndUsers HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/EndUsers/IT1 HTTP/1.1\r\nHost: x\r\n\r\nDELETE /v1/EndUsers/IT1 HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nContent-Length: 21\r\n\r\nFriendlyName=a&Type=b",
        "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nFrien\r\n10\r\ndlyName=a&Type=b\r\n0\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 21\r\n\r\nFriendlyName=a&Type=b",
        "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\nDELETE /v1/EndUsers/IT1 HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
        "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
        "POST /v1/EndUsers HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "GET /v1/EndUsers HTTP/1.1\r\n\r\n",
        "GET /v1/EndUsers HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET /v1/EndUsers HTTP/1.0\r\n\r\nGET /never HTTP/1.0\r\n\r\n",
        "GET /v1/EndUsers HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /v1/EndUsers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /never HTTP/1.1\r\nHost: x\r\n\r\n",
        "HEAD /v1/EndUsers HTTP/1.1\r\nHost: x\r\n\r\nOPTIONS /v1/EndUsers HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET http://example.com/v1/EndUsers?PageSize=1 HTTP/1.1\r\nHost: x\r\n\r\n",
        "\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GARBAGE\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\nabc",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n" + std::string(1000, 'y'),
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(big_body.size()) + "\r\n\r\n" + big_body +
            "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(20 * 1024, 'h') + "\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc",
        "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /cut HTTP/1.1\r\nHo",
    };
}

std::vector<connection_case> cases_of(const std::string& bytes)
{
    std::vector<connection_case> out;
    // Small pieces of a large request cost time and show nothing that larger ones do not.
    const std::vector<std::size_t> sizes = bytes.size() > 4096 ? std::vector<std::size_t>{0, 1000, 70000}
                                                               : std::vector<std::size_t>{0, 1, 2, 3, 7, 64, 1000};
    for (std::size_t size : sizes) {
        for (ending end : {ending::eof, ending::quiet, ending::reset}) {
            for (std::size_t stop_after : {0, 1}) {
                connection_case c;
                c.pieces = cut(bytes, size);
                c.end = end;
                c.stop_after = stop_after;
                out.push_back(c);
                // Limits a request of the samples reaches.
                c.body_limit = 20;
                c.header_limit = 64;
                out.push_back(c);
            }
        }
    }
    return out;
}

std::string show(const connection_case& c)
{
    std::string s;
    for (const auto& p : c.pieces)
        s += "[" + p.substr(0, 200) + (p.size() > 200 ? "…" : "") + "]";
    return s + " ending " + std::to_string(static_cast<int>(c.end)) + " stop after " + std::to_string(c.stop_after) +
           " limits " + std::to_string(c.body_limit) + "/" + std::to_string(c.header_limit);
}

void check_same(const connection_case& c)
{
    auto before = former_loop(c);
    auto now = reader_loop(c);
    std::string a, b;
    if (before != now) {
        for (const auto& l : before)
            a += "  " + l + "\n";
        for (const auto& l : now)
            b += "  " + l + "\n";
    }
    BOOST_CHECK_MESSAGE(before == now, "the reader reads " << show(c) << "\nnot as the former loop:\n" << a << "but:\n" << b);
}

} // namespace

BOOST_AUTO_TEST_SUITE(request_reader)

BOOST_AUTO_TEST_CASE(a_whole_request_is_a_head_then_a_request_then_the_end)
{
    connection_reader r(default_body_limit, default_header_limit);
    BOOST_TEST((r.next() == step::need_more));
    r.feed("POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
    BOOST_TEST((r.next() == step::head));
    BOOST_TEST(r.head().target() == "/v1/EndUsers");
    BOOST_TEST(!r.expects_continue());
    BOOST_TEST((r.next() == step::request));
    BOOST_TEST((r.next() == step::request));  // until it is taken
    auto req = r.take_request();
    BOOST_TEST(req.body() == "abc");
    BOOST_TEST(req.keep_alive());
    BOOST_TEST((r.next() == step::need_more));
    r.end_of_input();
    BOOST_TEST((r.next() == step::end));
    BOOST_TEST((r.next() == step::end));
}

BOOST_AUTO_TEST_CASE(pipelined_requests_come_one_at_a_time_in_order)
{
    connection_reader r(default_body_limit, default_header_limit);
    r.feed("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHo");
    std::vector<std::string> targets;
    for (step s = r.next(); s != step::need_more; s = r.next())
        if (s == step::request)
            targets.emplace_back(r.take_request().target());
    BOOST_TEST(targets == (std::vector<std::string>{"/a", "/b"}), boost::test_tools::per_element());
    r.feed("st: x\r\n\r\n");
    BOOST_TEST((r.next() == step::head));
    BOOST_TEST((r.next() == step::request));
    BOOST_TEST(r.take_request().target() == "/c");
}

BOOST_AUTO_TEST_CASE(a_request_read_a_byte_at_a_time_is_the_same_request)
{
    std::string bytes = "POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "5\r\nFrien\r\n10\r\ndlyName=a&Type=b\r\n0\r\n\r\n";
    connection_reader r(default_body_limit, default_header_limit);
    std::vector<step> seen;
    for (char c : bytes) {
        r.feed(std::string_view(&c, 1));
        for (step s = r.next(); s != step::need_more; s = r.next()) {
            seen.push_back(s);
            if (s == step::request) {
                BOOST_TEST(r.take_request().body() == "FriendlyName=a&Type=b");
                break;
            }
        }
    }
    BOOST_TEST((seen == std::vector<step>{step::head, step::request}));
}

BOOST_AUTO_TEST_CASE(expect_100_continue_is_told_while_the_body_is_still_to_come)
{
    connection_reader r(default_body_limit, default_header_limit);
    r.feed("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n");
    BOOST_TEST((r.next() == step::head));
    BOOST_TEST(r.expects_continue());
    BOOST_TEST((r.next() == step::need_more));
    r.feed("abc");
    BOOST_TEST((r.next() == step::request));
    BOOST_TEST(!r.expects_continue());

    // The body came with the head: nothing to invite.
    connection_reader whole(default_body_limit, default_header_limit);
    whole.feed("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc");
    BOOST_TEST((whole.next() == step::head));
    BOOST_TEST(!whole.expects_continue());
}

BOOST_AUTO_TEST_CASE(a_head_with_untrustworthy_framing_is_refused_before_its_body)
{
    connection_reader r(default_body_limit, default_header_limit);
    r.feed("POST /v1/EndUsers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nExpect: 100-continue\r\n\r\n");
    BOOST_TEST((steps_of(r) == std::vector<step>{step::refuse}));
    const auto& refused = r.refused();
    BOOST_TEST(refused.answer.status == 400u);
    BOOST_TEST(refused.answer.code == 20001u);
    BOOST_TEST(refused.answer.message == "Bad Request: Transfer-Encoding must end in chunked");
    BOOST_TEST(!refused.cause);
    BOOST_TEST(refused.head.target() == "/v1/EndUsers");
    BOOST_TEST(!refused.head.keep_alive());
    // Final: what follows is never read as a request.
    r.feed("DELETE /v1/EndUsers/IT1 HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST((r.next() == step::refuse));
}

BOOST_AUTO_TEST_CASE(a_body_over_the_limit_is_413)
{
    for (std::string head : {"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n",
                             "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n"}) {
        connection_reader r(10, default_header_limit);
        r.feed(head);
        BOOST_TEST((steps_of(r) == std::vector<step>{step::refuse}));
        BOOST_TEST(r.refused().answer.status == 413u);
        BOOST_TEST(r.refused().answer.code == 20413u);
        BOOST_TEST(r.refused().answer.message == "Request Entity Too Large");
        BOOST_TEST((r.refused().cause == http::error::body_limit));
        BOOST_TEST(!r.refused().head.keep_alive());
    }
}

BOOST_AUTO_TEST_CASE(a_head_over_the_limit_is_431_with_a_default_head)
{
    connection_reader r(default_body_limit, 64);
    r.feed("GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(100, 'h') + "\r\n\r\n");
    BOOST_TEST((steps_of(r) == std::vector<step>{step::refuse}));
    BOOST_TEST(r.refused().answer.status == 431u);
    BOOST_TEST(r.refused().answer.code == 20431u);
    BOOST_TEST((r.refused().cause == http::error::header_limit));
    BOOST_TEST(r.refused().head.target() == "");
    BOOST_TEST(r.refused().head.version() == 11u);
    BOOST_TEST(!r.refused().head.keep_alive());
}

BOOST_AUTO_TEST_CASE(malformed_bytes_are_400)
{
    for (std::string bytes : {"GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                              "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}) {
        BOOST_TEST_CONTEXT(bytes)
        {
            connection_reader r(default_body_limit, default_header_limit);
            r.feed(bytes);
            auto steps = steps_of(r);
            BOOST_TEST((steps.back() == step::refuse));
            BOOST_TEST(r.refused().answer.status == 400u);
            BOOST_TEST(r.refused().answer.message == "Bad Request");
            BOOST_TEST(bool(r.refused().cause));
        }
    }
}

BOOST_AUTO_TEST_CASE(an_input_that_ends_inside_a_request_is_400_and_between_two_the_end)
{
    connection_reader cut_short(default_body_limit, default_header_limit);
    cut_short.feed("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    BOOST_TEST((steps_of(cut_short) == std::vector<step>{step::head, step::need_more}));
    cut_short.end_of_input();
    BOOST_TEST((cut_short.next() == step::refuse));
    BOOST_TEST((cut_short.refused().cause == http::error::partial_message));
    BOOST_TEST(cut_short.refused().answer.status == 400u);
    BOOST_TEST(cut_short.refused().head.target() == "/");

    connection_reader between(default_body_limit, default_header_limit);
    between.feed("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    between.end_of_input();
    BOOST_TEST((steps_of(between) == std::vector<step>{step::head, step::request, step::end}));

    connection_reader nothing(default_body_limit, default_header_limit);
    nothing.end_of_input();
    BOOST_TEST((nothing.next() == step::end));
}

BOOST_AUTO_TEST_CASE(an_input_that_breaks_is_400)
{
    connection_reader r(default_body_limit, default_header_limit);
    r.feed("GET / HT");
    BOOST_TEST((r.next() == step::need_more));
    r.input_failed(asio::error::connection_reset);
    BOOST_TEST((r.next() == step::refuse));
    BOOST_TEST(r.refused().answer.status == 400u);
    BOOST_TEST((r.refused().cause == asio::error::connection_reset));
}

BOOST_AUTO_TEST_CASE(a_read_gets_the_room_beast_would_give_it)
{
    // Reads of these sizes, into a reader and into a buffer as Beast's read fills it.
    connection_reader r(default_body_limit, 1024 * 1024);
    boost::beast::flat_buffer beast;
    for (std::size_t n : {0, 100, 600, 5000, 70000, 3}) {
        auto room = r.prepare();
        auto beast_room = beast.prepare(boost::beast::read_size(beast, 65536));
        BOOST_TEST(room.size() == beast_room.size());
        std::string bytes(std::min(n, room.size()), 'x');
        r.commit(asio::buffer_copy(room, asio::buffer(bytes)));
        beast.commit(asio::buffer_copy(beast_room, asio::buffer(bytes)));
    }
}

BOOST_AUTO_TEST_CASE(every_sample_reads_as_the_former_loop_read_it)
{
    for (const auto& bytes : sample_inputs())
        for (const auto& c : cases_of(bytes))
            check_same(c);
}

BOOST_AUTO_TEST_CASE(mutated_samples_read_as_the_former_loop_read_them)
{
    // Samples with bytes changed, inserted and cut, in random pieces: what a fuzzer would try,
    // from a fixed seed so that a failure comes back.
    std::mt19937 random(20260101);
    auto samples = sample_inputs();
    const std::string alphabet = "\r\n :;,0123456789abcdefABCDEF-HTTP/1.0chunkedContent-LengthTransfer-EncodingHostExpect";
    for (int round = 0; round < 3000; ++round) {
        std::string bytes = samples[random() % samples.size()];
        if (bytes.size() > 4096)
            continue;
        for (int edits = 1 + random() % 4; edits > 0; --edits) {
            std::size_t at = bytes.empty() ? 0 : random() % bytes.size();
            switch (random() % 4) {
            case 0: if (!bytes.empty()) bytes[at] = alphabet[random() % alphabet.size()]; break;
            case 1: bytes.insert(at, 1, alphabet[random() % alphabet.size()]); break;
            case 2: bytes.erase(at, 1 + random() % 8); break;
            default: bytes.insert(at, samples[random() % samples.size()].substr(0, random() % 64)); break;
            }
        }
        connection_case c;
        for (std::size_t i = 0; i < bytes.size();) {
            std::size_t n = 1 + random() % 40;
            c.pieces.push_back(bytes.substr(i, n));
            i += n;
        }
        c.end = static_cast<ending>(random() % 3);
        c.stop_after = random() % 3;
        if (random() % 2) {
            c.body_limit = random() % 64;
            c.header_limit = 16 + random() % 128;
        }
        check_same(c);
    }
}

BOOST_AUTO_TEST_SUITE_END()
