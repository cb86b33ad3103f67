# SPDX-License-Identifier: GPL-3.0-or-later
# The alarms (issue #8): rules and their settings, the evaluator, the limits shared with the charts.
calldeck_add_test(NAME tst_alarmrules SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_alarmrules.cpp LIBS calldeck_backend)
calldeck_add_test(NAME tst_alarmevaluator SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_alarmevaluator.cpp
    LIBS calldeck_backend)
