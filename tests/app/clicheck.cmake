# SPDX-License-Identifier: GPL-3.0-or-later
# Runs EXE with ARGS (a ;-list) and checks its exact exit code CODE and that PATTERN matches
# stdout+stderr. Used by the cli_* tests in app/CMakeLists.txt.
# Optional: WORKDIR, a fresh directory to run in (removed afterwards), and FILE, a file the run
# must leave there whose content matches FILE_PATTERN.
set(workdir "")
if(DEFINED WORKDIR)
    file(REMOVE_RECURSE "${WORKDIR}")
    file(MAKE_DIRECTORY "${WORKDIR}")
    set(workdir WORKING_DIRECTORY "${WORKDIR}")
endif()
execute_process(COMMAND ${EXE} ${ARGS}
    ${workdir}
    RESULT_VARIABLE result
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err
    TIMEOUT 30)
if(DEFINED FILE)
    if(EXISTS "${WORKDIR}/${FILE}")
        file(READ "${WORKDIR}/${FILE}" content)
    else()
        set(content "<missing>")
    endif()
endif()
if(DEFINED WORKDIR)
    file(REMOVE_RECURSE "${WORKDIR}")
endif()
# Surrounding white space is not part of the contract (PATTERN's ^ and $ anchor the text).
string(STRIP "${out}${err}" all)
message(STATUS "exit code: ${result}\n--- output ---\n${all}\n--------------")
if(NOT "${result}" STREQUAL "${CODE}")
    message(FATAL_ERROR "expected exit code ${CODE}, got '${result}'")
endif()
if(NOT all MATCHES "${PATTERN}")
    message(FATAL_ERROR "output does not match: ${PATTERN}")
endif()
if(DEFINED FILE AND NOT content MATCHES "${FILE_PATTERN}")
    message(FATAL_ERROR "${FILE} does not match: ${FILE_PATTERN}")
endif()
