// SPDX-License-Identifier: GPL-3.0-or-later
#include "rpcbench.h"

#include "benchclock.h"
#include "dlglistgen.h"

#include "backend/core/dialogengine.h"
#include "backend/core/dlglistreader.h"
#include "backend/core/remotedialogset.h"
#include "backend/dialoglistdecoder.h"
#include "backend/dialoglistpool.h"
#include "backend/dlglistparser.h"
#include "backend/proxydialogs.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace calldeck::bench
{

namespace
{

using calldeck::core::DlgListReply;

constexpr double TargetMs = 10.0;
constexpr std::uint32_t PollSeconds = 2;
constexpr std::uint16_t Origin = 1;

struct Options
{
    std::size_t dialogs = 5000;
    int rounds = 9;
};

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 2; i + 1 < argc; i += 2)
    {
        if (!std::strcmp(argv[i], "--dialogs"))
        {
            o.dialogs = std::strtoull(argv[i + 1], nullptr, 10);
        }
        else if (!std::strcmp(argv[i], "--rounds"))
        {
            o.rounds = std::atoi(argv[i + 1]);
        }
    }
    o.rounds = std::max(1, o.rounds);
    return o;
}

/** Median and best of a set of timings, in milliseconds. */
struct Timing
{
    std::vector<double> ms;

    void add(double seconds) { ms.push_back(seconds * 1e3); }
    double median() const
    {
        std::vector<double> s = ms;
        std::sort(s.begin(), s.end());
        return s.empty() ? 0 : s[s.size() / 2];
    }
    double best() const { return ms.empty() ? 0 : *std::min_element(ms.begin(), ms.end()); }
};

/**
 * One poll of one proxy exactly as the product runs it, minus the HTTP transfer: the RPC thread's
 * DialogListDecoder reads the reply into recycled snapshots (DialogListPool), the core thread's
 * ProxyDialogs diffs the listing into the remote set, gives the vector back to the pool and
 * reconciles the change with the engine (links to mirror dialogs, rows for what changed).
 */
struct RpcPipeline
{
    DialogListDecoder decoder;
    std::shared_ptr<DialogListPool> pool = std::make_shared<DialogListPool>();
    calldeck::core::DialogEngine engine;
    ProxyDialogs proxies;
    std::unordered_set<quint64> dirty;
    std::vector<quint64> removedKeys;
    std::vector<DialogRow> rows;
    std::vector<quint64> gone;

    bool poll(const std::string &body, int id, std::uint32_t now)
    {
        const QByteArray bytes = QByteArray::fromRawData(body.data(), static_cast<qsizetype>(body.size()));
        RpcOutcome outcome = decoder.decode(id, 200, QStringLiteral("OK"), bytes, 0, pool);
        if (!outcome.ok || !outcome.dialogs)
        {
            return false;
        }
        proxies.applyListing(Origin, std::move(outcome.dialogs->dialogs), now);
        pool->give(std::move(outcome.dialogs->dialogs));
        rows.clear();
        gone.clear();
        proxies.reconcile(engine, dirty, removedKeys, rows, gone, 0);
        return true;
    }
};

} // namespace

int runRpcBench(int argc, char **argv)
{
    const Options o = parse(argc, argv);
    std::printf("rpc: generating %d polls of a %zu-dialog dlg.list reply (Kamailio pretty format)...\n",
                o.rounds + 2, o.dialogs);
    DlgListGenerator gen(7);
    gen.populate(o.dialogs, 1795747708);
    std::vector<std::string> polls;
    std::vector<std::uint32_t> times;
    for (int i = 0; i < o.rounds + 2; ++i)
    {
        polls.push_back(gen.reply(i + 1));
        times.push_back(gen.now());
        gen.step(PollSeconds);
    }
    const std::string &body = polls.front();

    // (a) parse alone, a fresh reader and reply each time (readDlgListReply).
    Timing parseTime;
    std::size_t parsed = 0;
    for (int r = 0; r < o.rounds; ++r)
    {
        const double t0 = nowSeconds();
        const DlgListReply reply = calldeck::core::readDlgListReply(body);
        parseTime.add(nowSeconds() - t0);
        parsed = reply.dialogs.size();
        if (reply.kind != DlgListReply::Kind::Result || !reply.errors.empty())
        {
            std::fprintf(stderr, "rpc: the generated reply did not read cleanly: %s\n",
                         reply.invalidReason.c_str());
            return 1;
        }
    }

    // (c) the first apply: parse + apply into an empty set.
    Timing firstTime;
    for (int r = 0; r < o.rounds; ++r)
    {
        RpcPipeline fresh;
        const double t0 = nowSeconds();
        fresh.poll(body, 1, times.front());
        firstTime.add(nowSeconds() - t0);
    }

    // (b) steady state: each poll differs from the one before (~2 % changed, ~1 % ended, ~1 % new,
    // every duration moved); the pipeline recycles its snapshots like the poller does.
    RpcPipeline steady;
    steady.poll(polls[0], 1, times[0]);
    steady.poll(polls[1], 2, times[1]);
    Timing steadyTime;
    std::size_t changed = 0;
    std::size_t removed = 0;
    for (int r = 0; r < o.rounds; ++r)
    {
        const auto i = static_cast<std::size_t>(r + 2) < polls.size() ? static_cast<std::size_t>(r + 2) : 0;
        const double t0 = nowSeconds();
        steady.poll(polls[i], static_cast<int>(i) + 1, times[i]);
        steadyTime.add(nowSeconds() - t0);
        changed += steady.rows.size();
        removed += steady.gone.size();
    }

    // (d) the Qt peer on the same body.
    Timing qtTime;
    std::size_t qtParsed = 0;
    const QByteArray qtBody = QByteArray::fromRawData(body.data(), static_cast<qsizetype>(body.size()));
    for (int r = 0; r < o.rounds; ++r)
    {
        const double t0 = nowSeconds();
        const QJsonDocument doc = QJsonDocument::fromJson(qtBody);
        const DlgListParser::Result result =
            DlgListParser::parseList(doc.object().value(QLatin1String("result")));
        qtTime.add(nowSeconds() - t0);
        qtParsed = result.dialogs.size();
    }

    std::printf("rpc: %zu dialogs, reply %zu bytes, %d rounds\n", o.dialogs, body.size(), o.rounds);
    std::printf("rpc: per steady poll on average %.1f rows added or changed, %.1f removed\n",
                static_cast<double>(changed) / o.rounds, static_cast<double>(removed) / o.rounds);
    std::printf("  %-32s %10s %10s\n", "step", "median ms", "best ms");
    std::printf("  %-32s %10.2f %10.2f\n", "parse (readDlgListReply)", parseTime.median(), parseTime.best());
    std::printf("  %-32s %10.2f %10.2f\n", "decode + diff + merge, steady", steadyTime.median(),
                steadyTime.best());
    std::printf("  %-32s %10.2f %10.2f\n", "decode + diff + merge, first", firstTime.median(),
                firstTime.best());
    std::printf("  %-32s %10.2f %10.2f\n", "Qt: fromJson + parseList", qtTime.median(), qtTime.best());
    if (qtParsed != parsed)
    {
        std::printf("rpc: WARNING: Qt parsed %zu dialogs, the reader %zu\n", qtParsed, parsed);
    }
    const bool pass = steadyTime.median() <= TargetMs && qtParsed == parsed;
    std::printf(
        "{\"bench\":\"rpc\",\"dialogs\":%zu,\"reply_bytes\":%zu,\"parse_ms\":%.2f,\"parse_best_ms\":%.2f,"
        "\"dlg_list_5000_ms\":%.2f,\"dlg_list_5000_best_ms\":%.2f,\"first_apply_ms\":%.2f,"
        "\"qt_parse_ms\":%.2f,\"target_ms\":%.0f,\"pass\":%s}\n",
        o.dialogs, body.size(), parseTime.median(), parseTime.best(), steadyTime.median(), steadyTime.best(),
        firstTime.median(), qtTime.median(), TargetMs, pass ? "true" : "false");
    return 0;
}

} // namespace calldeck::bench
