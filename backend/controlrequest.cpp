// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/controlrequest.h"

using namespace Qt::StringLiterals;

QString ControlRequest::targetText() const
{
    if (!callId.empty())
    {
        return u"dialog '%1'"_s.arg(QString::fromStdString(callId));
    }
    if (engineId)
    {
        return u"dialog %1:%2"_s.arg(engineId->first).arg(engineId->second);
    }
    return u"row %1"_s.arg(rowKey);
}

ControlResult ControlResult::failure(const int code, const QString &message, const QString &path)
{
    ControlResult r;
    r.code = code;
    r.message = message;
    r.path = path;
    return r;
}
