# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE): the
# Debian package installs under /usr; a source package keeps the tree's
# own layout.
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
else()
  unset(CPACK_PACKAGING_INSTALL_PREFIX)
endif()
