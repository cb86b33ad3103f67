# SPDX-License-Identifier: GPL-3.0-or-later
# The dialog models (house style §6.3): live table, its sort/filter proxy, the ended-calls history.
# ui/CMakeLists.txt includes this after add_library(calldeck_ui ...); included before it, only the
# variable is set and the caller lists ${CALLDECK_UI_MODEL_SOURCES} itself.
set(CALLDECK_UI_MODEL_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/dialogcompare.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogcompare.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogfilterproxymodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogfilterproxymodel.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogformat.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogformat.h
    ${CMAKE_CURRENT_LIST_DIR}/dialoghistorymodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialoghistorymodel.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogsearchtexts.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogsearchtexts.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogtablemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogtablemodel.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogtablemodelentry.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogtablemodelupdates.cpp
    ${CMAKE_CURRENT_LIST_DIR}/wildcardpattern.cpp
    ${CMAKE_CURRENT_LIST_DIR}/wildcardpattern.h)
if(TARGET calldeck_ui)
    target_sources(calldeck_ui PRIVATE ${CALLDECK_UI_MODEL_SOURCES})
endif()
