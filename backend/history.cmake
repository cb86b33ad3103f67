# SPDX-License-Identifier: GPL-3.0-or-later
# The charts' history (issue #8): once-a-second samples of named series, kept on disk.
set(CALLDECK_BACKEND_HISTORY_SOURCES
    profilecounts.h
    profilesampler.cpp
    profilesampler.h
    samplestore.cpp
    samplestore.h
)
