# SPDX-License-Identifier: GPL-3.0-or-later
# The cluster feed (issue #10): the DMQ node's options, dmq.list_nodes, the KDMQ text it sends.
calldeck_add_test(NAME tst_dmqconfig SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dmqconfig.cpp
    LIBS calldeck_backend calldeck_testsupport)
