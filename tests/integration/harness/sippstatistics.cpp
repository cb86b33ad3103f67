// SPDX-License-Identifier: GPL-3.0-or-later
#include "sippstatistics.h"

#include <QFile>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{

QStringList readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
    {
        return {};
    }
    return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

SippStatistics SippStatistics::fromCsv(const QString &path)
{
    SippStatistics statistics;
    const QStringList lines = readLines(path);
    if (lines.size() < 2)
    {
        return statistics;
    }
    const QStringList names = lines.first().split(u';');
    const QStringList values = lines.last().split(u';');
    for (qsizetype i = 0; i < names.size() && i < values.size(); ++i)
    {
        statistics.columns.insert(names[i].trimmed(), values[i].trimmed());
    }
    const auto number = [&statistics](const QString &name, bool *found) {
        const auto it = statistics.columns.constFind(name);
        *found = *found && it != statistics.columns.constEnd();
        return it == statistics.columns.constEnd() ? 0 : it->toInt();
    };
    bool found = true;
    statistics.successfulCalls = number(u"SuccessfulCall(C)"_s, &found);
    statistics.failedCalls = number(u"FailedCall(C)"_s, &found);
    statistics.createdCalls = number(u"TotalCallCreated"_s, &found);
    statistics.currentCalls = number(u"CurrentCall"_s, &found);
    statistics.valid = found;
    statistics.source = path;
    return statistics;
}

SippStatistics SippStatistics::fromScreen(const QString &path)
{
    SippStatistics statistics;
    // "  Successful call        |        0                  |        5                 "
    // "  Current Calls          |        0                  |                          "
    static const QRegularExpression row(u"^\\s*(Successful call|Failed call|Total Calls created|"
                                        "Current Calls)\\s*\\|\\s*(\\d*)\\s*\\|\\s*(\\d*)"_s);
    int seen = 0;
    for (const QString &line : readLines(path))
    {
        const QRegularExpressionMatch match = row.match(line);
        if (!match.hasMatch())
        {
            continue;
        }
        // cumulative column, or the periodic one where sipp leaves the cumulative empty
        const int cumulative = (match.captured(3).isEmpty() ? match.captured(2) : match.captured(3)).toInt();
        const QString name = match.captured(1);
        ++seen;
        if (name == u"Successful call"_s)
        {
            statistics.successfulCalls = cumulative;
        }
        else if (name == u"Failed call"_s)
        {
            statistics.failedCalls = cumulative;
        }
        else if (name == u"Total Calls created"_s)
        {
            statistics.createdCalls = cumulative;
        }
        else
        {
            statistics.currentCalls = cumulative;
        }
    }
    statistics.valid = seen >= 2;
    statistics.source = path;
    return statistics;
}

QString SippStatistics::describe() const
{
    if (!valid)
    {
        return u"no sipp statistics (%1)"_s.arg(source.isEmpty() ? u"no file"_s : source);
    }
    return u"%1 successful, %2 failed, %3 created, %4 open (from %5)"_s.arg(successfulCalls)
        .arg(failedCalls)
        .arg(createdCalls)
        .arg(currentCalls)
        .arg(source);
}

} // namespace calldeck::integration
