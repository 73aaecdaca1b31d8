# Reads tests/fuzz/targets: sets ccon_fuzz_targets (the target names) and,
# for each target T, ccon_fuzz_T_lib, ccon_fuzz_T_test and ccon_fuzz_T_seeds
# (the seed files, globbed now and again whenever they change).
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_LIST_DIR}/targets)
get_filename_component(ccon_fuzz_top ${CMAKE_CURRENT_LIST_DIR}/../.. ABSOLUTE)
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/targets ccon_fuzz_lines REGEX "^[a-z]")
set(ccon_fuzz_targets "")
foreach(line IN LISTS ccon_fuzz_lines)
  string(REGEX REPLACE "[ \t]+" ";" fields "${line}")
  list(GET fields 0 t)
  list(GET fields 2 lib)
  list(GET fields 3 test)
  list(SUBLIST fields 5 -1 globs)
  list(TRANSFORM globs PREPEND ${ccon_fuzz_top}/)
  file(GLOB seeds CONFIGURE_DEPENDS ${globs})
  list(APPEND ccon_fuzz_targets ${t})
  set(ccon_fuzz_${t}_lib ${lib})
  set(ccon_fuzz_${t}_test ${test})
  set(ccon_fuzz_${t}_seeds ${seeds})
endforeach()
