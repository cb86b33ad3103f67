// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/snapshotexport.h"

#include <memory>
#include <string>

#include <QFileInfo>
#include <QSaveFile>

#include "backend/coreworker.h"

bool SnapshotExport::writeJson(CoreWorker &worker, const QString &path, int timeoutMs, QString *error)
{
    // Shared with the core thread: a call that times out may still run later.
    auto json = std::make_shared<std::string>();
    if (!worker.call([json](CoreContext &ctx) { *json = ctx.engine.listJson(true); }, timeoutMs))
    {
        *error = tr("calldeck: --export %1: the dialog core did not answer within %2 s; nothing was "
                    "written. Retry, or export from a less loaded moment.")
                     .arg(path)
                     .arg(timeoutMs / 1000);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
    {
        *error = tr("calldeck: --export %1: cannot write there (%2); check that the directory %3 exists "
                    "and is writable.")
                     .arg(path, file.errorString(), QFileInfo(path).absolutePath());
        return false;
    }
    file.write(json->data(), qint64(json->size()));
    file.write("\n", 1);
    if (!file.commit())
    {
        *error = tr("calldeck: --export %1: writing failed (%2); check the free space of %3.")
                     .arg(path, file.errorString(), QFileInfo(path).absolutePath());
        return false;
    }
    return true;
}
