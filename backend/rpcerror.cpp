// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/rpcerror.h"

using namespace Qt::StringLiterals;

QString RpcError::kindName(const Kind kind)
{
    switch (kind)
    {
    case Kind::Transport:
        return u"transport"_s;
    case Kind::Http:
        return u"HTTP"_s;
    case Kind::Protocol:
        return u"protocol"_s;
    case Kind::Remote:
        return u"remote"_s;
    }
    return u"unknown"_s;
}

QString RpcError::toString() const
{
    QString text = kindName(kind) + u" error"_s;
    if (kind == Kind::Remote)
    {
        text += u' ' + QString::number(rpcCode);
    }
    if (httpStatus != 0)
    {
        text += u" (HTTP "_s + QString::number(httpStatus) + u')';
    }
    return text + u": "_s + message;
}
