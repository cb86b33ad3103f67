// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/rpcworker.h"

#include <cstdio>

#include <curl/curl.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include "backend/dialoglistdecoder.h"
#include "backend/logging.h"
#include "backend/rpcreplyparser.h"

using namespace Qt::StringLiterals;

namespace
{

/// Longest wait in curl_multi_poll(); libcurl's own timers and curl_multi_wakeup() end it sooner.
constexpr int PollMs = 1000;
/// Below this length a password could match ordinary words of a message, so it is not scrubbed
/// (it never reaches a message anyway: credentials go only into CURLOPT_USERNAME/PASSWORD).
constexpr qsizetype MinScrubbedLength = 4;

QString megabytes(const qint64 bytes)
{
    constexpr qint64 mebibyte = 1024 * 1024;
    if (bytes >= mebibyte)
    {
        return QString::number(static_cast<double>(bytes) / mebibyte, 'g', 4) + u" MB"_s;
    }
    return QString::number(bytes) + u" bytes"_s;
}

} // namespace

struct RpcWorker::Transfer
{
    QByteArray body;
    QString reason;
    qint64 limit = 0;
    bool tooLarge = false;
    CURLcode code = CURLE_OK;
    char errorText[CURL_ERROR_SIZE] = {};
};

RpcWorker::RpcWorker(const RpcEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_display(endpoint.toDisplayString())
{
    if (!setUp(&m_setUpError))
    {
        qCWarning(lcRpc) << "JSON-RPC client for" << m_display << "cannot start:" << m_setUpError;
    }
}

RpcWorker::~RpcWorker()
{
    if (m_multi)
    {
        curl_multi_cleanup(m_multi);
    }
    if (m_easy)
    {
        curl_easy_cleanup(m_easy);
    }
    curl_slist_free_all(m_headers);
}

bool RpcWorker::setUp(QString *error)
{
    m_easy = curl_easy_init();
    m_multi = curl_multi_init();
    if (!m_easy || !m_multi)
    {
        *error = u"libcurl could not create a handle"_s;
        return false;
    }
    for (const char *header : {"Content-Type: application/json", "Accept: application/json", "Expect:"})
    {
        m_headers = curl_slist_append(m_headers, header);
    }
    const QString version = QCoreApplication::applicationVersion();
    const QByteArray userAgent = (u"CallDeck"_s + (version.isEmpty() ? QString() : u'/' + version)).toUtf8();
    const QByteArray url = m_endpoint.requestUrl();

    CURL *easy = m_easy;
    CURLcode failed = CURLE_OK;
    const char *failedOption = nullptr;
    const auto set = [&](const char *name, CURLcode code) {
        if (code != CURLE_OK && failed == CURLE_OK)
        {
            failed = code;
            failedOption = name;
        }
    };
    set("URL", curl_easy_setopt(easy, CURLOPT_URL, url.constData()));
    set("PROTOCOLS_STR", curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https"));
    set("NOSIGNAL", curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L));
    set("TIMEOUT_MS", curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(m_endpoint.timeoutMs())));
    set("CONNECTTIMEOUT_MS",
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_endpoint.connectTimeoutMs())));
    // A proxy is reached directly, like QNetworkAccessManager does by default: http_proxy and
    // friends in the environment are ignored.
    set("PROXY", curl_easy_setopt(easy, CURLOPT_PROXY, ""));
    set("FOLLOWLOCATION", curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L));
    set("HTTP_VERSION",
        curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1)));
    set("TCP_KEEPALIVE", curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L));
    set("USERAGENT", curl_easy_setopt(easy, CURLOPT_USERAGENT, userAgent.constData()));
    set("HTTPHEADER", curl_easy_setopt(easy, CURLOPT_HTTPHEADER, m_headers));
    set("WRITEFUNCTION", curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &RpcWorker::onBody));
    set("HEADERFUNCTION", curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &RpcWorker::onHeader));
    if (m_endpoint.hasCredentials())
    {
        set("USERNAME", curl_easy_setopt(easy, CURLOPT_USERNAME, m_endpoint.user().toUtf8().constData()));
        set("PASSWORD", curl_easy_setopt(easy, CURLOPT_PASSWORD, m_endpoint.password().toUtf8().constData()));
        set("HTTPAUTH",
            curl_easy_setopt(easy, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC | CURLAUTH_DIGEST)));
    }
    if (m_endpoint.scheme() == RpcEndpoint::Scheme::Https)
    {
        const bool verify = m_endpoint.verifyTls();
        set("SSL_VERIFYPEER", curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L));
        set("SSL_VERIFYHOST", curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L));
        if (!m_endpoint.caFile().isEmpty())
        {
            set("CAINFO",
                curl_easy_setopt(easy, CURLOPT_CAINFO, QFile::encodeName(m_endpoint.caFile()).constData()));
        }
    }
    if (failed != CURLE_OK)
    {
        *error = u"libcurl refused option CURLOPT_%1: %2"_s.arg(
            QLatin1StringView(failedOption), QString::fromUtf8(curl_easy_strerror(failed)));
        return false;
    }
    return true;
}

void RpcWorker::execute(const Call &call)
{
    if (cancelled(call.generation))
    {
        return;
    }
    if (!m_setUpError.isEmpty())
    {
        emit completed(call.id, RpcOutcome::failure(RpcError::Kind::Transport, m_setUpError));
        return;
    }
    CURL *easy = m_easy;
    Transfer transfer;
    transfer.limit = m_maxReplyBytes.load();
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, call.body.constData());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.body.size()));
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(transfer.limit));
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.errorText);

    qCDebug(lcRpc) << "request" << call.id << call.method << "to" << m_display;
    QElapsedTimer timer;
    timer.start();
    const bool done = perform(transfer, call.generation);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, static_cast<char *>(nullptr));
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, static_cast<void *>(nullptr));
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, static_cast<void *>(nullptr));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, static_cast<char *>(nullptr));
    if (!done)
    {
        qCDebug(lcRpc) << "request" << call.id << "cancelled after" << timer.elapsed() << "ms";
        return;
    }

    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    long connects = 0;
    curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects);
    const qint64 transferMs = timer.elapsed();
    RpcOutcome outcome;
    if (transfer.code != CURLE_OK)
    {
        outcome = transportFailure(transfer);
    }
    else if (call.dialogList)
    {
        outcome = m_decoder.decode(call.id, static_cast<int>(status), transfer.reason, transfer.body,
                                   transferMs, call.pool);
    }
    else
    {
        outcome = RpcReplyParser::parse(call.id, static_cast<int>(status), transfer.reason, transfer.body);
    }
    if (!outcome.ok)
    {
        if (outcome.error.kind == RpcError::Kind::Http && status == 401)
        {
            outcome.error.message +=
                m_endpoint.hasCredentials()
                    ? u"; the proxy refused the credentials of user '%1'"_s.arg(m_endpoint.user())
                    : u"; the proxy wants credentials (http://user:password@host:port/path)"_s;
        }
        outcome.error.message = scrub(outcome.error.message);
        if (outcome.error.httpStatus == 0)
        {
            outcome.error.httpStatus = static_cast<int>(status);
        }
    }
    qCDebug(lcRpc).nospace() << "reply " << call.id << ": HTTP " << status << ", " << transfer.body.size()
                             << " bytes, " << timer.elapsed() << " ms, " << connects << " new connection(s), "
                             << (outcome.ok ? u"ok"_s : outcome.error.toString());
    emit completed(call.id, outcome);
}

bool RpcWorker::perform(Transfer &transfer, const quint64 generation)
{
    CURLM *multi = m_multi;
    CURL *easy = m_easy;
    if (const CURLMcode code = curl_multi_add_handle(multi, easy); code != CURLM_OK)
    {
        transfer.code = CURLE_FAILED_INIT;
        std::snprintf(transfer.errorText, sizeof transfer.errorText, "%s", curl_multi_strerror(code));
        return true;
    }
    bool finished = false;
    bool aborted = false;
    while (!finished && !aborted)
    {
        int running = 0;
        CURLMcode code = curl_multi_perform(multi, &running);
        int left = 0;
        while (const CURLMsg *message = curl_multi_info_read(multi, &left))
        {
            if (message->msg == CURLMSG_DONE && message->easy_handle == easy)
            {
                transfer.code = message->data.result;
                finished = true;
            }
        }
        if (!finished && code == CURLM_OK)
        {
            aborted = cancelled(generation);
            if (!aborted)
            {
                code = curl_multi_poll(multi, nullptr, 0, PollMs, nullptr);
                aborted = cancelled(generation);
            }
        }
        if (!finished && code != CURLM_OK)
        {
            transfer.code = CURLE_FAILED_INIT;
            std::snprintf(transfer.errorText, sizeof transfer.errorText, "%s", curl_multi_strerror(code));
            finished = true;
        }
    }
    // Removing a handle mid-transfer closes its connection; a finished one stays cached for reuse.
    curl_multi_remove_handle(multi, easy);
    return !aborted;
}

RpcOutcome RpcWorker::transportFailure(const Transfer &transfer) const
{
    QString message;
    if (transfer.tooLarge || transfer.code == CURLE_FILESIZE_EXCEEDED)
    {
        message = u"reply larger than %1 (the reply size limit)"_s.arg(megabytes(transfer.limit));
    }
    else if (transfer.code == CURLE_GOT_NOTHING)
    {
        message = u"connection closed without a reply (Kamailio does this for a request it cannot read "
                  "as JSON)"_s;
    }
    else
    {
        message = QString::fromUtf8(transfer.errorText);
        if (message.isEmpty())
        {
            message = QString::fromUtf8(curl_easy_strerror(transfer.code));
        }
    }
    return RpcOutcome::failure(RpcError::Kind::Transport, message);
}

QString RpcWorker::scrub(QString text) const
{
    const QString &password = m_endpoint.password();
    if (password.size() >= MinScrubbedLength)
    {
        text.replace(password, u"***"_s);
    }
    return text;
}

std::size_t RpcWorker::onBody(char *data, const std::size_t size, const std::size_t count, void *transfer)
{
    auto *t = static_cast<Transfer *>(transfer);
    const auto bytes = static_cast<qsizetype>(size * count);
    if (t->body.size() + bytes > t->limit)
    {
        t->tooLarge = true;
        return 0; // any other count than the one given makes libcurl stop with CURLE_WRITE_ERROR
    }
    t->body.append(data, bytes);
    return size * count;
}

std::size_t RpcWorker::onHeader(char *data, const std::size_t size, const std::size_t count, void *transfer)
{
    auto *t = static_cast<Transfer *>(transfer);
    const QByteArrayView line = QByteArrayView(data, static_cast<qsizetype>(size * count)).trimmed();
    if (line.startsWith("HTTP/"))
    {
        // A new response begins (after a 100 Continue or an authentication round): its reason
        // phrase and body replace the previous ones.
        const qsizetype codeStart = line.indexOf(' ');
        const qsizetype reasonStart = codeStart < 0 ? -1 : line.indexOf(' ', codeStart + 1);
        t->reason = reasonStart < 0 ? QString() : QString::fromUtf8(line.sliced(reasonStart + 1));
        t->body.clear();
    }
    else if (line.size() > 15 && qstrnicmp(line.data(), "content-length:", 15) == 0)
    {
        bool ok = false;
        const qint64 length = line.sliced(15).trimmed().toLongLong(&ok);
        if (ok && length > 0 && length <= t->limit)
        {
            t->body.reserve(static_cast<qsizetype>(length));
        }
    }
    return size * count;
}

bool RpcWorker::cancelled(const quint64 generation) const
{
    return m_stopped.load() || generation < m_generation.load();
}

void RpcWorker::cancelBefore(const quint64 generation)
{
    m_generation.store(generation);
    if (m_multi)
    {
        curl_multi_wakeup(m_multi);
    }
}

void RpcWorker::stop()
{
    m_stopped.store(true);
    if (m_multi)
    {
        curl_multi_wakeup(m_multi);
    }
}

void RpcWorker::setMaxReplyBytes(const qint64 bytes)
{
    m_maxReplyBytes.store(bytes > 0 ? bytes : 1);
}

qint64 RpcWorker::maxReplyBytes() const
{
    return m_maxReplyBytes.load();
}
