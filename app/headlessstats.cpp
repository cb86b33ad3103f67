// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/headlessstats.h"

#include "backend/dialogstorewriter.h"

#include <string>

#include "backend/core/jsonwriter.h"

namespace
{

/// Builds one compact JSON object with its keys in the order they are added (QJsonObject would
/// sort them) and doubles with a fixed number of decimals.
class OrderedObject
{
public:
    OrderedObject &number(const char *key, quint64 value) { return raw(key, QByteArray::number(value)); }
    OrderedObject &number(const char *key, qint64 value) { return raw(key, QByteArray::number(value)); }
    OrderedObject &decimal(const char *key, double value, int decimals)
    {
        return raw(key, QByteArray::number(value, 'f', decimals));
    }
    OrderedObject &text(const char *key, const QString &value)
    {
        std::string escaped;
        calldeck::core::JsonWriter::escape(escaped, value.toStdString());
        return raw(key, '"' + QByteArray::fromStdString(escaped) + '"');
    }
    OrderedObject &raw(const char *key, const QByteArray &json)
    {
        m_text += (m_text.isEmpty() ? "{\"" : ",\"") + QByteArray(key) + "\":" + json;
        return *this;
    }
    QByteArray done() const { return m_text.isEmpty() ? QByteArrayLiteral("{}") : m_text + '}'; }

private:
    QByteArray m_text;
};

} // namespace

QByteArray HeadlessStats::line(const CoreStats &core, const calldeck::core::DialogStats &dialog,
                               std::size_t dialogs, const QList<SourceHealth> &sources, double elapsedSeconds,
                               const DialogStoreWriter *store)
{
    QByteArray feeds = "[";
    for (const SourceHealth &s : sources)
    {
        if (feeds.size() > 1)
        {
            feeds += ',';
        }
        OrderedObject o;
        o.text("kind", s.kind)
            .text("label", s.label)
            .raw("state", '"' + QByteArray(SourceHealth::stateName(s.state)) + '"');
        o.number("packets", s.packets)
            .number("bytes", s.bytes)
            .number("queue_drops", s.queueDrops)
            .number("kernel_drops", s.kernelDrops);
        o.number("malformed", s.malformed)
            .number("auth_failures", s.authFailures)
            .number("not_sip", s.notSip);
        feeds += o.done();
    }
    feeds += ']';

    const double elapsed = elapsedSeconds > 0 ? elapsedSeconds : 0;
    OrderedObject o;
    o.number("messages", core.packets).number("sip_messages", core.sipMessages);
    o.number("dropped", core.dropped).number("queue_drops", core.queueDrops);
    o.number("dialogs", quint64(dialogs));
    o.number("processed", quint64(dialog.processedDialogs)).number("active", qint64(dialog.activeDialogs));
    o.number("early", qint64(dialog.earlyDialogs)).number("failed", quint64(dialog.failedDialogs));
    o.number("expired", quint64(dialog.expiredDialogs));
    o.decimal("elapsed_s", elapsed, 3);
    o.decimal("msgs_per_s", elapsed > 0 ? double(core.packets) / elapsed : 0.0, 1);
    o.raw("sources", feeds);
    if (store)
    {
        const DialogStoreWriter::Stats st = store->stats();
        OrderedObject so;
        so.text("url", store->url().display()).number("db_mode", qint64(store->mode()));
        so.number("transactions", st.transactions)
            .number("upserts", st.upserts)
            .number("deletes", st.deletes);
        so.number("failures", st.failures)
            .number("refused", st.refused)
            .number("backlog", quint64(st.backlog));
        so.text("last_error", st.lastError);
        o.raw("store", so.done());
    }
    return o.done();
}
