// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/alarmrules.h"

#include <QSet>

#include "backend/settingvalue.h"

using namespace Qt::StringLiterals;

QString AlarmRules::settingKey()
{
    return u"Alarms/Rules"_s;
}

QList<AlarmRule> AlarmRules::load(QStringList *errors)
{
    QList<AlarmRule> rules;
    const QStringList lines = SettingValue<QStringList>(settingKey()).get();
    for (qsizetype i = 0; i < lines.size(); ++i)
    {
        QString error;
        if (const std::optional<AlarmRule> rule = AlarmRule::parse(lines[i], &error))
        {
            rules << *rule;
        }
        else if (errors)
        {
            *errors << u"rule %1 of %2 in the settings ('%3'): %4; fix it in Settings → Alarm rules"_s
                           .arg(i + 1)
                           .arg(settingKey(), lines[i], error);
        }
    }
    return rules;
}

void AlarmRules::save(const QList<AlarmRule> &rules)
{
    QStringList lines;
    for (const AlarmRule &rule : rules)
    {
        lines << rule.toLine();
    }
    SettingValue<QStringList>(settingKey()).set(lines);
}

QStringList AlarmRules::parseText(const QString &text, QList<AlarmRule> &out, const Context &context)
{
    QStringList problems;
    QSet<QString> names;
    out.clear();
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i)
    {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
        {
            continue;
        }
        const QString where = u"line %1"_s.arg(i + 1);
        QString error;
        const std::optional<AlarmRule> rule = AlarmRule::parse(line, &error);
        if (!rule)
        {
            problems << where + u": "_s + error;
            continue;
        }
        for (const QString &p : validate(*rule, context))
        {
            problems << where + u": "_s + p;
        }
        if (!rule->name.isEmpty() && names.contains(rule->name))
        {
            problems << where + u": another rule is already named '%1'; give each rule its own name"_s.arg(
                                    rule->name);
        }
        names.insert(rule->name);
        out << *rule;
    }
    return problems;
}

QString AlarmRules::toText(const QList<AlarmRule> &rules)
{
    QStringList lines;
    for (const AlarmRule &rule : rules)
    {
        lines << rule.toLine();
    }
    return lines.join(u'\n');
}

QStringList AlarmRules::validate(const AlarmRule &rule, const Context &context)
{
    using Kind = AlarmRule::Kind;
    QStringList p;
    if (rule.name.isEmpty())
    {
        p << u"the rule has no name: add name=\"…\" (it names the alarm in the list and the log)"_s;
    }
    if (rule.name.contains(u'"') || rule.target.contains(u'"'))
    {
        p << u"names and targets cannot contain double quotes"_s;
    }
    if (rule.raiseAfter < 0 || rule.clearAfter < 0)
    {
        p << u"raise= and clear= are seconds ≥ 0 (raise=0 raises at the first second over the threshold)"_s;
    }
    if (rule.hysteresis < 0)
    {
        p << u"hysteresis=%1 is negative: write 0 or more (the alarm clears below threshold − hysteresis)"_s
                 .arg(rule.hysteresis);
    }
    switch (rule.kind)
    {
    case Kind::ProfileSize:
    {
        if (rule.target.isEmpty())
        {
            p << u"name the profile: target=trunk, or a value of it: target=trunk=gw1"_s;
            break;
        }
        const QString series = rule.target.startsWith(u"profile:"_s) ? rule.target.mid(8) : rule.target;
        const QString profile = series.section(u'=', 0, 0);
        if (!context.profiles.isEmpty() && !context.profiles.contains(profile))
        {
            p << u"there is no profile '%1' (known: %2); write one of those, or add the profile in the "
                 u"mirror's profile rules first"_s.arg(profile, context.profiles.join(u", "_s));
        }
        if (rule.threshold <= 0)
        {
            p << u"threshold= must be more than 0: a number of dialogs (threshold=30) or a share of the "
                 u"limit (threshold=80%)"_s;
        }
        if (rule.percent && !context.limits.limit(series))
        {
            p << u"threshold=%1% needs a limit for '%2': add a line \"%2 100\" to the limits "
                 u"(Charts/Limits), "
                 u"or give a number of dialogs (threshold=30)"_s.arg(rule.threshold)
                     .arg(series);
        }
        if (rule.percent && rule.threshold > 1000)
        {
            p << u"threshold=%1% is more than ten times the limit; write a share such as 80%"_s.arg(
                rule.threshold);
        }
        break;
    }
    case Kind::DialogAge:
    case Kind::EarlyStuck:
    case Kind::NoAckStuck:
        if (rule.seconds <= 0)
        {
            p << u"seconds=%1: give the age in seconds, more than 0 (e.g. seconds=3600)"_s.arg(rule.seconds);
        }
        if (rule.count < 1)
        {
            p << u"count=%1: give how many such dialogs raise the alarm, 1 or more"_s.arg(rule.count);
        }
        break;
    case Kind::FeedSilent:
        if (rule.seconds <= 0)
        {
            p << u"seconds=%1: give the silence in seconds, more than 0 (e.g. seconds=60)"_s.arg(
                rule.seconds);
        }
        break;
    case Kind::ProxyDown:
        break;
    case Kind::FailureRate:
        if (rule.threshold <= 0 || rule.threshold > 100)
        {
            p << u"threshold=%1%: give a share of failed calls between 0 and 100 % (e.g. threshold=20%)"_s
                     .arg(rule.threshold);
        }
        if (rule.seconds < 10)
        {
            p << u"seconds=%1: give the window in seconds, at least 10 (e.g. seconds=300)"_s.arg(
                rule.seconds);
        }
        if (rule.count < 1)
        {
            p << u"count=%1: give how many final answers the window needs before a rate counts, 1 or more"_s
                     .arg(rule.count);
        }
        break;
    }
    return p;
}
