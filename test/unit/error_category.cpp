// Copyright (c) 2026 trusthub authors. Distributed under the Boost Software License, Version 1.0.
// trusthub::errc and its error category.

#include <trusthub/error.hpp>

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <string>
#include <thread>
#include <type_traits>

namespace trusthub {

// Lets BOOST_TEST print an errc operand when a comparison fails (Boost.Test finds it by ADL).
inline std::ostream& boost_test_print_type(std::ostream& os, errc e)
{
    return os << "trusthub::errc(" << static_cast<int>(e) << ")";
}

} // namespace trusthub

using namespace trusthub;

BOOST_AUTO_TEST_SUITE(error_category_tests)

BOOST_AUTO_TEST_CASE(name_is_trusthub)
{
    BOOST_TEST(std::string(trusthub::error_category().name()) == "trusthub");
    BOOST_TEST(std::string(make_error_code(errc::not_found).category().name()) == "trusthub");
}

BOOST_AUTO_TEST_CASE(message_of_every_errc_value)
{
    const auto& cat = trusthub::error_category();
    BOOST_TEST(cat.message(static_cast<int>(errc::not_found)) == "record not found");
    BOOST_TEST(cat.message(static_cast<int>(errc::already_exists)) == "record already exists");
    BOOST_TEST(cat.message(static_cast<int>(errc::invalid_page_token)) == "invalid page token");
    BOOST_TEST(cat.message(static_cast<int>(errc::unavailable)) == "store unavailable");
    BOOST_TEST(cat.message(static_cast<int>(errc::referenced)) == "record referred to by another");
    BOOST_TEST(cat.message(static_cast<int>(errc::missing_reference)) == "referred record not found");

    // The same strings through error_code::message().
    BOOST_TEST(make_error_code(errc::not_found).message() == "record not found");
    BOOST_TEST(make_error_code(errc::unavailable).message() == "store unavailable");
}

BOOST_AUTO_TEST_CASE(message_of_an_unknown_value)
{
    const auto& cat = trusthub::error_category();
    BOOST_TEST(cat.message(0) == "unknown trusthub error");
    // One past the last value.
    BOOST_TEST(cat.message(static_cast<int>(errc::missing_reference) + 1) == "unknown trusthub error");
    BOOST_TEST(cat.message(-1) == "unknown trusthub error");
    BOOST_TEST(cat.message(12345) == "unknown trusthub error");
}

BOOST_AUTO_TEST_CASE(make_error_code_carries_value_and_category)
{
    const boost::system::error_code ec = make_error_code(errc::invalid_page_token);
    BOOST_TEST(ec.value() == static_cast<int>(errc::invalid_page_token));
    BOOST_TEST(&ec.category() == &trusthub::error_category());
    BOOST_TEST(static_cast<bool>(ec));
    BOOST_TEST(ec.failed());
}

BOOST_AUTO_TEST_CASE(errc_converts_implicitly_to_error_code)
{
    static_assert(boost::system::is_error_code_enum<errc>::value);
    static_assert(std::is_convertible_v<errc, boost::system::error_code>);

    const boost::system::error_code ec = errc::already_exists; // implicit, through make_error_code
    BOOST_TEST(ec.value() == static_cast<int>(errc::already_exists));
    BOOST_TEST(&ec.category() == &trusthub::error_category());
    BOOST_TEST(ec == make_error_code(errc::already_exists));
}

BOOST_AUTO_TEST_CASE(equality_with_errc_and_other_categories)
{
    const boost::system::error_code ec = make_error_code(errc::not_found);
    BOOST_TEST(ec == errc::not_found);
    BOOST_TEST(errc::not_found == ec);
    BOOST_TEST(ec != errc::unavailable);
    BOOST_TEST(!(ec == errc::unavailable));

    // Same int value, another category: not the same error.
    const boost::system::error_code generic(static_cast<int>(errc::not_found),
                                            boost::system::generic_category());
    BOOST_TEST(generic.value() == ec.value());
    BOOST_TEST(ec != generic);
    BOOST_TEST(generic != errc::not_found);
}

BOOST_AUTO_TEST_CASE(the_category_is_one_object_and_compares_by_id)
{
    const boost::system::error_category& first = trusthub::error_category();
    const boost::system::error_category& second = trusthub::error_category();
    BOOST_TEST(&first == &second);
    const void* from_another_thread = nullptr;
    std::thread([&] { from_another_thread = &trusthub::error_category(); }).join();
    BOOST_TEST(from_another_thread == static_cast<const void*>(&first));

    // Another instance (as another shared object would hold) is a different object, yet the
    // same category: Boost.System compares categories with a nonzero id by that id.
    static_assert(std::is_default_constructible_v<trusthub::detail::error_category>);
    const trusthub::detail::error_category other;
    BOOST_TEST(static_cast<const void*>(&other) != static_cast<const void*>(&first));
    BOOST_TEST((other == first));
    BOOST_TEST((first == other));
    BOOST_TEST(!(other != first));
    BOOST_TEST((other != boost::system::generic_category()));
    BOOST_TEST((other != boost::system::system_category()));

    const boost::system::error_code through_other(static_cast<int>(errc::not_found), other);
    BOOST_TEST(through_other == make_error_code(errc::not_found));
    BOOST_TEST(through_other == errc::not_found);
    BOOST_TEST(through_other != errc::unavailable);
}

BOOST_AUTO_TEST_CASE(result_holding_an_errc)
{
    const boost::system::result<int> r = errc::not_found;
    BOOST_TEST(r.has_error());
    BOOST_TEST(!r.has_value());
    BOOST_TEST(r.error() == errc::not_found);
    BOOST_TEST(r.error() != errc::unavailable);

    // The library's alias is the same type.
    static_assert(std::is_same_v<trusthub::result<int>, boost::system::result<int>>);
    const trusthub::result<int> unavailable = errc::unavailable;
    BOOST_TEST(unavailable.has_error());
    BOOST_TEST(unavailable.error() == errc::unavailable);
    BOOST_TEST(unavailable.error().message() == "store unavailable");

    const boost::system::result<int> value = 42;
    BOOST_TEST(value.has_value());
    BOOST_TEST(*value == 42);
}

BOOST_AUTO_TEST_SUITE_END()
