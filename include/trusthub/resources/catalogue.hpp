// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
#ifndef TRUSTHUB_RESOURCES_CATALOGUE_HPP
#define TRUSTHUB_RESOURCES_CATALOGUE_HPP

#include <trusthub/config.hpp>
#include <trusthub/error.hpp>
#include <trusthub/resources/page.hpp>
#include <trusthub/store/record.hpp>
#include <trusthub/resources/resource.hpp>

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace trusthub {

/// One page of a catalogue: its entries, in catalogue order, and its neighbours' tokens
/// (`meta.items` stays empty).
struct catalogue_page {
    std::vector<const record*> items;
    page meta;
};

/// A read-only collection served from data, the same for every account: EndUserTypes,
/// SupportingDocumentTypes, Policies. Its entries are records of `resource` (no account, no
/// dates) in the order they are listed. Immutable once made, so one catalogue may serve every
/// thread.
class catalogue {
public:
    /// `name_field`: the index of a field whose value (a JSON string) also finds an entry, as
    /// a machine name does; none if only SIDs do.
    TRUSTHUB_DECL catalogue(const resource_descriptor& resource, std::vector<record> entries,
                            std::optional<std::size_t> name_field = std::nullopt);

    const resource_descriptor& resource() const noexcept { return *resource_; }
    const std::vector<record>& entries() const noexcept { return entries_; }

    /// The entry with this SID or, failing that, this name; null if none.
    TRUSTHUB_DECL const record* find(std::string_view sid_or_name) const noexcept;

    /// One page, for `account_sid` (page tokens are bound to the account that was given them
    /// and to the catalogue's kind, as every collection's are). `errc::invalid_page_token` for a
    /// token this catalogue did not issue to that account.
    TRUSTHUB_DECL result<catalogue_page> list(std::string_view account_sid, const list_request& request) const;

private:
    const resource_descriptor* resource_;
    std::vector<record> entries_;
    std::optional<std::size_t> name_field_;
};

} // namespace trusthub

#if defined(TRUSTHUB_HEADER_ONLY)
#include <trusthub/resources/impl/catalogue.ipp>
#endif

#endif
