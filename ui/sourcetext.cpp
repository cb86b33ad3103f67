// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sourcetext.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

QString SourceText::number(const quint64 value)
{
    return QLocale().toString(value);
}

QString SourceText::rate(const double perSecond)
{
    return QLocale().toString(perSecond, 'f', perSecond > 0 && perSecond < 10 ? 1 : 0);
}

QString SourceText::clock(const qint64 ms)
{
    if (ms <= 0)
    {
        return u"—"_s;
    }
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms);
    const QString hms = time.toString(u"HH:mm:ss"_s);
    if (time.date() == QDate::currentDate())
    {
        return hms;
    }
    return QLocale().toString(time.date(), QLocale::ShortFormat) + u' ' + hms;
}
