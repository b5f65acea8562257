// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_IMPL_CATALOGUE_IPP
#define TRUSTHUB_RESOURCES_IMPL_CATALOGUE_IPP

#include <trusthub/resources/catalogue.hpp>
#include <trusthub/detail/json_text.hpp>
#include <trusthub/detail/page_token.hpp>

#include <algorithm>

namespace trusthub {

catalogue::catalogue(const resource_descriptor& resource, std::vector<record> entries,
                     std::optional<std::size_t> name_field)
        : resource_(&resource), entries_(std::move(entries)), name_field_(name_field)
{
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        entries_[i].kind = resource.kind;
        entries_[i].sequence = i + 1;
    }
}

const record* catalogue::find(std::string_view sid_or_name) const noexcept
{
    for (const record& r : entries_)
        if (r.sid == sid_or_name)
            return &r;
    if (!name_field_)
        return nullptr;
    // Names are stored as JSON strings; a name that needs escaping is not one.
    for (const record& r : entries_) {
        std::string_view text = *name_field_ < r.fields.size() ? std::string_view(r.fields[*name_field_]) : "";
        if (text.size() == sid_or_name.size() + 2 && text.substr(1, sid_or_name.size()) == sid_or_name)
            return &r;
    }
    return nullptr;
}

result<catalogue_page> catalogue::list(std::string_view account_sid, const list_request& request) const
{
    // A keyset cursor over the catalogue's positions (1-based), in the same tokens as the
    // stored collections': `PA` + the last position seen, `PB` + the first.
    using detail::page_token;
    const std::string binding = page_token::binding_for(account_sid, resource_->kind, {});
    const std::size_t size = entries_.size();
    const std::size_t limit = request.page_size;
    std::size_t begin = 0, end = std::min(size, limit);
    if (!request.page_token.empty()) {
        auto cursor = page_token::decode(request.page_token, binding);
        if (!cursor)
            return errc::invalid_page_token;
        std::size_t at = static_cast<std::size_t>(std::min<std::uint64_t>(cursor->sequence, size));
        if (cursor->dir == page_token::direction::after) {
            begin = at;
            end = begin + std::min(size - begin, limit);
        } else {
            end = at == 0 ? 0 : at - 1;
            begin = end > limit ? end - limit : 0;
        }
    }
    catalogue_page out;
    out.items.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i)
        out.items.push_back(&entries_[i]);
    out.meta.page_size = limit;
    out.meta.page_number = request.page;
    out.meta.token = request.page_token;
    if (end < size && end > begin)
        out.meta.next_token = page_token{page_token::direction::after, end}.encode(binding);
    if (begin > 0)
        out.meta.previous_token = page_token{page_token::direction::before, begin + 1}.encode(binding);
    return out;
}

} // namespace trusthub

#endif
