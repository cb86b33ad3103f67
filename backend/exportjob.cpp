// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/exportjob.h"

#include <algorithm>
#include <memory>

#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>

#include "backend/core/capturebuilder.h"
#include "backend/core/csvwriter.h"
#include "backend/core/dialogcsv.h"
#include "backend/core/dialogjson.h"
#include "backend/core/numbermasker.h"
#include "backend/coreworker.h"
#include "backend/incidentpack.h"

using namespace Qt::StringLiterals;
using calldeck::core::NumberMasker;

ExportJob::ExportJob(CoreWorker *worker, ExportRequest request, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_request(std::move(request))
    , m_salt(QRandomGenerator::global()->generate64())
{
    qRegisterMetaType<ExportResult>();
}

ExportJob::~ExportJob() = default;

void ExportJob::execute()
{
    const ExportResult result = run();
    emit finished(result);
}

void ExportJob::report(int perMille)
{
    perMille = std::clamp(perMille, 0, 1000);
    if (perMille != m_lastReported)
    {
        m_lastReported = perMille;
        emit progress(perMille);
    }
}

ExportResult ExportJob::run()
{
    ExportResult result;
    const auto cancelled = [&result] {
        result.status = ExportResult::Status::Cancelled;
        result.detail = u"the export was cancelled; nothing was written"_s;
        return result;
    };
    report(0);
    const bool needsCore = m_request.wholeCore || m_request.kind == ExportRequest::Kind::Pcap ||
                           m_request.kind == ExportRequest::Kind::Pack;
    if (needsCore && !m_worker)
    {
        result.status = ExportResult::Status::Invalid;
        result.detail = u"the dialog core is not running; start CallDeck's feeds and retry"_s;
        return result;
    }
    if (m_request.wholeCore && !gatherFromCore(result))
    {
        return m_cancel ? cancelled() : result;
    }
    QByteArray bytes;
    switch (m_request.kind)
    {
    case ExportRequest::Kind::Csv:
        bytes = csvText();
        result.dialogs = int(m_request.wholeCore ? m_request.dialogs.size() : m_request.csvRows.size());
        break;
    case ExportRequest::Kind::Json:
        bytes = jsonText();
        result.dialogs = int(m_request.dialogs.size());
        break;
    case ExportRequest::Kind::Pcap:
        if (!collectMessages(m_request.messageKeys, 10, 800, result))
        {
            return m_cancel ? cancelled() : result;
        }
        bytes = pcapBytes(result);
        result.dialogs = int(m_request.messageKeys.size());
        break;
    case ExportRequest::Kind::Pack:
    {
        if (!collectMessages(m_request.messageKeys, 10, 700, result))
        {
            return m_cancel ? cancelled() : result;
        }
        std::vector<std::pair<QString, QByteArray>> files;
        files.emplace_back(u"table.csv"_s, csvText());
        files.emplace_back(u"dialogs.json"_s, jsonText());
        files.emplace_back(u"messages.pcap"_s, pcapBytes(result));
        const NumberMasker masker(m_salt);
        for (auto [name, data] : m_request.extraFiles)
        {
            const QString suffix = QFileInfo(name).suffix().toLower();
            if (m_request.mask && (suffix == u"csv"_s || suffix == u"txt"_s || suffix == u"json"_s))
            {
                const std::string text =
                    masker.maskText(std::string_view(data.constData(), std::size_t(data.size())));
                data = QByteArray(text.data(), qsizetype(text.size()));
            }
            files.emplace_back(name, data);
        }
        result.dialogs = int(m_request.dialogs.size());
        IncidentPack::Manifest manifest;
        manifest.version = m_request.version;
        manifest.description = m_request.description;
        manifest.masked = m_request.mask;
        manifest.dialogs = result.dialogs;
        manifest.messages = result.messages;
        manifest.notes = m_request.notes;
        if (result.skippedMessages > 0)
        {
            manifest.notes.append(
                u"%1 message(s) larger than one UDP datagram are not in messages.pcap"_s.arg(
                    result.skippedMessages));
        }
        QString error;
        bytes = IncidentPack::build(files, manifest, m_request.gzip, &error);
        if (bytes.isEmpty())
        {
            result.status = ExportResult::Status::Invalid;
            result.detail = error;
            return result;
        }
        break;
    }
    }
    report(850);
    if (m_cancel)
    {
        return cancelled();
    }
    if (!writeFile(bytes, result))
    {
        return m_cancel ? cancelled() : result;
    }
    report(1000);
    return result;
}

bool ExportJob::gatherFromCore(ExportResult &result)
{
    struct Gathered
    {
        std::vector<calldeck::core::DialogSnapshot> dialogs;
        std::vector<quint64> keys;
    };
    auto gathered = std::make_shared<Gathered>(); // shared: a timed-out call may still run later
    if (!m_worker->call(
            [gathered](CoreContext &ctx) {
                for (const calldeck::core::DialogHandle h : ctx.engine.list())
                {
                    gathered->dialogs.push_back(ctx.engine.snapshot(h));
                }
                const std::vector<std::uint64_t> keys = ctx.history.dialogKeys();
                gathered->keys.assign(keys.begin(), keys.end());
            },
            CoreTimeoutMs))
    {
        result.status = ExportResult::Status::CoreTimeout;
        result.detail = u"the dialog core did not answer within %1 s; nothing was written. Retry, or "
                        "export at a less loaded moment."_s.arg(CoreTimeoutMs / 1000);
        return false;
    }
    m_request.dialogs = std::move(gathered->dialogs);
    m_request.messageKeys = std::move(gathered->keys);
    report(10);
    return !m_cancel;
}

bool ExportJob::collectMessages(const std::vector<quint64> &keys, int fromPerMille, int toPerMille,
                                ExportResult &result)
{
    m_messages.clear();
    for (std::size_t first = 0; first < keys.size(); first += KeysPerCall)
    {
        if (m_cancel)
        {
            return false;
        }
        const std::size_t last = std::min(keys.size(), first + KeysPerCall);
        const std::vector<quint64> batch(keys.begin() + std::ptrdiff_t(first),
                                         keys.begin() + std::ptrdiff_t(last));
        auto out = std::make_shared<std::vector<Message>>();
        if (!m_worker->call(
                [out, batch](CoreContext &ctx) {
                    for (const quint64 key : batch)
                    {
                        for (const calldeck::core::StoredMessage &m : ctx.history.messages(key))
                        {
                            out->push_back({m.timeUs, m.transport, m.src, m.dst, std::string(m.bytes)});
                        }
                    }
                },
                CoreTimeoutMs))
        {
            result.status = ExportResult::Status::CoreTimeout;
            result.detail =
                u"the dialog core did not answer within %1 s while the messages were read; "
                "nothing was written. Retry, or export fewer dialogs."_s.arg(CoreTimeoutMs / 1000);
            return false;
        }
        std::move(out->begin(), out->end(), std::back_inserter(m_messages));
        report(fromPerMille + int((toPerMille - fromPerMille) * qint64(last) / qint64(keys.size())));
    }
    return !m_cancel;
}

QByteArray ExportJob::csvText() const
{
    const NumberMasker masker(m_salt);
    const auto mask = [&](const std::string &s) { return m_request.mask ? masker.maskText(s) : s; };
    std::string text;
    if (m_request.wholeCore)
    {
        std::vector<calldeck::core::DialogSnapshot> dialogs = m_request.dialogs;
        for (calldeck::core::DialogSnapshot &d : dialogs)
        {
            if (m_request.mask)
            {
                masker.maskDialog(d);
            }
        }
        text = calldeck::core::dialogListCsv(dialogs);
    }
    else
    {
        calldeck::core::CsvWriter csv;
        csv.addRow(m_request.csvHeader);
        std::vector<std::string> fields;
        for (const std::vector<std::string> &row : m_request.csvRows)
        {
            fields.clear();
            std::transform(row.begin(), row.end(), std::back_inserter(fields), mask);
            csv.addRow(fields);
        }
        text = csv.take();
    }
    return QByteArray(text.data(), qsizetype(text.size()));
}

QByteArray ExportJob::jsonText() const
{
    const NumberMasker masker(m_salt);
    std::string out;
    calldeck::core::JsonWriter w(out, true); // tab-indented like jsonrpcs and --export .json
    w.beginArray();
    for (const calldeck::core::DialogSnapshot &d : m_request.dialogs)
    {
        if (m_request.mask)
        {
            calldeck::core::DialogSnapshot masked = d;
            masker.maskDialog(masked);
            calldeck::core::writeDialogJson(w, masked);
        }
        else
        {
            calldeck::core::writeDialogJson(w, d);
        }
    }
    w.endArray();
    out += '\n';
    return QByteArray(out.data(), qsizetype(out.size()));
}

QByteArray ExportJob::pcapBytes(ExportResult &result)
{
    const NumberMasker masker(m_salt);
    return buildPcap(m_messages, m_request.mask ? &masker : nullptr, &result.messages,
                     &result.skippedMessages);
}

QByteArray ExportJob::buildPcap(std::vector<Message> &messages, const NumberMasker *masker, int *written,
                                int *skipped)
{
    std::stable_sort(messages.begin(), messages.end(),
                     [](const Message &a, const Message &b) { return a.timeUs < b.timeUs; });
    // A message stored under two dialogs (e.g. a spiral) is one packet on the wire.
    const auto same = [](const Message &a, const Message &b) {
        return a.timeUs == b.timeUs && a.src == b.src && a.dst == b.dst && a.transport == b.transport &&
               a.bytes == b.bytes;
    };
    messages.erase(std::unique(messages.begin(), messages.end(), same), messages.end());
    calldeck::core::CaptureBuilder pcap;
    for (const Message &m : messages)
    {
        pcap.add(m.timeUs, m.transport, m.src, m.dst, masker ? masker->maskSip(m.bytes) : m.bytes);
    }
    *written = int(messages.size() - pcap.skipped());
    *skipped = int(pcap.skipped());
    const std::string bytes = pcap.take();
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

bool ExportJob::writeFile(const QByteArray &bytes, ExportResult &result)
{
    QSaveFile file(m_request.path);
    const QString dir = QFileInfo(m_request.path).absolutePath();
    if (!file.open(QIODevice::WriteOnly))
    {
        result.status = ExportResult::Status::WriteFailed;
        result.detail = u"cannot write %1 (%2); check that the directory %3 exists and is writable, or "
                        "choose another place"_s.arg(m_request.path, file.errorString(), dir);
        return false;
    }
    for (qint64 offset = 0; offset < bytes.size(); offset += WriteChunk)
    {
        if (m_cancel)
        {
            file.cancelWriting();
            return false;
        }
        const qint64 n = std::min<qint64>(WriteChunk, bytes.size() - offset);
        if (file.write(bytes.constData() + offset, n) != n)
        {
            break; // commit() reports it
        }
        report(850 + int(150 * (offset + n) / std::max<qint64>(1, bytes.size())) - 1);
    }
    if (m_cancel)
    {
        file.cancelWriting();
        return false;
    }
    if (!file.commit())
    {
        result.status = ExportResult::Status::WriteFailed;
        result.detail = u"writing %1 failed (%2); check the free space of %3 and retry"_s.arg(
            m_request.path, file.errorString(), dir);
        return false;
    }
    result.bytes = bytes.size();
    return true;
}
