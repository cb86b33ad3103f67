// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/dmq/dmqconfig.h"

#include <string>

using namespace Qt::StringLiterals;

namespace
{
std::optional<calldeck::core::DmqNodeAddress> address(const QString &option, const QString &value,
                                                      QStringList *errors)
{
    std::string why;
    const std::optional<calldeck::core::DmqNodeLine> line =
        calldeck::core::parseDmqNodeUri(value.trimmed().toStdString(), &why);
    if (!line)
    {
        errors->append(u"%1 '%2': %3; write e.g. %1 sip:127.0.0.1:5090"_s.arg(option, value,
                                                                              QString::fromStdString(why)));
        return std::nullopt;
    }
    if (!line->address.transport.empty() && line->address.transport != "udp")
    {
        errors->append(u"%1 '%2': CallDeck speaks DMQ over UDP only (Kamailio's default); drop "
                       "';transport=%3' and give the node's UDP address"_s.arg(
                           option, value, QString::fromStdString(line->address.transport)));
        return std::nullopt;
    }
    calldeck::core::DmqNodeAddress a = line->address;
    a.transport.clear();
    return a;
}

std::optional<int> number(const QString &option, const QString &value, int min, int max, QStringList *errors)
{
    bool ok = false;
    const int n = value.trimmed().toInt(&ok);
    if (!ok || n < min || n > max)
    {
        errors->append(u"%1 '%2': give a whole number from %3 to %4"_s.arg(option, value).arg(min).arg(max));
        return std::nullopt;
    }
    return n;
}
} // namespace

std::optional<DmqConfig> DmqConfig::parse(const QString &dmq, const QStringList &notify, const QString &ping,
                                          const QString &maxRate, QStringList *errors)
{
    const qsizetype before = errors->size();
    if (dmq.isEmpty())
    {
        if (!notify.isEmpty() || !ping.isEmpty() || !maxRate.isEmpty())
        {
            errors->append(
                u"--dmq-notify, --dmq-ping and --dmq-max-rate need --dmq sip:ADDR:PORT (CallDeck's "
                "own DMQ address); add it"_s);
        }
        return std::nullopt;
    }
    DmqConfig config;
    if (auto self = address(u"--dmq"_s, dmq, errors))
    {
        config.self = *self;
        if (config.self.port == 0)
        {
            errors->append(u"--dmq '%1': give a port, e.g. --dmq sip:127.0.0.1:5090"_s.arg(dmq));
        }
    }
    for (const QString &peer : notify)
    {
        if (auto a = address(u"--dmq-notify"_s, peer, errors))
        {
            if (*a == config.self)
            {
                errors->append(u"--dmq-notify '%1' is CallDeck's own --dmq address; name a Kamailio node of "
                               "the bus instead"_s.arg(peer));
            }
            else if (!config.notify.contains(*a))
            {
                config.notify.append(*a);
            }
        }
    }
    if (config.notify.isEmpty() && errors->size() == before)
    {
        errors->append(u"--dmq needs at least one --dmq-notify sip:HOST:PORT: the DMQ address of a Kamailio "
                       "node (its dmq server_address) to register with"_s);
    }
    if (!ping.isEmpty())
    {
        config.pingSeconds = number(u"--dmq-ping"_s, ping, 1, 3600, errors).value_or(config.pingSeconds);
    }
    if (!maxRate.isEmpty())
    {
        config.maxRate = number(u"--dmq-max-rate"_s, maxRate, 10, 10000000, errors).value_or(config.maxRate);
    }
    if (errors->size() != before)
    {
        return std::nullopt;
    }
    return config;
}
