# Install layout (DESIGN.md §9) and the Debian package (CPack), included from
# the top-level CMakeLists.txt. Owner: operations.
#
#   <prefix>/bin/courtwatch
#   <prefix>/lib/systemd/system/courtwatch.service
#   <prefix>/lib/sysusers.d/courtwatch.conf, <prefix>/lib/tmpfiles.d/courtwatch.conf
#   <prefix>/share/courtwatch/{sites.csv, demo/, courtwatch.example.toml, nginx/courtwatch.conf}
#   <prefix>/share/doc/courtwatch/{README.md, operations.md}
#   /etc/courtwatch/courtwatch.toml           (prefix /usr; a conffile in the .deb)
#
# The binary finds share/courtwatch relative to itself (daemon/config.cc), so
# any prefix works. With CMAKE_INSTALL_PREFIX=/usr, GNUInstallDirs puts the
# config in /etc; systemd files go under lib/ because Debian 12 reads
# /lib/systemd (= /usr/lib/systemd, merged /usr).

if(TARGET courtwatch)
  install(TARGETS courtwatch RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(FILES systemd/courtwatch.service DESTINATION lib/systemd/system)
install(FILES systemd/courtwatch.sysusers DESTINATION lib/sysusers.d RENAME courtwatch.conf)
install(FILES systemd/courtwatch.tmpfiles DESTINATION lib/tmpfiles.d RENAME courtwatch.conf)
install(FILES config/sites.csv config/courtwatch.example.toml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/courtwatch)
install(DIRECTORY config/demo DESTINATION ${CMAKE_INSTALL_DATADIR}/courtwatch)
install(FILES config/nginx/courtwatch.conf DESTINATION ${CMAKE_INSTALL_DATADIR}/courtwatch/nginx)
install(FILES README.md docs/operations.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# GNUInstallDirs maps prefix /usr to /etc (absolute), any other prefix to
# <prefix>/etc.
install(FILES packaging/courtwatch.toml DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/courtwatch)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME courtwatch)
set(CPACK_PACKAGE_CONTACT "courtwatch maintainers <courtwatch@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "court-watch scheduling daemon for immigration courts")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Stage with DESTDIR, so the absolute /etc destination lands in the package.
set(CPACK_SET_DESTDIR ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
# Shared libraries found by dpkg-shlibdeps (needs dpkg-dev); the rest are
# what the binary uses at run time without linking it: zone data, and the
# helpers the maintainer scripts call.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata, init-system-helpers (>= 1.54)")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "systemd, nginx")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_SOURCE_DIR}/packaging/deb/conffiles;${CMAKE_SOURCE_DIR}/packaging/deb/postinst;${CMAKE_SOURCE_DIR}/packaging/deb/prerm;${CMAKE_SOURCE_DIR}/packaging/deb/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
