# SPDX-License-Identifier: GPL-3.0-or-later
# The dialog store (issue #9), groundwork: a dialog as a row of Kamailio's `dialog` and
# `dialog_vars` tables. Pure conversions; the SQL is the backend's job. Included after
# add_library(calldeck_core).
target_sources(calldeck_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/dialogdbrow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogdbrow.h)
