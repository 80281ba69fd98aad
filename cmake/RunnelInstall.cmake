# `make install PREFIX=...`: the shared library, the public headers, and a CMake package so
# another project can find_package(Runnel) and link Runnel::runnel.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS runnel EXPORT RunnelTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/runnel DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT RunnelTargets NAMESPACE Runnel:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Runnel)
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/RunnelConfig.cmake.in
  ${CMAKE_BINARY_DIR}/RunnelConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Runnel)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/RunnelConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/RunnelConfig.cmake ${CMAKE_BINARY_DIR}/RunnelConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Runnel)
