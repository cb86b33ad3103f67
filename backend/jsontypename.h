// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>

/// @brief "a string", "a number", "null", "missing"… for error messages about JSON replies.
QString jsonTypeName(const QJsonValue &value);
