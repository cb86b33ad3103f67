// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/rpcserver.h"

#include <QTcpServer>
#include <QThread>

#include "backend/logging.h"
#include "backend/rpchttpserver.h"

using namespace Qt::StringLiterals;

RpcServer::RpcServer(CoreWorker &worker, Options options, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_options(std::move(options))
{}

RpcServer::~RpcServer()
{
    stop();
}

bool RpcServer::start(QString *error)
{
    if (m_thread)
    {
        return true;
    }
    const QString where = u"%1:%2"_s.arg(m_options.address.toString()).arg(m_options.port);
    if (!m_options.address.isLoopback() && m_options.token.isEmpty())
    {
        if (error)
        {
            *error = u"refusing to serve JSON-RPC on %1 without a token: anyone who reaches that address "
                     u"could read every call. Add --rpc-token TOKEN (clients then send 'Authorization: "
                     u"Bearer TOKEN') or serve on 127.0.0.1."_s.arg(where);
        }
        return false;
    }

    DialogRpc::Options rpc;
    rpc.pretty = m_options.pretty;
    rpc.callTimeoutMs = m_options.callTimeoutMs;
    rpc.version = m_options.version;
    rpc.control = m_options.control;

    m_thread = new QThread;
    m_thread->setObjectName(u"calldeck-rpc"_s);
    m_server = new RpcHttpServer(m_worker, rpc, m_options.token);
    m_server->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    m_thread->start();

    // The listening socket must be created on the server's thread (its parent lives there).
    QString listenError;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_server,
        [this, &listenError, &port] {
            auto *tcp = new QTcpServer;
            if (!tcp->listen(m_options.address, m_options.port))
            {
                listenError = tcp->errorString();
                delete tcp;
                return;
            }
            port = tcp->serverPort();
            m_server->bind(tcp);
        },
        Qt::BlockingQueuedConnection);
    if (port == 0)
    {
        if (error)
        {
            *error = u"cannot serve JSON-RPC on %1: %2. Pick a free port or a local address with "
                     u"--serve-rpc ADDR:PORT."_s.arg(where, listenError);
        }
        stop();
        return false;
    }
    m_port = port;
    qCDebug(lcRpc) << "serving JSON-RPC at" << url();
    return true;
}

void RpcServer::stop()
{
    if (!m_thread)
    {
        return;
    }
    // The server and its sockets go with the thread's last deferred deletions.
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_server = nullptr;
    m_port = 0;
}

bool RpcServer::running() const
{
    return m_port != 0;
}

quint16 RpcServer::port() const
{
    return m_port;
}

QString RpcServer::url() const
{
    QString host = m_options.address.toString();
    if (m_options.address.protocol() == QAbstractSocket::IPv6Protocol)
    {
        host = u'[' + host + u']';
    }
    return u"http://%1:%2/RPC"_s.arg(host).arg(m_port);
}
