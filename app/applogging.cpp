// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/applogging.h"

Q_LOGGING_CATEGORY(lcApp, "calldeck.app", QtInfoMsg)
