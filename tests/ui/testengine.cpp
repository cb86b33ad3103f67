// SPDX-License-Identifier: GPL-3.0-or-later
#include "testengine.h"

#include "backend/mirrorsettings.h"

namespace
{
/// The console's core options (MirrorSettings: match mode, timers), as Application sets them.
CoreWorker::Options consoleOptions()
{
    CoreWorker::Options options;
    MirrorSettings().coreOptions(options, nullptr);
    options.clock = CoreWorker::Clock::Live;
    return options;
}
} // namespace

TestEngine::TestEngine()
    : worker(consoleOptions(), queue, sources)
    , control(worker, nullptr)
{
    worker.setDeltasEnabled(true);
    worker.start();
}

TestEngine::~TestEngine()
{
    worker.stop();
}

MainWindow::Services TestEngine::services()
{
    return {&worker, &sources, &queue, &control};
}
