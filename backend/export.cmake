# SPDX-License-Identifier: GPL-3.0-or-later
# Exports (issue #8): table CSV, dlg.list JSON, pcap and the incident pack, written off the GUI thread.
set(CALLDECK_BACKEND_EXPORT_SOURCES
    exportformat.cpp
    exportformat.h
    exportjob.cpp
    exportjob.h
    exportrequest.h
    incidentpack.cpp
    incidentpack.h
)
