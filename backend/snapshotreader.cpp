// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/snapshotreader.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>

#include <zlib.h>

#include "backend/snapshotfields.h"
#include "backend/snapshotformat.h"

using namespace Qt::StringLiterals;
using namespace calldeck;

namespace
{

using Kind = SnapshotError::Kind;
constexpr QLatin1StringView operator""_l(const char *text, std::size_t size)
{
    return QLatin1StringView(text, qsizetype(size));
}

bool readLeg(SnapshotFields &f, const QJsonObject &o, const QString &path, core::DialogLegSnapshot &leg)
{
    return f.optionalBytes(o, "tag"_l, path, leg.tag) && f.optionalBytes(o, "contact"_l, path, leg.contact) &&
           f.optionalBytes(o, "cseq"_l, path, leg.cseq) &&
           f.optionalBytes(o, "route_set"_l, path, leg.routeSet) &&
           f.optionalBytes(o, "socket"_l, path, leg.socket);
}

template<typename Value>
bool readPairs(SnapshotFields &f, const QJsonObject &o, QLatin1StringView key, const QString &path,
               std::vector<std::pair<std::string, Value>> &out)
{
    QJsonArray list;
    if (!f.array(o, key, path, list))
    {
        return false;
    }
    const QString listPath = SnapshotFields::at(path, key);
    out.reserve(std::size_t(list.size()));
    for (qsizetype i = 0; i < list.size(); ++i)
    {
        QJsonObject item;
        std::pair<std::string, Value> pair;
        const QString itemPath = SnapshotFields::at(listPath, i);
        bool ok = f.element(list, i, listPath, item) && f.bytes(item, "name"_l, itemPath, pair.first);
        if constexpr (std::is_same_v<Value, std::optional<std::string>>)
        {
            ok = ok && f.optionalBytes(item, "value"_l, itemPath, pair.second);
        }
        else
        {
            ok = ok && f.bytes(item, "value"_l, itemPath, pair.second);
        }
        if (!ok)
        {
            return false;
        }
        out.push_back(std::move(pair));
    }
    return true;
}

bool readDialog(SnapshotFields &f, const QJsonObject &o, const QString &path, core::DialogSnapshot &d)
{
    QJsonObject caller;
    QJsonObject callee;
    return f.number(o, "h_entry"_l, path, d.hEntry) && f.number(o, "h_id"_l, path, d.hId) &&
           f.number(o, "ref"_l, path, d.ref) && f.bytes(o, "call-id"_l, path, d.callId) &&
           f.bytes(o, "from_uri"_l, path, d.fromUri) && f.bytes(o, "to_uri"_l, path, d.toUri) &&
           f.bytes(o, "req_uri"_l, path, d.reqUri) && f.number(o, "state"_l, path, d.state) &&
           f.number(o, "start_ts"_l, path, d.startTs) && f.number(o, "init_ts"_l, path, d.initTs) &&
           f.number(o, "end_ts"_l, path, d.endTs) && f.number(o, "duration"_l, path, d.duration) &&
           f.number(o, "timeout"_l, path, d.timeout) && f.number(o, "lifetime"_l, path, d.lifetime) &&
           f.number(o, "dflags"_l, path, d.dflags) && f.number(o, "sflags"_l, path, d.sflags) &&
           f.number(o, "iflags"_l, path, d.iflags) && f.number(o, "last_modified"_l, path, d.lastModified) &&
           f.bytes(o, "timeout_route"_l, path, d.timeoutRoute) && f.object(o, "caller"_l, path, caller) &&
           readLeg(f, caller, SnapshotFields::at(path, "caller"_l), d.caller) &&
           f.object(o, "callee"_l, path, callee) &&
           readLeg(f, callee, SnapshotFields::at(path, "callee"_l), d.callee) &&
           readPairs(f, o, "profiles"_l, path, d.profiles) &&
           readPairs(f, o, "variables"_l, path, d.variables) && readPairs(f, o, "headers"_l, path, d.headers);
}

bool readEndpoint(SnapshotFields &f, const QJsonObject &o, QLatin1StringView key, const QString &path,
                  core::Endpoint &out)
{
    QJsonObject e;
    QString address;
    std::uint16_t port = 0;
    const QString where = SnapshotFields::at(path, key);
    if (!f.object(o, key, path, e) || !f.text(e, "address"_l, where, address) ||
        !f.number(e, "port"_l, where, port))
    {
        return false;
    }
    out = {};
    out.port = port;
    if (address.isEmpty())
    {
        return true;
    }
    const QHostAddress host(address);
    if (host.isNull())
    {
        return f.fail(Kind::BadField, SnapshotFields::at(where, "address"_l),
                      u"'%1' is not an IPv4 or IPv6 address"_s.arg(address));
    }
    if (address.contains(u':'))
    {
        const Q_IPV6ADDR bytes = host.toIPv6Address();
        out = core::Endpoint::ipv6(bytes.c, port);
    }
    else
    {
        out = core::Endpoint::ipv4(host.toIPv4Address(), port);
    }
    return true;
}

bool readTransport(SnapshotFields &f, const QJsonObject &o, const QString &path, core::Transport &out)
{
    QString name;
    if (!f.text(o, "transport"_l, path, name))
    {
        return false;
    }
    for (int t = int(core::Transport::Udp); t <= int(core::Transport::Wss); ++t)
    {
        if (name == QLatin1StringView(core::transportName(core::Transport(t))))
        {
            out = core::Transport(t);
            return true;
        }
    }
    return f.fail(Kind::BadField, SnapshotFields::at(path, "transport"_l),
                  u"'%1' is not one of udp, tcp, tls, sctp, ws, wss"_s.arg(name));
}

bool readMessage(SnapshotFields &f, const QJsonObject &o, const QString &path, core::CallFlowMessage &m)
{
    return f.number(o, "time_us"_l, path, m.timeUs) && readTransport(f, o, path, m.transport) &&
           readEndpoint(f, o, "src"_l, path, m.src) && readEndpoint(f, o, "dst"_l, path, m.dst) &&
           f.number(o, "capture_node"_l, path, m.captureNode) &&
           f.bytes(o, "node_name"_l, path, m.nodeName) &&
           f.bytes(o, "correlation_id"_l, path, m.correlationId) && f.bytes(o, "raw"_l, path, m.raw);
}

bool readRow(SnapshotFields &f, const QJsonObject &o, const QString &path, DialogDetails &details)
{
    DialogRow &row = details.row;
    QString key;
    QJsonObject dialog;
    QJsonArray messages;
    if (!f.text(o, "key"_l, path, key) || !f.text(o, "origin"_l, path, row.origin) ||
        !f.number(o, "updated_ms"_l, path, row.updatedMs) || !f.number(o, "flags"_l, path, row.flags) ||
        !f.number(o, "proxy"_l, path, row.proxy) || !f.number(o, "proxy_h_entry"_l, path, row.proxyHEntry) ||
        !f.number(o, "proxy_h_id"_l, path, row.proxyHId) ||
        !f.boolean(o, "on_mirror"_l, path, details.onMirror) || !f.object(o, "dialog"_l, path, dialog) ||
        !readDialog(f, dialog, SnapshotFields::at(path, "dialog"_l), row.dialog) ||
        !f.array(o, "messages"_l, path, messages))
    {
        return false;
    }
    bool ok = false;
    row.key = key.toULongLong(&ok);
    if (!ok || row.key == 0)
    {
        return f.fail(Kind::BadField, SnapshotFields::at(path, "key"_l),
                      u"'%1' is not a row key (a decimal number above 0)"_s.arg(key));
    }
    details.key = row.key;
    details.found = true;
    const QString messagesPath = SnapshotFields::at(path, "messages"_l);
    std::vector<core::CallFlowMessage> kept(std::size_t(messages.size()));
    for (qsizetype i = 0; i < messages.size(); ++i)
    {
        QJsonObject m;
        if (!f.element(messages, i, messagesPath, m) ||
            !readMessage(f, m, SnapshotFields::at(messagesPath, i), kept[std::size_t(i)]))
        {
            return false;
        }
    }
    const std::string &callerTag = row.dialog.caller.tag ? *row.dialog.caller.tag : std::string();
    details.messages = SnapshotFormat::split(kept, callerTag);
    return true;
}

bool readStats(SnapshotFields &f, const QJsonObject &top, ConsoleSnapshot &s)
{
    QJsonObject stats;
    QJsonObject dialog;
    QJsonObject active;
    QJsonObject feed;
    return f.object(top, "stats"_l, {}, stats) && f.object(stats, "dialog"_l, u"stats"_s, dialog) &&
           f.number(dialog, "active"_l, u"stats.dialog"_s, s.stats.activeDialogs) &&
           f.number(dialog, "early"_l, u"stats.dialog"_s, s.stats.earlyDialogs) &&
           f.number(dialog, "processed"_l, u"stats.dialog"_s, s.stats.processedDialogs) &&
           f.number(dialog, "expired"_l, u"stats.dialog"_s, s.stats.expiredDialogs) &&
           f.number(dialog, "failed"_l, u"stats.dialog"_s, s.stats.failedDialogs) &&
           f.number(dialog, "answered"_l, u"stats.dialog"_s, s.stats.answeredDialogs) &&
           f.object(stats, "active"_l, u"stats"_s, active) &&
           f.number(active, "starting"_l, u"stats.active"_s, s.active.starting) &&
           f.number(active, "connecting"_l, u"stats.active"_s, s.active.connecting) &&
           f.number(active, "answering"_l, u"stats.active"_s, s.active.answering) &&
           f.number(active, "ongoing"_l, u"stats.active"_s, s.active.ongoing) &&
           f.object(stats, "feed"_l, u"stats"_s, feed) &&
           f.number(feed, "messages"_l, u"stats.feed"_s, s.feed.messages) &&
           f.number(feed, "parse_errors"_l, u"stats.feed"_s, s.feed.parseErrors) &&
           f.number(feed, "unmatched"_l, u"stats.feed"_s, s.feed.unmatched) &&
           f.number(feed, "ignored"_l, u"stats.feed"_s, s.feed.ignored) &&
           f.number(feed, "bogus_events"_l, u"stats.feed"_s, s.feed.bogusEvents) &&
           f.number(feed, "spirals"_l, u"stats.feed"_s, s.feed.spirals) &&
           f.number(feed, "mirror_twins"_l, u"stats.feed"_s, s.feed.mirrorTwins) &&
           f.number(feed, "rejected_creations"_l, u"stats.feed"_s, s.feed.rejectedCreations);
}

bool readSources(SnapshotFields &f, const QJsonObject &top, ConsoleSnapshot &s)
{
    QJsonArray list;
    if (!f.array(top, "sources"_l, {}, list))
    {
        return false;
    }
    for (qsizetype i = 0; i < list.size(); ++i)
    {
        QJsonObject o;
        SnapshotSource source;
        const QString path = SnapshotFields::at(u"sources"_s, i);
        if (!f.element(list, i, u"sources"_s, o) || !f.number(o, "id"_l, path, source.id) ||
            !f.text(o, "kind"_l, path, source.kind) || !f.text(o, "label"_l, path, source.label) ||
            !f.text(o, "state"_l, path, source.state) || !f.text(o, "error"_l, path, source.error))
        {
            return false;
        }
        s.sources.push_back(std::move(source));
    }
    return true;
}

/// The format name and version, before anything else is looked at.
bool readHeader(SnapshotFields &f, const QJsonObject &top)
{
    const QJsonValue format = top.value(u"format"_s);
    if (format.toString() != SnapshotFormat::Name)
    {
        return f.fail(Kind::NotSnapshot, u"format"_s,
                      format.isUndefined() ? u"missing: this JSON is not a CallDeck snapshot"_s
                                           : u"'%1' instead of '%2'"_s.arg(format.toVariant().toString(),
                                                                           SnapshotFormat::Name));
    }
    qint64 version = 0;
    if (!f.integer(top, "version"_l, {}, 1, std::numeric_limits<int>::max(), version))
    {
        return false;
    }
    if (version > SnapshotFormat::Version)
    {
        return f.fail(Kind::NewerVersion, u"version"_s,
                      u"format version %1 was written by a newer CallDeck; this one reads up to version %2"_s
                          .arg(version)
                          .arg(SnapshotFormat::Version));
    }
    return true;
}

} // namespace

bool SnapshotReader::inflate(const QByteArray &gzip, QByteArray &json, SnapshotError *error)
{
    z_stream z{};
    if (inflateInit2(&z, 15 + 32) != Z_OK)
    {
        *error = {Kind::Compression, {}, u"zlib could not start"_s};
        return false;
    }
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(gzip.constData()));
    z.avail_in = static_cast<uInt>(gzip.size());
    json.clear();
    char out[64 * 1024];
    int rc = Z_OK;
    while (rc == Z_OK)
    {
        z.next_out = reinterpret_cast<Bytef *>(out);
        z.avail_out = sizeof(out);
        rc = ::inflate(&z, Z_NO_FLUSH);
        json.append(out, qsizetype(sizeof(out) - z.avail_out));
        if (json.size() > MaxJsonBytes)
        {
            rc = Z_MEM_ERROR;
        }
        else if (rc == Z_BUF_ERROR && z.avail_in == 0)
        {
            break; // the input ended before the stream did
        }
    }
    const qint64 consumed = qint64(z.total_in);
    inflateEnd(&z);
    if (rc == Z_STREAM_END)
    {
        return true;
    }
    const QString where = u"byte %1 of the compressed file"_s.arg(consumed);
    if (rc == Z_MEM_ERROR)
    {
        *error = {Kind::Compression, {}, u"larger than %1 MiB uncompressed"_s.arg(MaxJsonBytes >> 20)};
    }
    else if (rc == Z_BUF_ERROR || rc == Z_OK)
    {
        *error = {Kind::Compression, where, u"the compressed data ends early: the file is truncated"_s};
    }
    else
    {
        *error = {
            Kind::Compression, where,
            u"the compressed data is corrupt (%1)"_s.arg(QString::fromLatin1(z.msg ? z.msg : "zlib error"))};
    }
    return false;
}

std::optional<ConsoleSnapshot> SnapshotReader::read(const QString &path, const SnapshotProgress &progress,
                                                    SnapshotError *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
    {
        *error = {Kind::Io, path, u"cannot read it (%1)"_s.arg(file.errorString())};
        return std::nullopt;
    }
    if (file.size() > MaxJsonBytes)
    {
        *error = {Kind::Io, path, u"larger than %1 MiB"_s.arg(MaxJsonBytes >> 20)};
        return std::nullopt;
    }
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
    {
        *error = {Kind::Io, path, u"reading failed (%1)"_s.arg(file.errorString())};
        return std::nullopt;
    }
    return parse(data, progress, error);
}

std::optional<ConsoleSnapshot> SnapshotReader::parse(const QByteArray &data, const SnapshotProgress &progress,
                                                     SnapshotError *error)
{
    QByteArray inflated;
    const bool gzip = data.size() >= 2 && quint8(data[0]) == 0x1f && quint8(data[1]) == 0x8b;
    if (gzip && !inflate(data, inflated, error))
    {
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(gzip ? inflated : data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
    {
        *error = {
            Kind::BadJson, u"byte %1%2"_s.arg(parseError.offset).arg(gzip ? u" (uncompressed)"_s : QString()),
            u"not valid JSON (%1): the file is truncated or not a snapshot"_s.arg(parseError.errorString())};
        return std::nullopt;
    }
    if (!doc.isObject())
    {
        *error = {Kind::NotSnapshot, {}, u"the JSON is not an object: not a CallDeck snapshot"_s};
        return std::nullopt;
    }
    const QJsonObject top = doc.object();
    SnapshotFields f;
    ConsoleSnapshot s;
    QJsonArray dialogs;
    qint64 count = 0;
    if (!readHeader(f, top) || !f.number(top, "taken_ms"_l, {}, s.takenMs) ||
        !f.text(top, "calldeck_version"_l, {}, s.calldeckVersion) || !readSources(f, top, s) ||
        !readStats(f, top, s) || !f.number(top, "history_cap"_l, {}, s.historyCap) ||
        !f.integer(top, "dialog_count"_l, {}, 0, std::numeric_limits<int>::max(), count) ||
        !f.array(top, "dialogs"_l, {}, dialogs))
    {
        *error = f.error();
        return std::nullopt;
    }
    if (dialogs.size() != count)
    {
        *error = {
            Kind::BadField, u"dialogs"_s,
            u"%1 dialogs instead of the %2 that dialog_count announces"_s.arg(dialogs.size()).arg(count)};
        return std::nullopt;
    }
    s.dialogs.resize(std::size_t(count));
    progress.step(0, count);
    for (qsizetype i = 0; i < dialogs.size(); ++i)
    {
        if (progress.cancelled())
        {
            *error = {Kind::Cancelled, {}, u"cancelled"_s};
            return std::nullopt;
        }
        QJsonObject row;
        DialogDetails &details = s.dialogs[std::size_t(i)];
        details.historyCap = s.historyCap;
        if (!f.element(dialogs, i, u"dialogs"_s, row) ||
            !readRow(f, row, SnapshotFields::at(u"dialogs"_s, i), details))
        {
            *error = f.error();
            return std::nullopt;
        }
        progress.step(i + 1, count);
    }
    *error = {};
    return s;
}
