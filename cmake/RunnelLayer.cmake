# runnel_layer(NAME [DEPS layer...] [EXTERNAL target...])
# Compiles src/NAME/**/*.cc (minus tests) into an object library. The objects end up in the one
# `runnel` shared library; DEPS records which layers it may use (checked by scripts/check-layers).
set(RUNNEL_LAYER_OBJECTS "")
set(RUNNEL_LAYERS "")

function(runnel_layer name)
  cmake_parse_arguments(ARG "" "" "DEPS;EXTERNAL" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/${name}/*.cc")
  list(FILTER sources EXCLUDE REGEX "_(test|fuzz)\\.cc$")
  if(NOT sources)
    # A layer still being written: an empty translation unit keeps the target well-formed.
    set(sources "${CMAKE_BINARY_DIR}/empty_layer.cc")
    file(WRITE ${sources} "")
  endif()
  set(target runnel_${name})
  add_library(${target} OBJECT ${sources})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/include)
  target_compile_options(${target} PRIVATE ${RUNNEL_WARNINGS})
  target_link_libraries(${target} PUBLIC fmt::fmt ${ARG_EXTERNAL})
  foreach(dep ${ARG_DEPS})
    target_link_libraries(${target} PUBLIC runnel_${dep})
  endforeach()
  set(RUNNEL_LAYER_OBJECTS ${RUNNEL_LAYER_OBJECTS} $<TARGET_OBJECTS:${target}> PARENT_SCOPE)
  set(RUNNEL_LAYERS ${RUNNEL_LAYERS} ${name} PARENT_SCOPE)
endfunction()

# One GoogleTest executable per layer, from the *_test.cc files beside its code.
function(runnel_layer_tests)
  foreach(name ${RUNNEL_LAYERS})
    file(GLOB_RECURSE tests CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/${name}/*_test.cc")
    if(tests)
      set(target runnel_${name}_test)
      add_executable(${target} ${tests})
      target_compile_options(${target} PRIVATE ${RUNNEL_WARNINGS})
      target_link_libraries(${target} PRIVATE runnel fmt::fmt simdjson::simdjson PkgConfig::RE2
                            GTest::gtest_main GTest::gmock)
      gtest_discover_tests(${target} DISCOVERY_TIMEOUT 60
                           PROPERTIES ENVIRONMENT "RUNNEL_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
    endif()
  endforeach()
endfunction()
