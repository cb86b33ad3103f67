# SPDX-License-Identifier: GPL-3.0-or-later
# calldeck_add_test(NAME tst_x SOURCES ... LIBS ... [GUI] [LABELS ...] [TIMEOUT s])
# One executable per unit (house style §6.7), registered with CTest, built with QT_FORCE_ASSERTS.
# GUI tests run on the offscreen platform. Test data is found through CALLDECK_TEST_DATA and
# the reference samples through CALLDECK_SAMPLES.
function(calldeck_add_test)
    cmake_parse_arguments(T "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE calldeck_options Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE QT_FORCE_ASSERTS
        CALLDECK_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data"
        CALLDECK_SAMPLES="${CALLDECK_SAMPLES_DIR}"
        CALLDECK_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        CALLDECK_BIN_DIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}")
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    set(env "QT_QPA_PLATFORM=offscreen")
    set_tests_properties(${T_NAME} PROPERTIES ENVIRONMENT "${env}")
    if(T_TIMEOUT)
        set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT})
    endif()
    if(T_LABELS)
        set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
    endif()
endfunction()
