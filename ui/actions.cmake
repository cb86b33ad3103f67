# SPDX-License-Identifier: GPL-3.0-or-later
# Actions on dialogs (issue #7): the Dialog menu, confirmation, bulk runs, the audit log view.
# ui/CMakeLists.txt includes this after add_library(calldeck_ui ...).
set(CALLDECK_UI_ACTIONS_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/actionconfirmdialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/actionconfirmdialog.h
    ${CMAKE_CURRENT_LIST_DIR}/actionkind.h
    ${CMAKE_CURRENT_LIST_DIR}/auditlogdialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/auditlogdialog.h
    ${CMAKE_CURRENT_LIST_DIR}/auditlogmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/auditlogmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/bulkactiondialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/bulkactiondialog.h
    ${CMAKE_CURRENT_LIST_DIR}/dialogactions.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dialogactions.h)
if(TARGET calldeck_ui)
    target_sources(calldeck_ui PRIVATE ${CALLDECK_UI_ACTIONS_SOURCES})
endif()
