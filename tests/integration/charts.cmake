# SPDX-License-Identifier: GPL-3.0-or-later
# Issue #8, the charts' data: the console's engine (in process) polling a real Kamailio; its
# ProfileSampler's per-profile series equal Kamailio's dlg.profile_get_size, exactly when the calls
# hold still and within ±1 during churn. tests/integration/CMakeLists.txt includes this.
set(app ${PROJECT_SOURCE_DIR}/app)
calldeck_add_test(NAME tst_chartskamailio
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/tst_chartskamailio.cpp
        ${app}/applogging.cpp
        ${app}/applogging.h
        ${app}/commandlineoptions.cpp
        ${app}/commandlineoptions.h
        ${app}/engine.cpp
        ${app}/enginedmq.cpp
        ${app}/enginestore.cpp
        ${app}/engine.h
        ${app}/hostport.cpp
        ${app}/hostport.h
        ${app}/qtoptions.cpp
        ${app}/qtoptions.h
    LIBS calldeck_integration calldeck_backend CURL::libcurl TIMEOUT 180 LABELS integration)
set_tests_properties(tst_chartskamailio PROPERTIES RESOURCE_LOCK calldeck_kamailio)
