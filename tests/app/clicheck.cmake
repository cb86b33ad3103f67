# SPDX-License-Identifier: GPL-3.0-or-later
# Runs EXE with ARGS (a ;-list) and checks its exact exit code CODE and that PATTERN matches
# stdout+stderr. Used by the cli_* tests in app/CMakeLists.txt.
execute_process(COMMAND ${EXE} ${ARGS}
    RESULT_VARIABLE result
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err
    TIMEOUT 30)
# Surrounding white space is not part of the contract (PATTERN's ^ and $ anchor the text).
string(STRIP "${out}${err}" all)
message(STATUS "exit code: ${result}\n--- output ---\n${all}\n--------------")
if(NOT "${result}" STREQUAL "${CODE}")
    message(FATAL_ERROR "expected exit code ${CODE}, got '${result}'")
endif()
if(NOT all MATCHES "${PATTERN}")
    message(FATAL_ERROR "output does not match: ${PATTERN}")
endif()
