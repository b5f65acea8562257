// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_PAGE_HPP
#define TRUSTHUB_RESOURCES_PAGE_HPP

#include <trusthub/store/record.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace trusthub {

/// Which page to read.
struct list_request {
    static constexpr std::size_t default_page_size = 50;
    static constexpr std::size_t max_page_size = 1000;
    /// The largest page number a client may send: the next one is still a signed 64-bit number.
    static constexpr std::uint64_t max_page = 9223372036854775806ULL;

    std::size_t page_size = default_page_size;  ///< 1 to `max_page_size`
    std::uint64_t page = 0;                     ///< the client's own counter, echoed back
    std::string page_token;                     ///< empty for the first page
};

/// One page of a collection, with the tokens of its neighbours.
struct page {
    /// The records, when the page was read into a list (not when it was visited record by
    /// record as the store read it).
    std::vector<record> items;
    std::size_t page_size = list_request::default_page_size;
    std::uint64_t page_number = 0;
    std::string token;           ///< the token this page was read with (empty: the first page)
    std::string next_token;      ///< empty when this is the last page
    std::string previous_token;  ///< empty when this is the first page
};

} // namespace trusthub

#endif
