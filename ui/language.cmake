# SPDX-License-Identifier: GPL-3.0-or-later
# Settings → Language. ui/CMakeLists.txt includes this after add_library(calldeck_ui ...).
if(TARGET calldeck_ui)
    target_sources(calldeck_ui PRIVATE
        ${CMAKE_CURRENT_LIST_DIR}/languagemenu.cpp
        ${CMAKE_CURRENT_LIST_DIR}/languagemenu.h)
endif()
