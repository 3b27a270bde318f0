# cmake --install: the command, the static library with its headers (and the generated rule_ids.hpp),
# the schemas, the man page, bash, zsh and fish completion, a CMake package (find_package(ecconf) -> ecconf::ecconf)
# and a pkg-config file. Included from the top-level CMakeLists.txt.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ECCONF_SCHEMA_INSTALL_DIR ${CMAKE_INSTALL_DATADIR}/ecconf)
set(ECCONF_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/ecconf)

install(TARGETS ecconf-check RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ecconf EXPORT ecconf-targets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY include/ecconf DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
install(FILES ${generated_dir}/ecconf/rule_ids.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ecconf)
install(FILES ${schema_files} DESTINATION ${ECCONF_SCHEMA_INSTALL_DIR})
# The rule pages, where --doc-url-base points by default (/usr/share/doc/ecconf/rules/ in the packages).
install(DIRECTORY docs/rules/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/rules FILES_MATCHING PATTERN "*.md")
install(FILES completions/ecconf-check.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME ecconf-check)
install(FILES completions/_ecconf-check DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES completions/ecconf-check.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

# The man page: regenerated from the binary's --help, the rule catalogue and the exit codes when
# Python is there, else the copy kept in docs/ (tools/gen_man.py --check keeps it current).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_custom_command(
    OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/ecconf-check.1
    COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/tools/gen_man.py --binary $<TARGET_FILE:ecconf-check>
            --output ${CMAKE_CURRENT_BINARY_DIR}/ecconf-check.1
    DEPENDS ecconf-check tools/gen_man.py schemas/rules.json src/cli/exit_status.hpp
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
    COMMENT "Generating the ecconf-check(1) man page" VERBATIM)
  add_custom_target(ecconf-man ALL DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/ecconf-check.1)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ecconf-check.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  # The copy in docs/ matches what the sources generate (rerun tools/gen_man.py after changing them).
  if(BUILD_TESTING)
    add_test(NAME man_page
      COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/tools/gen_man.py --binary $<TARGET_FILE:ecconf-check>
              --check ${CMAKE_CURRENT_SOURCE_DIR}/docs/ecconf-check.1
      WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
else()
  install(FILES docs/ecconf-check.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

install(EXPORT ecconf-targets NAMESPACE ecconf:: FILE ecconfTargets.cmake DESTINATION ${ECCONF_CMAKE_INSTALL_DIR})
configure_package_config_file(cmake/ecconfConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/ecconfConfig.cmake
  INSTALL_DESTINATION ${ECCONF_CMAKE_INSTALL_DIR}
  PATH_VARS ECCONF_SCHEMA_INSTALL_DIR)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/ecconfConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ecconfConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/ecconfConfigVersion.cmake
  DESTINATION ${ECCONF_CMAKE_INSTALL_DIR})

file(RELATIVE_PATH ECCONF_PC_RELATIVE_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" ECCONF_PC_RELATIVE_PREFIX "${ECCONF_PC_RELATIVE_PREFIX}")
configure_file(cmake/ecconf.pc.in ${CMAKE_CURRENT_BINARY_DIR}/ecconf.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ecconf.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# Installs into a temporary prefix and builds a small program against the installed package. A
# sanitizer build's library needs the sanitizer runtime in the consumer too.
if(BUILD_TESTING)
  set(consumer_flags "")
  if(ECCONF_SANITIZE OR ECCONF_FUZZ)
    set(consumer_flags "-fsanitize=address,undefined")
  endif()
  add_test(NAME install_consume
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/install_consume_test.sh ${CMAKE_COMMAND} ${CMAKE_CURRENT_BINARY_DIR}
            ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CXX_COMPILER} "${consumer_flags}"
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
  set_tests_properties(install_consume PROPERTIES TIMEOUT 600)
endif()
