// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/auditlogmodel.h"

#include <string>
#include <vector>

#include <QColor>
#include <QDateTime>
#include <QJsonDocument>
#include <QStringList>

#include "backend/core/csvwriter.h"

using namespace Qt::StringLiterals;

namespace
{
QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}
} // namespace

AuditLogModel::AuditLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AuditLogModel::setEntries(const QList<QJsonObject> &entries)
{
    beginResetModel(); // once, when the view opens: not a live tick
    m_entries.clear();
    m_entries.reserve(entries.size());
    for (auto it = entries.crbegin(); it != entries.crend(); ++it)
    {
        m_entries.append(*it);
    }
    endResetModel();
}

void AuditLogModel::prepend(const QJsonObject &entry)
{
    beginInsertRows({}, 0, 0);
    m_entries.prepend(entry);
    endInsertRows();
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditLogModel::text(const QJsonObject &entry, const int column)
{
    const QJsonObject result = entry.value(u"result"_s).toObject();
    const QJsonObject dialog = entry.value(u"dialog"_s).toObject();
    switch (column)
    {
    case TimeColumn:
    {
        const QDateTime t = QDateTime::fromString(entry.value(u"time"_s).toString(), Qt::ISODateWithMs);
        return t.isValid() ? t.toUTC().toString(u"yyyy-MM-dd HH:mm:ss.zzz 'UTC'"_s)
                           : entry.value(u"time"_s).toString();
    }
    case UserColumn:
        return entry.value(u"user"_s).toString();
    case RequestedByColumn:
        return entry.value(u"requestedBy"_s).toString();
    case ActionColumn:
        return entry.value(u"action"_s).toString();
    case CallIdColumn:
        return dialog.value(u"callId"_s).toString();
    case ParametersColumn:
        return compact(entry.value(u"request"_s).toObject().value(u"params"_s).toObject());
    case PathColumn:
        return entry.value(u"path"_s).toString();
    case ResultColumn:
        return result.value(u"ok"_s).toBool() ? tr("ok")
                                              : tr("failed (%1)").arg(result.value(u"code"_s).toInt());
    case MessageColumn:
        return result.value(u"message"_s).toString();
    default:
        return {};
    }
}

QVariant AuditLogModel::data(const QModelIndex &index, const int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
    {
        return {};
    }
    const QJsonObject &entry = m_entries.at(index.row());
    switch (role)
    {
    case Qt::DisplayRole:
        return text(entry, index.column());
    case Qt::ToolTipRole:
        if (index.column() == CallIdColumn)
        {
            const QJsonObject d = entry.value(u"dialog"_s).toObject();
            return tr("Call-ID %1\nFrom tag %2\nTo tag %3\nkey %4")
                .arg(d.value(u"callId"_s).toString(), d.value(u"fromTag"_s).toString(),
                     d.value(u"toTag"_s).toString(), d.value(u"key"_s).toString());
        }
        return text(entry, index.column());
    case Qt::ForegroundRole:
        if (index.column() == ResultColumn && !entry.value(u"result"_s).toObject().value(u"ok"_s).toBool())
        {
            return QColor(0xb0, 0x00, 0x20);
        }
        return {};
    case EntryRole:
        return entry;
    default:
        return {};
    }
}

QVariant AuditLogModel::headerData(const int section, const Qt::Orientation orientation, const int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    {
        return {};
    }
    switch (section)
    {
    case TimeColumn:
        return tr("Time (UTC)");
    case UserColumn:
        return tr("User");
    case RequestedByColumn:
        return tr("Requested by");
    case ActionColumn:
        return tr("Action");
    case CallIdColumn:
        return tr("Call-ID");
    case ParametersColumn:
        return tr("Parameters");
    case PathColumn:
        return tr("Path");
    case ResultColumn:
        return tr("Result");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

QByteArray AuditLogModel::toCsv(const QList<QJsonObject> &entries)
{
    // The same writer as the table's export: RFC 4180, UTF-8 with a BOM, formula guard (a Call-ID
    // or a proxy's message is text from the wire). Column names are a file format: not translated.
    calldeck::core::CsvWriter csv;
    csv.addRow({"time", "user", "requested_by", "action", "call_id", "from_tag", "to_tag", "key", "params",
                "path", "ok", "code", "message"});
    for (const QJsonObject &e : entries)
    {
        const QJsonObject d = e.value(u"dialog"_s).toObject();
        const QJsonObject r = e.value(u"result"_s).toObject();
        const QStringList fields{e.value(u"time"_s).toString(),
                                 e.value(u"user"_s).toString(),
                                 e.value(u"requestedBy"_s).toString(),
                                 e.value(u"action"_s).toString(),
                                 d.value(u"callId"_s).toString(),
                                 d.value(u"fromTag"_s).toString(),
                                 d.value(u"toTag"_s).toString(),
                                 d.value(u"key"_s).toString(),
                                 text(e, ParametersColumn),
                                 e.value(u"path"_s).toString(),
                                 r.value(u"ok"_s).toBool() ? u"true"_s : u"false"_s,
                                 QString::number(r.value(u"code"_s).toInt()),
                                 r.value(u"message"_s).toString()};
        std::vector<std::string> row;
        row.reserve(std::size_t(fields.size()));
        for (const QString &f : fields)
        {
            row.push_back(f.toStdString());
        }
        csv.addRow(row);
    }
    const std::string out = csv.take();
    return QByteArray(out.data(), qsizetype(out.size()));
}

QByteArray AuditLogModel::toJsonLines(const QList<QJsonObject> &entries)
{
    QByteArray out;
    for (const QJsonObject &e : entries)
    {
        out += QJsonDocument(e).toJson(QJsonDocument::Compact) + '\n';
    }
    return out;
}
