// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/logging.h"

Q_LOGGING_CATEGORY(lcCore, "calldeck.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRpc, "calldeck.rpc", QtInfoMsg)
Q_LOGGING_CATEGORY(lcBackend, "calldeck.backend", QtInfoMsg)
