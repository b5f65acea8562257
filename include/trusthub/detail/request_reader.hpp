// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_REQUEST_READER_HPP
#define TRUSTHUB_DETAIL_REQUEST_READER_HPP

#include <trusthub/http/http_error.hpp>
#include <trusthub/http/http_framing.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/read_size.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace trusthub::detail {

/// The bytes of one connection made into requests, with no I/O of its own: what
/// `trusthub::listener` reads each connection with, and what the fuzz harness drives with its
/// input, so that the code the fuzzer searches is the code that faces the network.
///
/// The caller puts bytes in and asks `next()` what they make:
/// - `need_more`: read into `prepare()` and `commit()` (or `feed()`), or tell it that the input
///   ended (`end_of_input()`) or broke (`input_failed()`); then ask again.
/// - `head`: a request's head was read and may be served; its body may be on its way. The
///   moment to send `100 Continue` if `expects_continue()`. Ask again.
/// - `request`: a whole request, to `take_request()` and answer; then ask again, for the next
///   one (a pipelined request may be buffered already).
/// - `refuse`: a request that will not be served: answer `refused()`, then close, since the
///   connection's framing can no longer be trusted. Final.
/// - `end`: the input ended between two requests: close without an answer. Final.
///
/// Bytes are parsed as Beast's `http::async_read_some` parses them, so that a connection reads
/// exactly as it did when the listener called Beast directly: what is buffered is parsed
/// before more is asked for, a read asks for as much room as Beast's would, a head is judged
/// only once a parse needed no more bytes, and an end of input inside a request is a message
/// cut short while between two it is the end of the connection.
class request_reader {
public:
    using request_type = boost::beast::http::request<boost::beast::http::string_body>;

    enum class step { need_more, head, request, refuse, end };

    /// A request that is not served, and the answer it gets.
    struct refusal {
        http_error answer;
        /// The request as far as it was read (a default request when its head was not), with
        /// keep-alive off: the answer closes the connection.
        request_type head;
        /// What the parser or the input reported; empty when `framing_error` refused the head.
        boost::system::error_code cause;
    };

    /// The listener's limits: a larger body is refused with 413, a larger head with 431.
    request_reader(std::size_t body_limit, std::size_t header_limit)
        : body_limit_(body_limit), header_limit_(header_limit)
    {
    }

    /// Room for the next read: as much as Beast's read would ask for.
    boost::asio::mutable_buffer prepare() { return buffer_.prepare(boost::beast::read_size(buffer_, max_read)); }

    /// `n` bytes were read into the room `prepare()` gave.
    void commit(std::size_t n)
    {
        buffer_.commit(n);
        if (n != 0)
            starved_ = false;
    }

    /// `bytes`, copied in: for input that is already in memory.
    void feed(std::string_view bytes)
    {
        auto room = buffer_.prepare(bytes.size());
        boost::asio::buffer_copy(room, boost::asio::buffer(bytes.data(), bytes.size()));
        commit(bytes.size());
    }

    /// No more bytes will come (the peer closed its side).
    void end_of_input() noexcept { input_ended_ = true; }

    /// Reading failed with `why` (not a timeout or a cancellation, which end the connection
    /// without an answer): the request is refused as malformed.
    void input_failed(boost::system::error_code why) noexcept { input_error_ = why; }

    /// What the bytes so far make; see the class comment.
    step next()
    {
        if (refused_)
            return step::refuse;
        if (ended_)
            return step::end;
        if (!parser_)
            begin();
        namespace http = boost::beast::http;
        for (;;) {
            if (!parser_->is_done()) {
                boost::system::error_code ec;
                if (starved_ || buffer_.size() == 0) {
                    if (input_error_)
                        return refuse(input_error_);
                    if (!input_ended_)
                        return step::need_more;
                    // As Beast takes an end of input: inside a request, a message cut short;
                    // between two, the end of the connection.
                    if (!parser_->got_some()) {
                        ended_ = true;
                        return step::end;
                    }
                    parser_->put_eof(ec);
                    if (ec)
                        return refuse(ec);
                } else {
                    std::size_t used = parser_->put(buffer_.data(), ec);
                    buffer_.consume(used);
                    if (ec == http::error::need_more) {
                        starved_ = true;
                        return step::need_more;
                    }
                    if (ec)
                        return refuse(ec);
                    // A parse that neither used a byte nor finished waits for more, never spins.
                    if (used == 0 && !parser_->is_done())
                        starved_ = true;
                }
            }
            // A head whose framing cannot be trusted is refused before its body is read or
            // invited: what follows it on the connection must never run as a request.
            if (!head_judged_ && parser_->is_header_done()) {
                head_judged_ = true;
                if (auto why = framing_error(parser_->get()))
                    return refuse(std::move(*why), {});
                return step::head;
            }
            if (parser_->is_done())
                return step::request;
        }
    }

    /// After `head`, until the request is taken: the head as read.
    const boost::beast::http::request_header<>& head() const { return parser_->get(); }

    /// After `head`, until the request is taken: whether the body is chunked, as the parser
    /// frames it.
    bool chunked() const { return parser_->chunked(); }

    /// After `head`: whether the client waits for `100 Continue` before it sends the body
    /// that is still to come.
    bool expects_continue() const
    {
        return parser_ && parser_->is_header_done() && !parser_->is_done() &&
               boost::beast::iequals(parser_->get()[boost::beast::http::field::expect], "100-continue");
    }

    /// After `request`: the request, which leaves the reader for the next one.
    request_type take_request()
    {
        request_type req = parser_->release();
        parser_.reset();
        return req;
    }

    /// After `refuse`: what to answer.
    const refusal& refused() const { return *refused_; }

    /// The answer to a request the parser or the input gave up on.
    static http_error answer_for(const boost::system::error_code& ec)
    {
        namespace http = boost::beast::http;
        if (ec == http::error::body_limit)
            return http_error{413, 20413, "Request Entity Too Large"};
        if (ec == http::error::header_limit)
            return http_error{431, 20431, "Request Header Fields Too Large"};
        return http_error{400, 20001, "Bad Request"};
    }

private:
    using parser_type = boost::beast::http::request_parser<boost::beast::http::string_body>;

    // The most Beast's `http::read_some` asks a stream for at once.
    static constexpr std::size_t max_read = 65536;

    void begin()
    {
        parser_.emplace();
        parser_->body_limit(body_limit_);
        parser_->header_limit(static_cast<std::uint32_t>(header_limit_));
        // Head and body in one parse when they arrived together, as they nearly always do:
        // one read a request.
        parser_->eager(true);
        head_judged_ = false;
    }

    step refuse(const boost::system::error_code& cause) { return refuse(answer_for(cause), cause); }

    step refuse(http_error answer, boost::system::error_code cause)
    {
        refusal r{std::move(answer), {}, cause};
        if (parser_ && parser_->is_header_done())
            r.head = parser_->release();
        r.head.keep_alive(false);
        refused_ = std::move(r);
        parser_.reset();
        return step::refuse;
    }

    std::size_t body_limit_;
    std::size_t header_limit_;
    boost::beast::flat_buffer buffer_;
    std::optional<parser_type> parser_;
    bool head_judged_ = false;
    bool starved_ = false;  // the last parse needed more than is buffered
    bool input_ended_ = false;
    bool ended_ = false;
    boost::system::error_code input_error_;
    std::optional<refusal> refused_;
};

} // namespace trusthub::detail

#endif
