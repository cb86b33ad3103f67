# SPDX-License-Identifier: GPL-3.0-or-later
# Settings → Language: the menu (ui/) and the switch it drives (app/).
calldeck_add_test(NAME tst_languagemenu
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/tst_languagemenu.cpp
        ${CMAKE_CURRENT_LIST_DIR}/testengine.cpp
        ${CMAKE_CURRENT_LIST_DIR}/testengine.h
        ${PROJECT_SOURCE_DIR}/app/applogging.cpp
        ${PROJECT_SOURCE_DIR}/app/languageswitcher.cpp
        ${PROJECT_SOURCE_DIR}/app/translationloader.cpp
    LIBS calldeck_ui)
