# SPDX-License-Identifier: GPL-3.0-or-later
# The alarms in the console (issue #8): list model, panel, badge, rules editor.
calldeck_add_test(NAME tst_alarmlistmodel
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/tst_alarmlistmodel.cpp
        ${CMAKE_CURRENT_LIST_DIR}/testengine.cpp
        ${CMAKE_CURRENT_LIST_DIR}/testengine.h
    LIBS calldeck_ui TIMEOUT 60)
