# The Debian package: cpack -G DEB in the build directory writes
# ccon_<version>_<arch>.deb, installed under /usr. Its Depends are the
# shared libraries the binary links, found by dpkg-shlibdeps (dpkg-dev).
set(CCON_MAINTAINER "ccon maintainers <maintainers@users.noreply.r-seed-41fe24dc.example>"
  CACHE STRING "the Maintainer of the Debian package")

set(CPACK_PACKAGE_NAME ccon)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "ccon")
set(CPACK_PACKAGE_CONTACT "${CCON_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/cpack-options.cmake)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CCON_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# --local runs the cluster's own tools on this machine.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pacemaker-cli-utils")
# The long description, after the summary line (CPack puts that first
# and indents the lines).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "ccon shows the nodes, groups and resources of Pacemaker and Windows
failover clusters live in the terminal, and sends online, offline, move,
cleanup and pause requests, following each transition it starts. It is
made for operators working over SSH and inside tmux, has a read-only
monitoring mode, prints snapshots as text or JSON for scripts, and
reaches the nodes over SSH with nothing installed on them.")
# cpack --config CPackSourceConfig.cmake: the sources, without the build
# trees and git's own files.
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_PACKAGE_FILE_NAME "ccon-${PROJECT_VERSION}")
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/\\.git$" "/build[^/]*/" "/_CPack_Packages/")
include(CPack)
