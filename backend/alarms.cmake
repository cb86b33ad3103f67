# SPDX-License-Identifier: GPL-3.0-or-later
# The alarms (issue #8): rules in the settings, the evaluator, the once-a-second monitor, and the
# profile limits they share with the charts.
set(CALLDECK_BACKEND_ALARMS_SOURCES
    alarm.h
    alarmevaluator.cpp
    alarmevaluator.h
    alarmmonitor.cpp
    alarmmonitor.h
    alarmrule.cpp
    alarmrule.h
    alarmrules.cpp
    alarmrules.h
    profilelimits.cpp
    profilelimits.h
)
