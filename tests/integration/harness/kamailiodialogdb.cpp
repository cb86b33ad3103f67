// SPDX-License-Identifier: GPL-3.0-or-later
#include "kamailiodialogdb.h"

#include <algorithm>
#include <cstdlib>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

#include "backend/core/dialogjson.h"
#include "backend/core/jsonwriter.h"

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

namespace
{

/// A QtSql connection of its own on a SQLite file, removed when it goes away.
class Connection final
{
    Q_DISABLE_COPY_MOVE(Connection)

public:
    explicit Connection(const QString &path)
        : m_name(u"kamailiodialogdb-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~Connection() { QSqlDatabase::removeDatabase(m_name); }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

QJsonArray sorted(const QJsonArray &array)
{
    QStringList texts;
    for (const QJsonValue &v : array)
    {
        texts << QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
    }
    texts.sort();
    QJsonArray out;
    for (const QString &text : std::as_const(texts))
    {
        out.append(QJsonDocument::fromJson(text.toUtf8()).array().first());
    }
    return out;
}

QString text(const QJsonValue &v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

} // namespace

QString KamailioDialogDb::timeoutRoute()
{
    return u"DIALOG_DB_TIMEOUT"_s;
}

QStringList KamailioDialogDb::defines(const QString &path)
{
    return {u"WITH_DIALOG_DB"_s, u"DIALOG_DB_URL=\"sqlite:///%1\""_s.arg(QDir::cleanPath(path))};
}

QString KamailioDialogDb::sqlDirectory()
{
    const QString dir = qEnvironmentVariable("CALLDECK_KAMAILIO_SQL_DIR");
    return dir.isEmpty() ? u"/usr/share/kamailio/db_sqlite"_s : dir;
}

bool KamailioDialogDb::createWithKamailioSql(const QString &path, QString *error)
{
    QFile::remove(path);
    const Connection connection(path);
    QSqlDatabase db = connection.db();
    if (!db.isOpen())
    {
        *error = u"cannot create the SQLite file %1: %2"_s.arg(path, db.lastError().text());
        return false;
    }
    for (const QString &name : {u"standard-create.sql"_s, u"dialog-create.sql"_s})
    {
        QFile file(sqlDirectory() + u'/' + name);
        if (!file.open(QIODevice::ReadOnly))
        {
            *error = u"cannot read Kamailio's %1: %2; install kamailio-sqlite-modules (scripts/setup)"_s.arg(
                file.fileName(), file.errorString());
            return false;
        }
        const QStringList statements = QString::fromUtf8(file.readAll()).split(u';', Qt::SkipEmptyParts);
        for (const QString &statement : statements)
        {
            if (statement.trimmed().isEmpty())
            {
                continue;
            }
            QSqlQuery query(db);
            if (!query.exec(statement))
            {
                *error = u"%1 failed on %2: %3"_s.arg(file.fileName(), statement.trimmed().left(60),
                                                      query.lastError().text());
                return false;
            }
        }
    }
    return true;
}

QJsonArray KamailioDialogDb::rows(const QString &path, const QString &table, QString *error)
{
    const Connection connection(path);
    QSqlQuery query(connection.db());
    if (!query.exec(u"SELECT * FROM %1 ORDER BY id"_s.arg(table)))
    {
        *error = u"cannot read %1 from %2: %3"_s.arg(table, path, query.lastError().text());
        return {};
    }
    QJsonArray out;
    while (query.next())
    {
        QJsonObject row;
        const QSqlRecord record = query.record();
        for (int i = 0; i < record.count(); ++i)
        {
            row.insert(record.fieldName(i),
                       query.isNull(i) ? QJsonValue() : QJsonValue::fromVariant(query.value(i)));
        }
        out.append(row);
    }
    return out;
}

QJsonObject KamailioDialogDb::toJson(const calldeck::core::DialogSnapshot &dialog)
{
    std::string out;
    calldeck::core::JsonWriter w(out);
    calldeck::core::writeDialogJson(w, dialog);
    return QJsonDocument::fromJson(QByteArray::fromStdString(out)).object();
}

QJsonObject KamailioDialogDb::storedFields(const QJsonObject &dialog)
{
    QJsonObject out;
    for (const QString &key :
         {u"h_entry"_s, u"h_id"_s, u"call-id"_s, u"from_uri"_s, u"to_uri"_s, u"state"_s, u"start_ts"_s,
          u"timeout"_s, u"sflags"_s, u"iflags"_s, u"caller"_s, u"callee"_s})
    {
        out.insert(key, dialog.value(key));
    }
    out.insert(u"profiles"_s, sorted(dialog.value(u"profiles"_s).toArray()));
    out.insert(u"variables"_s, sorted(dialog.value(u"variables"_s).toArray()));
    return out;
}

QString KamailioDialogDb::differences(const QJsonObject &expected, const QJsonObject &actual,
                                      const QStringList &ignored)
{
    const QJsonObject a = storedFields(expected);
    const QJsonObject b = storedFields(actual);
    QStringList lines;
    for (auto it = a.begin(); it != a.end(); ++it)
    {
        const QJsonValue other = b.value(it.key());
        if (ignored.contains(it.key()))
        {
            continue;
        }
        if (it.key() == u"timeout"_s && std::abs(it->toInteger() - other.toInteger()) <= 1)
        {
            continue;
        }
        if (it.value() != other)
        {
            lines << u"%1: expected %2, got %3"_s.arg(it.key(), text(it.value()), text(other));
        }
    }
    return lines.join(u"\n  "_s);
}

QString KamailioDialogDb::compareLists(const QJsonArray &expected, const QJsonArray &actual,
                                       const QStringList &ignored)
{
    QStringList lines;
    for (const QJsonValue &v : expected)
    {
        const QString callId = v.toObject().value(u"call-id"_s).toString();
        const QJsonObject other = find(actual, callId);
        const QString diff = other.isEmpty() ? u"missing"_s : differences(v.toObject(), other, ignored);
        if (!diff.isEmpty())
        {
            lines << callId + u": "_s + diff;
        }
    }
    if (actual.size() != expected.size())
    {
        lines << u"%1 dialogs instead of %2"_s.arg(actual.size()).arg(expected.size());
    }
    return lines.join(u'\n');
}

QJsonObject KamailioDialogDb::find(const QJsonArray &list, const QString &callId)
{
    for (const QJsonValue &v : list)
    {
        if (v.toObject().value(u"call-id"_s).toString() == callId)
        {
            return v.toObject();
        }
    }
    return {};
}

} // namespace calldeck::integration
