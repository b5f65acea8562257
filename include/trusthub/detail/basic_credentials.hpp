// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_DETAIL_BASIC_CREDENTIALS_HPP
#define TRUSTHUB_DETAIL_BASIC_CREDENTIALS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace trusthub::detail {

/// The user name and password of an `Authorization: Basic …` header value, decoded into a
/// buffer of its own: this runs for every request, so it allocates nothing.
class basic_credentials {
public:
    /// Longest header value accepted (after the scheme), and so the decoded size bound.
    static constexpr std::size_t max_encoded = 1024;

    static std::optional<basic_credentials> parse(std::string_view header) noexcept
    {
        // The scheme is case-insensitive (RFC 7617); one or more spaces follow it.
        if (header.size() < 6)
            return std::nullopt;
        static constexpr std::string_view scheme = "basic";
        for (std::size_t i = 0; i < 5; ++i)
            if (static_cast<char>(header[i] | 0x20) != scheme[i])
                return std::nullopt;
        if (header[5] != ' ')
            return std::nullopt;
        header.remove_prefix(6);
        while (!header.empty() && header.front() == ' ')
            header.remove_prefix(1);
        while (!header.empty() && header.back() == ' ')
            header.remove_suffix(1);
        if (header.empty() || header.size() > max_encoded)
            return std::nullopt;
        basic_credentials out;
        if (!out.decode(header))
            return std::nullopt;
        std::string_view plain(out.buffer_.data(), out.size_);
        auto colon = plain.find(':');
        if (colon == std::string_view::npos)
            return std::nullopt;
        out.colon_ = colon;
        return out;
    }

    std::string_view username() const noexcept { return {buffer_.data(), colon_}; }
    std::string_view secret() const noexcept { return {buffer_.data() + colon_ + 1, size_ - colon_ - 1}; }

private:
    basic_credentials() = default;

    // Standard base64 (RFC 4648 section 4): groups of four characters, the last one padded
    // with '=' to four. Anything else is refused.
    bool decode(std::string_view text) noexcept
    {
        if (text.size() % 4 != 0)
            return false;
        std::size_t pad = 0;
        while (pad < 2 && text.size() > pad && text[text.size() - 1 - pad] == '=')
            ++pad;
        const auto* in = reinterpret_cast<const unsigned char*>(text.data());
        const std::size_t whole = (text.size() - pad) / 4;  // groups without padding
        std::size_t out = 0;
        unsigned bad = 0;  // any invalid digit sets its high bit
        for (std::size_t g = 0; g < whole; ++g, in += 4) {
            unsigned a = digit_values[in[0]], b = digit_values[in[1]], c = digit_values[in[2]], d = digit_values[in[3]];
            bad |= a | b | c | d;
            std::uint32_t group = a << 18 | b << 12 | c << 6 | d;
            buffer_[out++] = static_cast<char>(group >> 16);
            buffer_[out++] = static_cast<char>(group >> 8);
            buffer_[out++] = static_cast<char>(group);
        }
        if (pad != 0) {  // the last group: two or three digits, then padding
            unsigned a = digit_values[in[0]], b = digit_values[in[1]], c = pad == 1 ? digit_values[in[2]] : 0;
            bad |= a | b | c;
            std::uint32_t group = a << 18 | b << 12 | c << 6;
            buffer_[out++] = static_cast<char>(group >> 16);
            if (pad == 1)
                buffer_[out++] = static_cast<char>(group >> 8);
        }
        size_ = out;
        return (bad & 0x80) == 0;
    }

    // Each character's 6-bit value, or 0x80 for a character that is not a base64 digit.
    static constexpr std::array<unsigned char, 256> digit_values = [] {
        std::array<unsigned char, 256> v{};
        for (auto& x : v)
            x = 0x80;
        constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (std::size_t i = 0; i < alphabet.size(); ++i)
            v[static_cast<unsigned char>(alphabet[i])] = static_cast<unsigned char>(i);
        return v;
    }();

    std::array<char, max_encoded / 4 * 3> buffer_;
    std::size_t size_ = 0;
    std::size_t colon_ = 0;
};

} // namespace trusthub::detail

#endif
