# SPDX-License-Identifier: GPL-3.0-or-later
# calldeck_options: the one INTERFACE target every CallDeck target links. It carries the
# language standard, the warnings and Qt's strictness defines (house style §1.8, §6.8).
add_library(calldeck_options INTERFACE)
target_compile_features(calldeck_options INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_CXX_STANDARD_REQUIRED ON)

target_compile_options(calldeck_options INTERFACE
    -Wall -Wextra -Wpedantic
    -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-qual -Wcast-align
    -Wimplicit-fallthrough)

target_compile_definitions(calldeck_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    $<$<CONFIG:Release>:QT_NO_DEBUG_OUTPUT>)

if(CALLDECK_SANITIZE)
    target_compile_options(calldeck_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(calldeck_options INTERFACE -fsanitize=address,undefined)
endif()

if(CALLDECK_FUZZ)
    target_compile_options(calldeck_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined)
    target_link_options(calldeck_options INTERFACE -fsanitize=address,undefined)
endif()
