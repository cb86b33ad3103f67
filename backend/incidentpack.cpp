// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/incidentpack.h"

#include <set>

#include <zlib.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "backend/core/tarwriter.h"

using namespace Qt::StringLiterals;

QByteArray IncidentPack::manifestJson(const std::vector<std::pair<QString, QByteArray>> &files,
                                      const Manifest &manifest, const qint64 createdSecs)
{
    QJsonArray list;
    for (const auto &[name, data] : files)
    {
        list.append(QJsonObject{
            {u"name"_s, name},
            {u"size"_s, data.size()},
            {u"sha256"_s,
             QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex())},
        });
    }
    const QJsonObject root{
        {u"format"_s, u"calldeck-incident-pack/1"_s},
        {u"created"_s, QDateTime::fromSecsSinceEpoch(createdSecs, Qt::UTC).toString(Qt::ISODate)},
        {u"calldeck_version"_s, manifest.version},
        {u"what"_s, manifest.description},
        {u"masked"_s, manifest.masked},
        {u"dialogs"_s, manifest.dialogs},
        {u"messages"_s, manifest.messages},
        {u"files"_s, list},
        {u"notes"_s, QJsonArray::fromStringList(manifest.notes)},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray IncidentPack::build(const std::vector<std::pair<QString, QByteArray>> &files,
                               const Manifest &manifest, const bool gzip, QString *error)
{
    const qint64 created =
        manifest.createdSecs > 0 ? manifest.createdSecs : QDateTime::currentSecsSinceEpoch();
    std::set<QString> names{u"manifest.json"_s};
    calldeck::core::TarWriter tar;
    const QByteArray manifestText = manifestJson(files, manifest, created);
    tar.add("manifest.json", std::string_view(manifestText.constData(), std::size_t(manifestText.size())),
            created);
    for (const auto &[name, data] : files)
    {
        const QByteArray utf8 = name.toUtf8();
        if (!names.insert(name).second ||
            !tar.add(std::string_view(utf8.constData(), std::size_t(utf8.size())),
                     std::string_view(data.constData(), std::size_t(data.size())), created))
        {
            *error = u"the pack cannot hold a file named '%1' (given twice, empty, absolute, with '..' or "
                     "longer than 100 characters); rename it"_s.arg(name);
            return {};
        }
    }
    tar.finish();
    const std::string bytes = tar.take();
    QByteArray out(bytes.data(), qsizetype(bytes.size()));
    if (!gzip)
    {
        return out;
    }
    out = IncidentPack::gzip(out);
    if (out.isEmpty())
    {
        *error = u"compressing the pack failed (zlib); write a .tar instead"_s;
    }
    return out;
}

QByteArray IncidentPack::gzip(const QByteArray &data)
{
    z_stream zs{};
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
        return {};
    }
    QByteArray out;
    out.resize(qsizetype(deflateBound(&zs, uLong(data.size()))) + 32);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const qsizetype produced = qsizetype(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
    {
        return {};
    }
    out.resize(produced);
    return out;
}
