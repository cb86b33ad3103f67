// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QString>

#include "backend/proxydbfeed.h"
#include "backend/storeurl.h"

/// @brief One proxy read from its dialog database: `--proxy-db URL[#name]`.
struct ProxyDbConfig
{
    QString name; ///< shown in the origin column; the file name or host:port/dbname unless set
    StoreUrl url;
    ProxyDbFeed::Options options;

    /// @brief Parses `sqlite:///path/file[#name]` or `postgresql://user:pw@host:port/db[#name]`;
    /// nullopt with an English message that shows the forms to use.
    static std::optional<ProxyDbConfig> parse(const QString &spec, QString *error);
};
