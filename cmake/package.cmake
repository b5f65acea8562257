# The Debian package of trusthub, made by `cpack -G DEB` in a Release build with the examples
# on: trusthub-server with a systemd unit and the unit's settings file, the headers and the
# CMake package, and the documentation. scripts/package-check.sh makes it and checks it.

# A project that adds trusthub as a subdirectory packages itself: trusthub sets no CPack
# variable there. Without trusthub-server (examples off) there is nothing to serve, and the
# package would be a bare copy of what `cmake --install` gives.
if(NOT PROJECT_IS_TOP_LEVEL OR NOT TARGET trusthub-server)
    return()
endif()
# Debian ships the changelog compressed, with gzip -9n: no name or time stamp in the file, so
# that the same text gives the same bytes.
find_program(TRUSTHUB_GZIP gzip)
if(NOT TRUSTHUB_GZIP)
    message(STATUS "trusthub: no gzip, so no Debian package")
    return()
endif()

# What only the package carries is the `deb` install component, which a plain
# `cmake --install` leaves out: an install from source writes nothing under /etc or /lib, and
# puts no Debian files among the documentation.
set(trusthub_package_source ${PROJECT_SOURCE_DIR}/package)
set(trusthub_package_binary ${PROJECT_BINARY_DIR}/package)

set(CPACK_PACKAGE_NAME trusthub)
set(CPACK_PACKAGE_VENDOR "trusthub authors")
# Debian asks for a maintainer address; there is no list to write to, and lintian refuses one
# on localhost.
set(CPACK_PACKAGE_CONTACT "trusthub authors <trusthub@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Twilio TrustHub v1 API server and C++ library")
set(CPACK_PACKAGE_DESCRIPTION
"trusthub serves Twilio's TrustHub v1 EndUsers and SupportingDocuments
(create, fetch, list, update, delete) and their type catalogues as the real service answers
them, so that a program written against Twilio's official SDKs works against
it by changing only the base URL and the credentials.

This package holds trusthub-server, a standalone server with a systemd unit
(not enabled), and the header-only C++20 library with its CMake package, for
mounting the endpoints in an Asio/Beast server of one's own.")

# Documentation: README.md and the guides, with Debian's copyright file and changelog.
file(GLOB trusthub_guides CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/doc/*.md)
string(TIMESTAMP trusthub_changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)  # honours SOURCE_DATE_EPOCH
configure_file(${trusthub_package_source}/changelog.in ${trusthub_package_binary}/changelog @ONLY)
execute_process(COMMAND ${TRUSTHUB_GZIP} -9n -c ${trusthub_package_binary}/changelog
                OUTPUT_FILE ${trusthub_package_binary}/changelog.gz
                COMMAND_ERROR_IS_FATAL ANY)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${trusthub_guides}
              ${trusthub_package_source}/copyright ${trusthub_package_binary}/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/trusthub
        COMPONENT deb EXCLUDE_FROM_ALL)

# The service and its settings. Debian's own places, outside the /usr prefix, where systemd and
# the administrator look for them.
install(FILES ${trusthub_package_source}/trusthub.service DESTINATION /lib/systemd/system
        COMPONENT deb EXCLUDE_FROM_ALL)
install(FILES ${trusthub_package_source}/default DESTINATION /etc/default RENAME trusthub
        COMPONENT deb EXCLUDE_FROM_ALL)

# One package from both components: the library and the server (`Unspecified`, what
# `cmake --install` installs) and the files above.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL Unspecified deb)
set(CPACK_STRIP_FILES ON)  # Debian ships binaries stripped; lintian refuses them otherwise

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # trusthub_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Depends: the shared libraries trusthub-server links (libpq, Boost.JSON, the C and C++
# runtimes), as dpkg-shlibdeps finds them, each at the lowest version that has the symbols
# the server uses.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The server needs none of these. The headers do: a program using them compiles against Boost
# 1.81, links Boost.JSON, and the CMake package looks for both, and for libpq when it offers
# trusthub::postgres. Suggested, not recommended, so that installing the server does not pull
# in the whole of Boost.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libboost1.81-dev, libboost-json1.81-dev")
if(TRUSTHUB_POSTGRES)
    string(APPEND CPACK_DEBIAN_PACKAGE_SUGGESTS ", libpq-dev")
endif()
# /etc/default/trusthub is the administrator's: an upgrade keeps their edits.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${trusthub_package_source}/conffiles)
# Control files with the permissions Debian prescribes, whatever the checkout gave them.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
