# SPDX-License-Identifier: GPL-3.0-or-later
# SIP user agent (issue #6): the next-hop and request helpers, then the UA against an
# in-process SIP peer on 127.0.0.1 (UDP and TCP, small T1 so every timer case stays short).
add_library(calldeck_sipuatestsupport STATIC
    ${CMAKE_CURRENT_LIST_DIR}/siptestpeer.cpp ${CMAKE_CURRENT_LIST_DIR}/siptestpeer.h
    ${CMAKE_CURRENT_LIST_DIR}/sipuatestsupport.cpp ${CMAKE_CURRENT_LIST_DIR}/sipuatestsupport.h)
target_link_libraries(calldeck_sipuatestsupport PUBLIC calldeck_backend calldeck_options Qt6::Network)
calldeck_add_test(NAME tst_sipuamessages SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sipuamessages.cpp
    LIBS calldeck_backend)
calldeck_add_test(NAME tst_sipuseragent SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sipuseragent.cpp
    LIBS calldeck_sipuatestsupport TIMEOUT 60)
calldeck_add_test(NAME tst_sipuaincoming SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sipuaincoming.cpp
    LIBS calldeck_sipuatestsupport TIMEOUT 60)
calldeck_add_test(NAME tst_sipuainvite SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sipuainvite.cpp
    LIBS calldeck_sipuatestsupport TIMEOUT 60)
calldeck_add_test(NAME tst_embeddedbridge SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_embeddedbridge.cpp
    LIBS calldeck_sipuatestsupport TIMEOUT 60)
