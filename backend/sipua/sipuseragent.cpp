// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sipua/sipuseragent.h"

#include <QThread>

#include "backend/logging.h"
#include "backend/sipua/sipuaworker.h"

using namespace Qt::StringLiterals;

SipUserAgent::SipUserAgent(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

SipUserAgent::~SipUserAgent()
{
    stop();
}

bool SipUserAgent::start(QString *error)
{
    QMutexLocker lifecycle(&m_lifecycle);
    QMutexLocker lock(&m_mutex);
    if (m_thread)
    {
        return true;
    }
    m_thread = new QThread;
    m_thread->setObjectName(u"calldeck-sip"_s);
    m_worker = new SipUaWorker(m_options);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Emitted on the UA's thread, as the header promises.
    connect(m_worker, &SipUaWorker::requestReceived, this, &SipUserAgent::requestReceived,
            Qt::DirectConnection);
    m_thread->start();

    // The sockets must be created on the worker's thread (their parent lives there).
    QString bindError;
    quint16 port = 0;
    QString address;
    QMetaObject::invokeMethod(
        m_worker,
        [this, &bindError, &port, &address] {
            port = m_worker->bind(&bindError);
            address = m_worker->boundAddress().toString();
        },
        Qt::BlockingQueuedConnection);
    if (port == 0)
    {
        if (error)
        {
            *error = bindError;
        }
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
        m_worker = nullptr;
        return false;
    }
    m_address = address;
    m_accepting = true;
    m_port = port;
    qCInfo(lcBackend).noquote() << "SIP user agent on" << m_address << "port" << port << "(UDP and TCP)";
    return true;
}

void SipUserAgent::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_thread && QThread::currentThread() == m_thread)
        {
            qCWarning(lcBackend)
                << "SipUserAgent::stop() called from the UA's own thread (a Done callback?); "
                   "ignored, call it from the owner's thread";
            return;
        }
    }
    QMutexLocker lifecycle(&m_lifecycle);
    QThread *thread = nullptr;
    SipUaWorker *worker = nullptr;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_thread)
        {
            return;
        }
        m_accepting = false; // sendRequest() no longer posts; earlier posts run before the shutdown
        thread = m_thread;
        worker = m_worker;
    }
    // Not under the mutex: Done callbacks run here and may call sendRequest().
    QMetaObject::invokeMethod(
        worker, [worker] { worker->shutdown(); }, Qt::BlockingQueuedConnection);
    thread->quit();
    thread->wait();
    QMutexLocker lock(&m_mutex);
    delete m_thread;
    m_thread = nullptr;
    m_worker = nullptr;
    m_port = 0;
}

bool SipUserAgent::running() const
{
    return m_port.load() != 0;
}

QString SipUserAgent::address() const
{
    QMutexLocker lock(&m_mutex);
    return m_thread ? m_address : m_options.address;
}

quint16 SipUserAgent::port() const
{
    return m_port.load();
}

void SipUserAgent::sendRequest(const QByteArray &message, const QString &nextHop, Done done)
{
    bool stopping = false;
    {
        QMutexLocker lock(&m_mutex);
        stopping = m_thread != nullptr;
        if (m_accepting)
        {
            SipUaWorker *worker = m_worker;
            QMetaObject::invokeMethod(
                worker,
                [worker, message, nextHop, done = std::move(done)] { worker->send(message, nextHop, done); },
                Qt::QueuedConnection);
            return;
        }
    }
    // Stopping, or not running: answered at once, on the caller's thread.
    Outcome outcome;
    outcome.error =
        stopping ? SipUaWorker::stoppedError()
                 : u"the SIP user agent is not running; start it with --sip ADDR:PORT before sending"_s;
    if (done)
    {
        done(outcome);
    }
}

bool SipUserAgent::post(std::function<void(SipUaWorker *)> job)
{
    QMutexLocker lock(&m_mutex);
    if (!m_accepting)
    {
        return false;
    }
    SipUaWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, job = std::move(job)] { job(worker); }, Qt::QueuedConnection);
    return true;
}

quint64 SipUserAgent::sendInvite(const QByteArray &message, const QString &nextHop, Done done)
{
    const quint64 handle = m_nextInvite.fetch_add(1);
    if (!post([handle, message, nextHop, done](SipUaWorker *w) {
            w->sendInvite(handle, message, nextHop, done);
        }))
    {
        Outcome outcome;
        outcome.error = running()
                            ? SipUaWorker::stoppedError()
                            : u"the SIP user agent is not running; start it with --sip ADDR:PORT before "
                              u"sending"_s;
        if (done)
        {
            done(outcome);
        }
    }
    return handle;
}

void SipUserAgent::sendAck(const quint64 invite, const QByteArray &message, const QString &nextHop)
{
    post([invite, message, nextHop](SipUaWorker *w) { w->sendAck(invite, message, nextHop); });
}

void SipUserAgent::cancel(const quint64 invite)
{
    post([invite](SipUaWorker *w) { w->cancel(invite); });
}
