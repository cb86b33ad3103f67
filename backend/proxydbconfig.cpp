// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/proxydbconfig.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

std::optional<ProxyDbConfig> ProxyDbConfig::parse(const QString &spec, QString *error)
{
    const qsizetype hash = spec.indexOf(u'#');
    const QString text = hash < 0 ? spec : spec.left(hash);
    const QString name = hash < 0 ? QString() : spec.mid(hash + 1).trimmed();
    const QString forms =
        u"write sqlite:///path/to/kamailio.sqlite or postgresql://user:pw@host:5432/kamailio, "
        "optionally followed by #name"_s;
    if (hash >= 0 && name.isEmpty())
    {
        *error = u"'%1' ends with '#' but gives no name; %2."_s.arg(spec, forms);
        return std::nullopt;
    }
    QString problem;
    const std::optional<StoreUrl> url = StoreUrl::parse(text, &problem);
    if (!url)
    {
        *error = u"'%1' is not a dialog database URL; %2."_s.arg(text, forms);
        return std::nullopt;
    }
    ProxyDbConfig out;
    out.url = *url;
    out.name = !name.isEmpty() ? name
               : url->kind == StoreUrl::Kind::Sqlite
                   ? QFileInfo(url->path).fileName()
                   : u"%1:%2/%3"_s.arg(url->host, QString::number(url->port), url->database);
    return out;
}
