# Packages (tools/package, docs/install.md): a Debian package, an RPM and a release archive, each
# holding what `cmake --install` installs, the command stripped. Included after cmake/install.cmake.
set(CPACK_PACKAGE_NAME ecconf)
set(CPACK_PACKAGE_VENDOR "ecconf")
set(CPACK_PACKAGE_CONTACT "ecconf developers <ecconf@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Linter for the configuration of the Momentum (ecelerity) MTA")
set(CPACK_PACKAGE_DESCRIPTION "ecconf-check reads ecelerity.conf with everything it includes and reports each mistake at its line and column, in text, JSON, SARIF, GitHub annotations or Checkstyle; with its man page, bash completion, and the ecconf library, headers, CMake and pkg-config files.")
set(CPACK_STRIP_FILES TRUE)
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_SOURCE_DIR}/cmake/strip_archives.cmake
    ${CMAKE_CURRENT_SOURCE_DIR}/cmake/static_archive_command.cmake)
set(CPACK_ECCONF_STATIC_COMMAND ${CMAKE_CURRENT_BINARY_DIR}/ecconf-check-static)  # for static_archive_command.cmake
set(CPACK_GENERATOR "DEB;RPM;TGZ")
set(CPACK_PACKAGE_FILE_NAME "ecconf-${PROJECT_VERSION}-linux-x86_64")

# Debian 12 (bookworm) and later: the run-time libraries by their Debian package names.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.34), libstdc++6 (>= 12), libgcc-s1, libcap2, libpcre2-8-0")
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)  # xz triples the packaging time for a few hundred kilobytes

# RPM: rpmbuild finds the shared libraries the command needs (libpcre2-8.so.0()(64bit)...).
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "unspecified")
set(CPACK_RPM_PACKAGE_GROUP "Development/Tools")
# Directories other packages own (filesystem, bash-completion, cmake, pkgconf) are not claimed.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION /usr/include /usr/lib/cmake /usr/lib/pkgconfig /usr/share/man /usr/share/man/man1
    /usr/share/bash-completion /usr/share/bash-completion/completions /usr/share/zsh /usr/share/zsh/vendor-completions
    /usr/share/fish /usr/share/fish/vendor_completions.d)
set(CPACK_RPM_SPEC_MORE_DEFINE "%define debug_package %{nil}\n%define _build_id_links none")

# The release archive unpacks into ecconf-VERSION-linux-x86_64/{bin,include,lib,share}; its command is
# the static one (static_archive_command.cmake).
set(CPACK_ARCHIVE_TGZ_FILE_NAME "ecconf-${PROJECT_VERSION}-linux-x86_64")
include(CPack)

# Builds the three packages and checks them: the .deb installed into a throwaway root runs on the
# bundled example, the RPM's file list and requirements, the archive's static command run from where it
# is unpacked and in an empty chroot.
# Not under the sanitizers: a package of an instrumented build is not one anybody ships, and
# packaging it would double the sanitizer run's time.
if(NOT BUILD_TESTING)
elseif(ECCONF_SANITIZE OR ECCONF_FUZZ)
  message(STATUS "The packages test is not registered in a sanitizer build (it checks shipped, uninstrumented packages)")
else()
  add_test(NAME packages
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/package_test.sh ${CMAKE_CPACK_COMMAND} ${CMAKE_CURRENT_BINARY_DIR}
            ${CMAKE_CURRENT_SOURCE_DIR} ${PROJECT_VERSION}
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
  set_tests_properties(packages PROPERTIES TIMEOUT 900)
endif()
