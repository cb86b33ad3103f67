// SPDX-License-Identifier: GPL-3.0-or-later
#include "integrationpaths.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace calldeck::integration
{

QString IntegrationPaths::rootDir()
{
    const QString fromEnv = qEnvironmentVariable("CALLDECK_INTEGRATION_DIR");
    return fromEnv.isEmpty() ? QString::fromUtf8(CALLDECK_INTEGRATION_DIR) : fromEnv;
}

QString IntegrationPaths::kamailioConfig()
{
    return rootDir() + u"/kamailio/calldeck-test.cfg"_s;
}

QString IntegrationPaths::kamailioHelper()
{
    const QString fromEnv = qEnvironmentVariable("CALLDECK_KAMAILIO_HELPER");
    return fromEnv.isEmpty() ? QString::fromUtf8(CALLDECK_KAMAILIO_HELPER) : fromEnv;
}

QString IntegrationPaths::scenario(const QString &fileName)
{
    if (fileName.contains(u'/'))
    {
        return fileName;
    }
    return rootDir() + u"/scenarios/"_s + fileName;
}

QString IntegrationPaths::kamailio(QString *error)
{
    return findProgram(u"CALLDECK_KAMAILIO"_s, u"kamailio"_s, u"kamailio kamailio-sqlite-modules"_s, error);
}

QString IntegrationPaths::sipp(QString *error)
{
    return findProgram(u"CALLDECK_SIPP"_s, u"sipp"_s, u"sip-tester"_s, error);
}

QString IntegrationPaths::findProgram(const QString &envName, const QString &name, const QString &package,
                                      QString *error)
{
    const QString fromEnv = qEnvironmentVariable(envName.toLatin1().constData());
    if (!fromEnv.isEmpty())
    {
        if (QFileInfo(fromEnv).isExecutable())
        {
            return fromEnv;
        }
        if (error)
        {
            *error = u"%1=%2 is not an executable file"_s.arg(envName, fromEnv);
        }
        return {};
    }
    QString found = QStandardPaths::findExecutable(name);
    if (found.isEmpty())
    {
        found = QStandardPaths::findExecutable(name, {u"/usr/sbin"_s, u"/usr/local/sbin"_s, u"/usr/bin"_s});
    }
    if (found.isEmpty() && error)
    {
        *error = u"%1 not found in PATH, /usr/sbin or /usr/local/sbin; install the Debian package(s) %2 "
                 "(scripts/setup installs them) or point %3 at the binary"_s.arg(name, package, envName);
    }
    return found;
}

} // namespace calldeck::integration
