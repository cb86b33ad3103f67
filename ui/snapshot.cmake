# SPDX-License-Identifier: GPL-3.0-or-later
# Snapshots (issue #8): File → Save snapshot… / Open snapshot… and the window that browses one.
# ui/CMakeLists.txt includes this after add_library(calldeck_ui ...).
target_sources(calldeck_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/snapshotactions.cpp
    ${CMAKE_CURRENT_LIST_DIR}/snapshotactions.h
    ${CMAKE_CURRENT_LIST_DIR}/snapshotwindow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/snapshotwindow.h)
