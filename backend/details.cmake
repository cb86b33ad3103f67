# SPDX-License-Identifier: GPL-3.0-or-later
# The details pane's reads of one dialog (snapshot and split messages) from the core thread.
set(CALLDECK_BACKEND_DETAILS_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/dialogdetails.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogdetailssource.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogdetailssource.h)
