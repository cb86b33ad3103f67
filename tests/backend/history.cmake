# SPDX-License-Identifier: GPL-3.0-or-later
# The charts' history store (issue #8).
calldeck_add_test(NAME tst_samplestore SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_samplestore.cpp LIBS calldeck_backend)
calldeck_add_test(NAME tst_profilesampler SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_profilesampler.cpp
    LIBS calldeck_proxyfeedtestsupport TIMEOUT 60)
