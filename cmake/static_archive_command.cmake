# CPack pre-build script: the release archive (TGZ) holds the statically linked command (the target
# ecconf-check-static, CMakeLists.txt) as bin/ecconf-check, stripped like the packages' command, so that
# it runs on any x86-64 Linux; the .deb and the RPM keep the dynamic one. CPack runs the script once per
# generator, with CPACK_GENERATOR naming that one.
if(NOT CPACK_GENERATOR STREQUAL "TGZ")
  return()
endif()
if(NOT EXISTS "${CPACK_ECCONF_STATIC_COMMAND}")
  message(FATAL_ERROR "${CPACK_ECCONF_STATIC_COMMAND} is missing: build the target ecconf-check-static")
endif()
execute_process(COMMAND strip -o "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/bin/ecconf-check" "${CPACK_ECCONF_STATIC_COMMAND}"
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "strip ${CPACK_ECCONF_STATIC_COMMAND} failed")
endif()
