// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QObject>
#include <QString>

#include "backend/storeurl.h"

struct DialogListPayload;
class QSqlDatabase;

/// @brief The reading half of a ProxyDbFeed: lives on the feed's worker thread and owns the QtSql
/// connection to the proxy's database there (made with StoreUrl::open(), read-only).
///
/// Each read() opens the connection when needed, verifies Kamailio's tables with
/// DialogStoreSchema::verify() and reads `dialog` + `dialog_vars` with DialogTableReader in one
/// read transaction (a consistent picture even while Kamailio writes). Nothing is ever created or
/// changed. An SQLite file is closed again after each read, so a file that is replaced, removed
/// or fixed is seen as it is at the next read; a PostgreSQL connection stays open until it fails.
class ProxyDbReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyDbReader)

public:
    struct Result
    {
        std::shared_ptr<DialogListPayload> listing; ///< set when the read succeeded
        QString error;                              ///< English, says what to do; set on failure
        QString journalMode; ///< SQLite's journal mode ("wal", "delete"…); empty for PostgreSQL
        qint64 readMs = 0;   ///< the whole read: open, verify, SELECTs
    };

    explicit ProxyDbReader(const StoreUrl &url, QObject *parent = nullptr);
    ~ProxyDbReader() override;

    /// @brief One complete read. Call it on the thread the reader lives on.
    Result read();
    /// @brief Closes the connection (on the reader's thread).
    void close();

private:
    bool readOpen(QSqlDatabase &db, Result &result);
    QString explain(const QString &what, const QString &detail, const QString &nativeCode) const;

    StoreUrl m_url;
    QString m_connection;
    bool m_open = false;
};
