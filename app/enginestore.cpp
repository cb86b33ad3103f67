// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: the dialog store (issue #9) — which store, which mode, opened before the core starts.
#include "app/engine.h"

#include <QSettings>

#include "app/applogging.h"
#include "app/commandlineoptions.h"
#include "backend/dialogpersistence.h"
#include "backend/dialogrestorequeue.h"
#include "backend/dialogstorewriter.h"
#include "backend/eventlog.h"
#include "backend/settingvalue.h"

using namespace Qt::StringLiterals;

bool Engine::openDialogStore(const CommandLineOptions &options, QString *error)
{
    if (m_storeWriter || m_worker)
    {
        *error = u"The dialog store is opened once, before the core starts."_s;
        return false;
    }
    int mode = options.dbMode();
    if (mode < 0)
    {
        const QVariant stored = QSettings().value(u"Store/DbMode"_s);
        mode = stored.isValid() ? std::clamp(stored.toInt(), 0, 3) : (options.dbUrl().isEmpty() ? 0 : 1);
    }
    if (mode == 0)
    {
        return true;
    }
    const StoreUrl url = options.storeUrl();
    auto writer = std::make_unique<DialogStoreWriter>(url, static_cast<DialogStoreWriter::Mode>(mode), m_log);
    DialogStoreWriter::Loaded loaded;
    auto stream = std::make_shared<DialogRestoreQueue>(); // read while the core restores
    if (!writer->startStreaming(&loaded, stream, error))
    {
        return false;
    }
    const CachedSettingValue<int> period(u"Store/UpdatePeriod"_s, 60,
                                         CachedSettingValue<int>::clamp(1, 3600));
    DialogPersistence::Options po;
    po.mode = writer->mode();
    po.updatePeriodMs = period.get() * 1000;
    qCInfo(lcApp).noquote() << "dialog store" << url.display() << "db_mode" << mode;
    m_persistence = std::make_shared<DialogPersistence>(*writer, po, std::move(loaded), std::move(stream));
    m_storeWriter = std::move(writer);
    return true;
}

void Engine::stopDialogStore()
{
    if (m_storeWriter)
    {
        m_storeWriter->stop(10000);
    }
}
