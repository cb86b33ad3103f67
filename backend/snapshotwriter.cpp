// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/snapshotwriter.h"

#include <cstring>

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <zlib.h>

#include "backend/snapshotformat.h"

using namespace Qt::StringLiterals;
using namespace calldeck;

namespace
{

/// The bytes as a JSON string when they are valid UTF-8 (and come back the same), else base64.
QJsonValue bytesValue(const std::string_view bytes)
{
    const QString text = QString::fromUtf8(bytes.data(), static_cast<qsizetype>(bytes.size()));
    const QByteArray back = text.toUtf8();
    if (back.size() == static_cast<qsizetype>(bytes.size()) &&
        std::memcmp(back.constData(), bytes.data(), bytes.size()) == 0)
    {
        return text;
    }
    const QByteArray raw(bytes.data(), static_cast<qsizetype>(bytes.size()));
    return QJsonObject{{u"base64"_s, QString::fromLatin1(raw.toBase64())}};
}

QJsonValue optionalBytes(const std::optional<std::string> &bytes)
{
    return bytes ? bytesValue(*bytes) : QJsonValue(QJsonValue::Null);
}

QJsonObject legObject(const core::DialogLegSnapshot &leg)
{
    return {{u"tag"_s, optionalBytes(leg.tag)},
            {u"contact"_s, optionalBytes(leg.contact)},
            {u"cseq"_s, optionalBytes(leg.cseq)},
            {u"route_set"_s, optionalBytes(leg.routeSet)},
            {u"socket"_s, optionalBytes(leg.socket)}};
}

template<typename Pairs>
QJsonArray pairArray(const Pairs &pairs)
{
    QJsonArray out;
    for (const auto &[name, value] : pairs)
    {
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::optional<std::string>>)
        {
            out.append(QJsonObject{{u"name"_s, bytesValue(name)}, {u"value"_s, optionalBytes(value)}});
        }
        else
        {
            out.append(QJsonObject{{u"name"_s, bytesValue(name)}, {u"value"_s, bytesValue(value)}});
        }
    }
    return out;
}

QJsonObject dialogObject(const core::DialogSnapshot &d)
{
    return {{u"h_entry"_s, qint64(d.hEntry)},
            {u"h_id"_s, qint64(d.hId)},
            {u"ref"_s, qint64(d.ref)},
            {u"call-id"_s, bytesValue(d.callId)},
            {u"from_uri"_s, bytesValue(d.fromUri)},
            {u"to_uri"_s, bytesValue(d.toUri)},
            {u"req_uri"_s, bytesValue(d.reqUri)},
            {u"state"_s, int(d.state)},
            {u"start_ts"_s, qint64(d.startTs)},
            {u"init_ts"_s, qint64(d.initTs)},
            {u"end_ts"_s, qint64(d.endTs)},
            {u"duration"_s, qint64(d.duration)},
            {u"timeout"_s, qint64(d.timeout)},
            {u"lifetime"_s, qint64(d.lifetime)},
            {u"dflags"_s, qint64(d.dflags)},
            {u"sflags"_s, qint64(d.sflags)},
            {u"iflags"_s, qint64(d.iflags)},
            {u"last_modified"_s, qint64(d.lastModified)},
            {u"timeout_route"_s, bytesValue(d.timeoutRoute)},
            {u"caller"_s, legObject(d.caller)},
            {u"callee"_s, legObject(d.callee)},
            {u"profiles"_s, pairArray(d.profiles)},
            {u"variables"_s, pairArray(d.variables)},
            {u"headers"_s, pairArray(d.headers)}};
}

QJsonObject endpointObject(const core::Endpoint &e)
{
    return {{u"address"_s, e.valid() ? QString::fromStdString(e.addressText()) : QString()},
            {u"port"_s, int(e.port)}};
}

QJsonObject messageObject(const core::CallFlowMessage &m)
{
    return {{u"time_us"_s, qint64(m.timeUs)},
            {u"transport"_s, QString::fromLatin1(core::transportName(m.transport))},
            {u"src"_s, endpointObject(m.src)},
            {u"dst"_s, endpointObject(m.dst)},
            {u"capture_node"_s, qint64(m.captureNode)},
            {u"node_name"_s, bytesValue(m.nodeName)},
            {u"correlation_id"_s, bytesValue(m.correlationId)},
            {u"raw"_s, bytesValue(m.raw)}};
}

QJsonObject rowObject(const DialogDetails &details)
{
    const DialogRow &row = details.row;
    QJsonArray messages;
    for (const core::CallFlowMessage &m : details.messages)
    {
        messages.append(messageObject(m));
    }
    return {{u"key"_s, QString::number(row.key)},
            {u"origin"_s, row.origin},
            {u"updated_ms"_s, row.updatedMs},
            {u"flags"_s, int(row.flags)},
            {u"proxy"_s, int(row.proxy)},
            {u"proxy_h_entry"_s, qint64(row.proxyHEntry)},
            {u"proxy_h_id"_s, qint64(row.proxyHId)},
            {u"on_mirror"_s, details.onMirror},
            {u"dialog"_s, dialogObject(row.dialog)},
            {u"messages"_s, messages}};
}

QJsonObject statsObject(const ConsoleSnapshot &s)
{
    const QJsonObject dialog{
        {u"active"_s, qint64(s.stats.activeDialogs)},       {u"early"_s, qint64(s.stats.earlyDialogs)},
        {u"processed"_s, qint64(s.stats.processedDialogs)}, {u"expired"_s, qint64(s.stats.expiredDialogs)},
        {u"failed"_s, qint64(s.stats.failedDialogs)},       {u"answered"_s, qint64(s.stats.answeredDialogs)}};
    const QJsonObject active{{u"starting"_s, qint64(s.active.starting)},
                             {u"connecting"_s, qint64(s.active.connecting)},
                             {u"answering"_s, qint64(s.active.answering)},
                             {u"ongoing"_s, qint64(s.active.ongoing)}};
    const QJsonObject feed{{u"messages"_s, qint64(s.feed.messages)},
                           {u"parse_errors"_s, qint64(s.feed.parseErrors)},
                           {u"unmatched"_s, qint64(s.feed.unmatched)},
                           {u"ignored"_s, qint64(s.feed.ignored)},
                           {u"bogus_events"_s, qint64(s.feed.bogusEvents)},
                           {u"spirals"_s, qint64(s.feed.spirals)},
                           {u"mirror_twins"_s, qint64(s.feed.mirrorTwins)},
                           {u"rejected_creations"_s, qint64(s.feed.rejectedCreations)}};
    return {{u"dialog"_s, dialog}, {u"active"_s, active}, {u"feed"_s, feed}};
}

/// Everything but the dialogs, as compact JSON without its closing brace.
QByteArray headJson(const ConsoleSnapshot &s)
{
    QJsonArray sources;
    for (const SnapshotSource &source : s.sources)
    {
        sources.append(QJsonObject{{u"id"_s, int(source.id)},
                                   {u"kind"_s, source.kind},
                                   {u"label"_s, source.label},
                                   {u"state"_s, source.state},
                                   {u"error"_s, source.error}});
    }
    const QJsonObject head{
        {u"format"_s, QString(SnapshotFormat::Name)},
        {u"version"_s, SnapshotFormat::Version},
        {u"taken_ms"_s, s.takenMs},
        {u"taken_at"_s, QDateTime::fromMSecsSinceEpoch(s.takenMs, Qt::UTC).toString(Qt::ISODateWithMs)},
        {u"calldeck_version"_s, s.calldeckVersion},
        {u"sources"_s, sources},
        {u"stats"_s, statsObject(s)},
        {u"history_cap"_s, qint64(s.historyCap)},
        {u"dialog_count"_s, qint64(s.dialogs.size())}};
    QByteArray json = QJsonDocument(head).toJson(QJsonDocument::Compact);
    json.chop(1); // the closing '}': the dialogs follow
    return json;
}

QByteArray rowJson(const DialogDetails &details)
{
    return QJsonDocument(rowObject(details)).toJson(QJsonDocument::Compact);
}

/// Streams gzip into a QSaveFile.
class GzipFile final
{
public:
    explicit GzipFile(QSaveFile &file)
        : m_file(file)
    {
        m_ok = deflateInit2(&m_z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK;
        m_open = m_ok;
    }
    ~GzipFile()
    {
        if (m_open)
        {
            deflateEnd(&m_z);
        }
    }
    bool write(const QByteArray &data) { return pump(data, Z_NO_FLUSH); }
    bool finish() { return pump({}, Z_FINISH); }
    bool ok() const { return m_ok; }

private:
    bool pump(const QByteArray &data, const int flush)
    {
        if (!m_ok)
        {
            return false;
        }
        m_z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
        m_z.avail_in = static_cast<uInt>(data.size());
        char out[64 * 1024];
        int rc = Z_OK;
        do
        {
            m_z.next_out = reinterpret_cast<Bytef *>(out);
            m_z.avail_out = sizeof(out);
            rc = deflate(&m_z, flush);
            const qint64 produced = qint64(sizeof(out)) - m_z.avail_out;
            if (rc == Z_STREAM_ERROR || (produced > 0 && m_file.write(out, produced) != produced))
            {
                m_ok = false;
                return false;
            }
        } while (m_z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
        return true;
    }

    QSaveFile &m_file;
    z_stream m_z{};
    bool m_ok = false;
    bool m_open = false;
};

bool fail(SnapshotError *error, SnapshotError::Kind kind, const QString &where, const QString &detail)
{
    if (error)
    {
        *error = {kind, where, detail};
    }
    return false;
}

} // namespace

QByteArray SnapshotWriter::toJson(const ConsoleSnapshot &snapshot)
{
    QByteArray json = headJson(snapshot);
    json += ",\"dialogs\":[";
    for (std::size_t i = 0; i < snapshot.dialogs.size(); ++i)
    {
        json += i == 0 ? "\n" : ",\n";
        json += rowJson(snapshot.dialogs[i]);
    }
    json += "\n]}\n";
    return json;
}

bool SnapshotWriter::write(const ConsoleSnapshot &snapshot, const QString &path,
                           const SnapshotProgress &progress, SnapshotError *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
    {
        return fail(error, SnapshotError::Kind::Io, path,
                    u"cannot write there (%1); directory %2"_s.arg(file.errorString(),
                                                                   QFileInfo(path).absolutePath()));
    }
    GzipFile gzip(file);
    const qint64 total = qint64(snapshot.dialogs.size());
    progress.step(0, total);
    bool ok = gzip.write(headJson(snapshot) + ",\"dialogs\":[");
    for (qint64 i = 0; ok && i < total; ++i)
    {
        if (progress.cancelled())
        {
            file.cancelWriting();
            return fail(error, SnapshotError::Kind::Cancelled, path, u"cancelled; nothing was written"_s);
        }
        ok = gzip.write((i == 0 ? "\n" : ",\n") + rowJson(snapshot.dialogs[std::size_t(i)]));
        progress.step(i + 1, total);
    }
    ok = ok && gzip.write("\n]}\n") && gzip.finish();
    if (progress.cancelled())
    {
        file.cancelWriting();
        return fail(error, SnapshotError::Kind::Cancelled, path, u"cancelled; nothing was written"_s);
    }
    if (!ok)
    {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(error, SnapshotError::Kind::Io, path,
                    u"writing failed (%1); free space of %2"_s.arg(reason, QFileInfo(path).absolutePath()));
    }
    if (!file.commit())
    {
        return fail(error, SnapshotError::Kind::Io, path,
                    u"writing failed (%1); free space of %2"_s.arg(file.errorString(),
                                                                   QFileInfo(path).absolutePath()));
    }
    return true;
}
