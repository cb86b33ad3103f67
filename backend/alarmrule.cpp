// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/alarmrule.h"

#include <array>
#include <limits>
#include <utility>

#include <QProcess>

using namespace Qt::StringLiterals;

namespace
{

constexpr int NotGiven = std::numeric_limits<int>::min();

const std::array<std::pair<AlarmRule::Kind, const char16_t *>, 7> Kinds{{
    {AlarmRule::Kind::ProfileSize, u"profile"},
    {AlarmRule::Kind::DialogAge, u"age"},
    {AlarmRule::Kind::EarlyStuck, u"early"},
    {AlarmRule::Kind::NoAckStuck, u"noack"},
    {AlarmRule::Kind::FeedSilent, u"silent"},
    {AlarmRule::Kind::ProxyDown, u"proxy-down"},
    {AlarmRule::Kind::FailureRate, u"failure-rate"},
}};

const std::array<std::pair<AlarmRule::Severity, const char16_t *>, 4> Severities{{
    {AlarmRule::Severity::Critical, u"critical"},
    {AlarmRule::Severity::Major, u"major"},
    {AlarmRule::Severity::Minor, u"minor"},
    {AlarmRule::Severity::Warning, u"warning"},
}};

QString quoted(const QString &value)
{
    return value.isEmpty() || value.contains(u' ') ? u'"' + value + u'"' : value;
}

QString number(double value)
{
    return QString::number(value, 'g', 12);
}

bool readInt(const QString &key, const QString &value, int &out, QString *error)
{
    bool ok = false;
    out = value.toInt(&ok);
    if (!ok)
    {
        *error = u"%1=%2 is not a whole number (write e.g. %1=30)"_s.arg(key, value);
    }
    return ok;
}

bool readDouble(const QString &key, const QString &value, double &out, QString *error)
{
    bool ok = false;
    out = value.toDouble(&ok);
    if (!ok)
    {
        *error = u"%1=%2 is not a number (write e.g. %1=30 or %1=2.5)"_s.arg(key, value);
    }
    return ok;
}

} // namespace

QString AlarmRule::kindKey(const Kind kind)
{
    for (const auto &[k, key] : Kinds)
    {
        if (k == kind)
        {
            return QString::fromUtf16(key);
        }
    }
    return {};
}

std::optional<AlarmRule::Kind> AlarmRule::kindFromKey(const QString &key)
{
    for (const auto &[k, name] : Kinds)
    {
        if (key == QStringView(name))
        {
            return k;
        }
    }
    return std::nullopt;
}

QStringList AlarmRule::kindKeys()
{
    QStringList out;
    for (const auto &entry : Kinds)
    {
        out << QString::fromUtf16(entry.second);
    }
    return out;
}

QString AlarmRule::severityKey(const Severity severity)
{
    for (const auto &[s, key] : Severities)
    {
        if (s == severity)
        {
            return QString::fromUtf16(key);
        }
    }
    return {};
}

std::optional<AlarmRule::Severity> AlarmRule::severityFromKey(const QString &key)
{
    for (const auto &[s, name] : Severities)
    {
        if (key == QStringView(name))
        {
            return s;
        }
    }
    return std::nullopt;
}

QString AlarmRule::toLine() const
{
    QStringList words{u"name="_s + quoted(name), u"kind="_s + kindKey(kind)};
    if (!target.isEmpty())
    {
        words << u"target="_s + quoted(target);
    }
    if (kind == Kind::ProfileSize || kind == Kind::FailureRate)
    {
        words << u"threshold="_s + number(threshold) +
                     (percent || kind == Kind::FailureRate ? u"%"_s : QString());
        if (hysteresis != 0)
        {
            words << u"hysteresis="_s + number(hysteresis);
        }
    }
    if (kind != Kind::ProfileSize && kind != Kind::ProxyDown)
    {
        words << u"seconds="_s + QString::number(seconds);
    }
    if (kind == Kind::DialogAge || kind == Kind::EarlyStuck || kind == Kind::NoAckStuck ||
        kind == Kind::FailureRate)
    {
        words << u"count="_s + QString::number(count);
    }
    words << u"severity="_s + severityKey(severity) << u"raise="_s + QString::number(raiseAfter)
          << u"clear="_s + QString::number(clearAfter);
    if (!enabled)
    {
        words << u"enabled=no"_s;
    }
    return words.join(u' ');
}

std::optional<AlarmRule> AlarmRule::parse(const QString &line, QString *error)
{
    QString scratch;
    error = error ? error : &scratch;
    if (line.count(u'"') % 2 != 0)
    {
        *error =
            u"a double quote is not closed: put quotes around the whole value, e.g. name=\"trunk full\""_s;
        return std::nullopt;
    }
    AlarmRule rule;
    rule.count = NotGiven; // the kind's default below
    bool haveKind = false;
    for (const QString &word : QProcess::splitCommand(line))
    {
        const qsizetype eq = word.indexOf(u'=');
        if (eq <= 0)
        {
            *error =
                u"'%1' is not key=value (keys: name, kind, target, threshold, seconds, count, hysteresis, "
                u"raise, clear, severity, enabled)"_s.arg(word);
            return std::nullopt;
        }
        const QString key = word.left(eq);
        const QString value = word.mid(eq + 1);
        bool ok = true;
        if (key == u"name"_s)
        {
            rule.name = value.trimmed();
        }
        else if (key == u"kind"_s)
        {
            const std::optional<Kind> kind = kindFromKey(value);
            if (!kind)
            {
                *error = u"kind=%1 is unknown; use one of %2"_s.arg(value, kindKeys().join(u", "_s));
                return std::nullopt;
            }
            rule.kind = *kind;
            haveKind = true;
        }
        else if (key == u"target"_s)
        {
            rule.target = value.trimmed();
        }
        else if (key == u"threshold"_s)
        {
            rule.percent = value.endsWith(u'%');
            ok = readDouble(key, rule.percent ? value.chopped(1) : value, rule.threshold, error);
        }
        else if (key == u"seconds"_s)
        {
            ok = readInt(key, value, rule.seconds, error);
        }
        else if (key == u"count"_s)
        {
            ok = readInt(key, value, rule.count, error);
        }
        else if (key == u"hysteresis"_s)
        {
            ok = readDouble(key, value, rule.hysteresis, error);
        }
        else if (key == u"raise"_s)
        {
            ok = readInt(key, value, rule.raiseAfter, error);
        }
        else if (key == u"clear"_s)
        {
            ok = readInt(key, value, rule.clearAfter, error);
        }
        else if (key == u"severity"_s)
        {
            const std::optional<Severity> severity = severityFromKey(value);
            if (!severity)
            {
                *error = u"severity=%1 is unknown; use critical, major, minor or warning"_s.arg(value);
                return std::nullopt;
            }
            rule.severity = *severity;
        }
        else if (key == u"enabled"_s)
        {
            ok = value == u"yes"_s || value == u"no"_s;
            rule.enabled = value == u"yes"_s;
            if (!ok)
            {
                *error = u"enabled=%1: write enabled=yes or enabled=no"_s.arg(value);
            }
        }
        else
        {
            *error =
                u"'%1' is not a rule key (keys: name, kind, target, threshold, seconds, count, hysteresis, "
                u"raise, clear, severity, enabled)"_s.arg(key);
            return std::nullopt;
        }
        if (!ok)
        {
            return std::nullopt;
        }
    }
    if (!haveKind)
    {
        *error = u"the rule has no kind: add kind=%1"_s.arg(kindKeys().join(u"|"_s));
        return std::nullopt;
    }
    if (rule.count == NotGiven)
    {
        rule.count = rule.kind == Kind::FailureRate ? 10 : 1;
    }
    if (rule.kind == Kind::FailureRate)
    {
        rule.percent = true;
    }
    return rule;
}
