// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/commandlineoptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include "app/hostport.h"
#include "app/qtoptions.h"
#include "backend/dmq/dmqconfig.h"
#include "backend/exportformat.h"
#include "backend/proxydbconfig.h"

using namespace Qt::StringLiterals;

namespace
{
const QString Off = u"off"_s;

void optional(const QCommandLineParser &parser, const QCommandLineOption &option, std::optional<QString> &out)
{
    if (parser.isSet(option))
    {
        out = parser.value(option);
    }
}
} // namespace

CommandLineOptions CommandLineOptions::parse(const QStringList &arguments)
{
    CommandLineOptions result;

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setApplicationDescription(
        tr("CallDeck, a live SIP dialog console. Without feed options it uses the embedded default: "
           "a HEP/raw-SIP listener on 127.0.0.1:9060 (UDP and TCP) and an SQLite store in the user's "
           "data directory."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();

    const QCommandLineOption headless(u"headless"_s,
                                      tr("Run the engine without a window; stop cleanly on SIGINT/SIGTERM."));
    const QCommandLineOption hep(u"hep"_s,
                                 tr("Listen for HEP (v1/v2/v3) and raw SIP on UDP and TCP; repeatable. "
                                    "\"off\" disables the embedded listener."),
                                 u"ADDR:PORT"_s);
    const QCommandLineOption hepKey(u"hep-key"_s, tr("Accept only HEPv3 packets carrying this auth key."),
                                    u"KEY"_s);
    const QCommandLineOption replay(u"replay"_s, tr("Read a pcap/pcapng file as fast as possible."),
                                    u"FILE"_s);
    const QCommandLineOption replayPace(u"replay-pace"_s, tr("With --replay: keep the recorded pace."));
    const QCommandLineOption exitAfterReplay(
        u"exit-after-replay"_s, tr("With --headless and --replay: exit when the replay is done."));
    const QCommandLineOption rpc(u"rpc"_s,
                                 tr("Add a proxy JSON-RPC feed, e.g. http://user:pw@127.0.0.1:5071/RPC; "
                                    "repeatable."),
                                 u"URL"_s);
    const QCommandLineOption proxyDb(
        u"proxy-db"_s,
        tr("Add a proxy read from its dialog database (Kamailio's dialog table, read-only, no actions), "
           "e.g. sqlite:///var/lib/kamailio/kamailio.sqlite#kam1 or postgresql://user:pw@host/kamailio; "
           "repeatable."),
        u"URL[#name]"_s);
    const QCommandLineOption dmq(
        u"dmq"_s,
        tr("Join a Kamailio DMQ bus as a passive node at this UDP address and receive the cluster's "
           "dialogs as they change (needs --dmq-notify)."),
        u"sip:ADDR:PORT"_s);
    const QCommandLineOption dmqNotify(
        u"dmq-notify"_s,
        tr("With --dmq: the DMQ address of a Kamailio node to register with (its dmq server_address); "
           "repeatable."),
        u"sip:HOST:PORT"_s);
    const QCommandLineOption dmqPing(
        u"dmq-ping"_s, tr("With --dmq: ping every node this often to see it is up (default 10)."),
        u"SECONDS"_s);
    const QCommandLineOption dmqMaxRate(
        u"dmq-max-rate"_s,
        tr("With --dmq: KDMQ requests per second one node may send; more are refused (default 20000)."),
        u"N"_s);
    const QCommandLineOption serveRpc(u"serve-rpc"_s,
                                      tr("With --headless: answer Kamailio-compatible JSON-RPC at "
                                         "http://ADDR:PORT/RPC."),
                                      u"ADDR:PORT"_s);
    const QCommandLineOption rpcToken(
        u"rpc-token"_s,
        tr("With --serve-rpc: every request must carry 'Authorization: Bearer TOKEN'; needed to serve on "
           "an address other than loopback."),
        u"TOKEN"_s);
    const QCommandLineOption rpcCompact(
        u"rpc-compact"_s, tr("With --serve-rpc: compact JSON replies instead of tab-indented ones."));
    const QCommandLineOption sip(
        u"sip"_s, tr("Local socket for the in-dialog requests the console sends itself."), u"ADDR:PORT"_s);
    const QCommandLineOption db(u"db"_s, tr("Dialog store: sqlite:///path or postgresql://user:pw@host/db."),
                                u"URL"_s);
    const QCommandLineOption dbMode(u"db-mode"_s,
                                    tr("Store mode as the dialog module's db_mode: 0 none, 1 real-time, "
                                       "2 delayed, 3 on shutdown."),
                                    u"0..3"_s);
    const QCommandLineOption exportFile(
        u"export"_s,
        tr("Write on exit: .json (dlg.list shape), .csv, .pcap (every dialog's messages), an "
           "incident pack .tar/.tar.gz or a snapshot .cdsnap (File → Open snapshot)."),
        u"FILE"_s);
    const QCommandLineOption stats(
        u"stats"_s, tr("Print one JSON summary line on exit (messages, dialogs, rates, drops)."));
    const QCommandLineOption readOnly(u"read-only"_s, tr("Refuse every control action."));
    const QCommandLineOption lang(
        u"lang"_s, tr("User-interface language, e.g. de, fr or es (default: system)."), u"CODE"_s);
    parser.addOptions({headless,   hep,      hepKey,     replay,    replayPace, exitAfterReplay,
                       rpc,        proxyDb,  dmq,        dmqNotify, dmqPing,    dmqMaxRate,
                       serveRpc,   rpcToken, rpcCompact, sip,       db,         dbMode,
                       exportFile, stats,    readOnly,   lang});
    parser.addPositionalArgument(u"snapshot"_s, tr("A snapshot file to open (File → Open snapshot…)."),
                                 u"[FILE.cdsnap]"_s);

    if (!parser.parse(QtOptions::strip(arguments)))
    {
        result.m_outcome = Outcome::UsageError;
        result.m_errors.append(
            tr("calldeck: %1 Run 'calldeck --help' for the list of options.").arg(parser.errorText()));
        return result;
    }
    if (parser.isSet(helpOption) || parser.isSet(u"help-all"_s))
    {
        result.m_outcome = Outcome::ShowHelp;
        if (QCoreApplication::instance() != nullptr)
        {
            result.m_helpText = parser.helpText();
        }
        return result;
    }
    if (parser.isSet(versionOption))
    {
        result.m_outcome = Outcome::ShowVersion;
        return result;
    }

    result.m_headless = parser.isSet(headless);
    result.m_hep = parser.values(hep);
    optional(parser, hepKey, result.m_hepKey);
    optional(parser, replay, result.m_replay);
    result.m_replayPace = parser.isSet(replayPace);
    result.m_exitAfterReplay = parser.isSet(exitAfterReplay);
    result.m_rpc = parser.values(rpc);
    result.m_proxyDb = parser.values(proxyDb);
    optional(parser, dmq, result.m_dmq);
    result.m_dmqNotify = parser.values(dmqNotify);
    optional(parser, dmqPing, result.m_dmqPing);
    optional(parser, dmqMaxRate, result.m_dmqMaxRate);
    optional(parser, serveRpc, result.m_serveRpc);
    optional(parser, rpcToken, result.m_rpcToken);
    result.m_rpcCompact = parser.isSet(rpcCompact);
    optional(parser, sip, result.m_sip);
    optional(parser, db, result.m_db);
    optional(parser, dbMode, result.m_dbModeText);
    optional(parser, exportFile, result.m_export);
    result.m_stats = parser.isSet(stats);
    result.m_readOnly = parser.isSet(readOnly);
    optional(parser, lang, result.m_language);

    for (const QString &argument : parser.positionalArguments())
    {
        if (argument.endsWith(u".cdsnap"_s, Qt::CaseInsensitive) && !result.m_snapshot && !result.m_headless)
        {
            result.m_snapshot = argument; // opened in the console as File → Open snapshot… does
            continue;
        }
        result.m_errors.append(tr("calldeck: unexpected argument '%1'; options start with --. Run 'calldeck "
                                  "--help' for the list of options.")
                                   .arg(argument));
    }
    result.validate();
    if (!result.m_errors.isEmpty())
    {
        result.m_outcome = Outcome::UsageError;
        return result;
    }
    result.collectNotAvailable();
    if (!result.m_errors.isEmpty())
    {
        result.m_outcome = Outcome::NotAvailableYet;
    }
    return result;
}

void CommandLineOptions::validate()
{
    const bool off = m_hep.contains(Off);
    if (off && m_hep.size() > 1)
    {
        m_errors.append(tr("calldeck: --hep off cannot be combined with --hep ADDR:PORT; give either "
                           "listeners or off."));
    }
    for (const QString &value : std::as_const(m_hep))
    {
        if (value != Off)
        {
            if (const QString problem = HostPort::check(u"--hep"_s, value, m_headless); !problem.isEmpty())
            {
                m_errors.append(problem);
            }
        }
    }
    if (m_hepKey)
    {
        if (m_hepKey->isEmpty())
        {
            m_errors.append(tr("calldeck: --hep-key needs a non-empty KEY, the auth key your HEP agent sends "
                               "(Kamailio: siptrace's auth_key)."));
        }
        else if (off && m_hep.size() == 1)
        {
            m_errors.append(tr("calldeck: --hep-key has no effect with --hep off; drop one of them."));
        }
    }
    if (m_replay)
    {
        const QFileInfo file(*m_replay);
        if (m_replay->isEmpty())
        {
            m_errors.append(tr("calldeck: --replay needs a pcap or pcapng FILE."));
        }
        else if (!file.exists() || !file.isFile())
        {
            m_errors.append(tr("calldeck: --replay: no such file '%1'; check the path.").arg(*m_replay));
        }
        else if (!file.isReadable())
        {
            m_errors.append(
                tr("calldeck: --replay: cannot read '%1'; check its permissions.").arg(*m_replay));
        }
    }
    if (m_replayPace && !m_replay)
    {
        m_errors.append(tr("calldeck: --replay-pace only applies to --replay FILE; add --replay or drop "
                           "--replay-pace."));
    }
    if (m_exitAfterReplay && (!m_replay || !m_headless))
    {
        m_errors.append(tr("calldeck: --exit-after-replay needs both --headless and --replay FILE."));
    }
    for (const QString &value : std::as_const(m_rpc))
    {
        const QUrl url(value, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != u"http"_s && scheme != u"https"_s) || url.host().isEmpty())
        {
            m_errors.append(
                tr("calldeck: --rpc '%1' is not an http:// or https:// URL with a host; write e.g. "
                   "--rpc http://user:pw@127.0.0.1:5071/RPC")
                    .arg(value));
        }
        else if (url.port() == 0)
        {
            m_errors.append(tr("calldeck: --rpc '%1': port 0 is not allowed; use 1-65535.").arg(value));
        }
    }
    for (const QString &value : std::as_const(m_proxyDb))
    {
        QString problem;
        if (!ProxyDbConfig::parse(value, &problem))
        {
            m_errors.append(tr("calldeck: --proxy-db: %1").arg(problem));
        }
    }
    {
        QStringList problems;
        m_dmqConfig = DmqConfig::parse(m_dmq.value_or(QString()), m_dmqNotify, m_dmqPing.value_or(QString()),
                                       m_dmqMaxRate.value_or(QString()), &problems);
        for (const QString &problem : std::as_const(problems))
        {
            m_errors.append(tr("calldeck: %1").arg(problem));
        }
    }
    if (m_serveRpc)
    {
        if (const QString problem = HostPort::check(u"--serve-rpc"_s, *m_serveRpc, m_headless);
            !problem.isEmpty())
        {
            m_errors.append(problem);
        }
        else if (!m_headless)
        {
            m_errors.append(
                tr("calldeck: --serve-rpc only works with --headless; add --headless or drop it."));
        }
    }
    if (m_rpcToken && m_rpcToken->isEmpty())
    {
        m_errors.append(tr("calldeck: --rpc-token needs a non-empty TOKEN, e.g. the output of 'openssl rand "
                           "-hex 16'."));
    }
    else if (m_rpcToken && !m_serveRpc)
    {
        m_errors.append(tr("calldeck: --rpc-token only applies to --serve-rpc ADDR:PORT; add --serve-rpc or "
                           "drop --rpc-token."));
    }
    if (m_rpcCompact && !m_serveRpc)
    {
        m_errors.append(
            tr("calldeck: --rpc-compact only applies to --serve-rpc ADDR:PORT; add --serve-rpc or "
               "drop --rpc-compact."));
    }
    if (m_sip)
    {
        if (const QString problem = HostPort::check(u"--sip"_s, *m_sip); !problem.isEmpty())
        {
            m_errors.append(problem);
        }
    }
    if (m_db)
    {
        QString problem;
        m_storeUrl = StoreUrl::parse(*m_db, &problem);
        if (!m_storeUrl)
        {
            m_errors.append(
                tr("calldeck: --db '%1' is not a store URL; write sqlite:///path/to/calldeck.db or "
                   "postgresql://user:pw@host:5432/dbname")
                    .arg(*m_db));
        }
    }
    if (m_dbModeText)
    {
        bool ok = false;
        const int mode = m_dbModeText->toInt(&ok);
        if (!ok || mode < 0 || mode > 3)
        {
            m_errors.append(tr("calldeck: --db-mode '%1' is out of range; use 0 (none), 1 (real-time), "
                               "2 (delayed) or 3 (on shutdown).")
                                .arg(*m_dbModeText));
        }
        else
        {
            m_dbMode = mode;
        }
    }
    if (m_export)
    {
        if (exportFormatOf(*m_export) == ExportFormat::Unknown)
        {
            m_errors.append(tr("calldeck: --export '%1': unknown format; the file name must end in %2.")
                                .arg(*m_export, exportSuffixList()));
        }
    }
    if (m_language)
    {
        static const QRegularExpression pattern(u"^[a-z]{2,3}([_-][A-Za-z]{2,4})?$"_s);
        if (!pattern.match(*m_language).hasMatch())
        {
            m_errors.append(
                tr("calldeck: --lang '%1' is not a language code; write e.g. --lang de, --lang fr "
                   "or --lang es_MX.")
                    .arg(*m_language));
        }
    }
}

void CommandLineOptions::collectNotAvailable()
{
    // The console takes every feed option; what it does not write on exit yet works headless only.
    const auto headlessOnly = [this](const QString &option) {
        m_errors.append(tr("calldeck: %1 works only with --headless so far (the console window does not "
                           "write it on exit yet); add --headless or run without it.")
                            .arg(option));
    };
    if (m_export)
    {
        if (!m_headless)
        {
            headlessOnly(u"--export"_s);
        }
    }
    if (m_stats && !m_headless)
    {
        headlessOnly(u"--stats"_s);
    }
}

int CommandLineOptions::exitCode() const
{
    switch (m_outcome)
    {
    case Outcome::Run:
    case Outcome::ShowHelp:
    case Outcome::ShowVersion:
        return ExitOk;
    case Outcome::UsageError:
        return ExitUsage;
    case Outcome::NotAvailableYet:
        return ExitNotAvailable;
    }
    return ExitUsage;
}

QString CommandLineOptions::versionText()
{
    return u"calldeck "_s + QCoreApplication::applicationVersion();
}

QStringList CommandLineOptions::hepListeners() const
{
    QStringList result = m_hep;
    result.removeAll(Off);
    return result;
}

bool CommandLineOptions::hepOff() const
{
    return m_hep.contains(Off);
}
