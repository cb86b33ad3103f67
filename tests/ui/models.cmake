# SPDX-License-Identifier: GPL-3.0-or-later
# The dialog models: batching proved with QSignalSpy, consistency with QAbstractItemModelTester.
calldeck_add_test(NAME tst_dialogtablemodel
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogtablemodel.cpp ${CMAKE_CURRENT_LIST_DIR}/dialogrows.h
    LIBS calldeck_ui TIMEOUT 60)
calldeck_add_test(NAME tst_dialogfilterproxymodel
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogfilterproxymodel.cpp ${CMAKE_CURRENT_LIST_DIR}/dialogrows.h
    LIBS calldeck_ui TIMEOUT 60)
calldeck_add_test(NAME tst_dialoghistorymodel
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialoghistorymodel.cpp ${CMAKE_CURRENT_LIST_DIR}/dialogrows.h
    LIBS calldeck_ui TIMEOUT 60)
calldeck_add_test(NAME tst_dialogsearchtexts
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogsearchtexts.cpp ${CMAKE_CURRENT_LIST_DIR}/dialogrows.h
    LIBS calldeck_ui TIMEOUT 60)
# Figures at 100 000 / 1 000 000 rows; skips unless CALLDECK_MODEL_BENCH=1 is set, e.g.
#   CALLDECK_MODEL_BENCH=1 QT_QPA_PLATFORM=offscreen build/bin/tst_dialogmodelbench
calldeck_add_test(NAME tst_dialogmodelbench
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogmodelbench.cpp ${CMAKE_CURRENT_LIST_DIR}/dialogrows.h
    LIBS calldeck_ui TIMEOUT 600)
