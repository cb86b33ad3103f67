// SPDX-License-Identifier: GPL-3.0-or-later
#include "snapshotfixtures.h"

#include <cstring>

#include "backend/snapshotformat.h"

using namespace calldeck;
using namespace Qt::StringLiterals;

ConsoleSnapshot handMadeSnapshot()
{
    ConsoleSnapshot s;
    s.takenMs = 1795000000123;
    s.calldeckVersion = u"9.9.9"_s;
    s.sources.push_back({1, u"hep-udp"_s, u"udp [::1]:9060"_s, u"failed"_s, u"address in use"_s});
    s.stats.activeDialogs = 3;
    s.stats.processedDialogs = 9007199254740992ull; // 2^53: the largest exact JSON integer
    s.active.ongoing = 2;
    s.feed.parseErrors = 7;
    s.historyCap = 500;
    DialogDetails &d = s.dialogs.emplace_back();
    d.key = 0x8000000000000005ull; // bit 63: beyond a double's exactness
    d.found = true;
    d.onMirror = true;
    d.historyCap = 500;
    d.row.key = d.key;
    d.row.origin = u"mirror + kam ü"_s;
    d.row.updatedMs = -1;
    d.row.flags = DialogRowFlag::Merged | DialogRowFlag::Ghost;
    d.row.dialog.callId = "abc\xff@host";
    d.row.dialog.duration = -5;
    d.row.dialog.state = 4;
    d.row.dialog.caller.tag = "t1";
    d.row.dialog.callee.contact = std::string("", 0);
    d.row.dialog.profiles = {{"p\xe4", std::nullopt}, {"q", std::string("v")}};
    d.row.dialog.headers = {{"X-A", std::string("\0zero", 5)}};
    core::CallFlowMessage m;
    m.timeUs = 1795000000123456;
    m.transport = core::Transport::Wss;
    const std::uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    m.src = core::Endpoint::ipv6(v6, 5061);
    m.dst = core::Endpoint::ipv4(0x7f000001, 5060);
    m.captureNode = 4000000000u;
    m.nodeName = "node-a";
    m.correlationId = "c\x01d";
    m.raw = "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/WSS h;branch=z9hG4bK1\r\nFrom: <sip:a>;tag=t1\r\n"
            "Call-ID: abc\r\nCSeq: 1 OPTIONS\r\nSubject: \xe9t\xe9\r\nContent-Length: 0\r\n\r\n";
    d.messages = SnapshotFormat::split({m}, "t1");
    core::CallFlowMessage garbage;
    garbage.raw = std::string("\x00\x01\x02 not SIP", 12);
    d.messages.push_back(SnapshotFormat::split({garbage}, "t1").front());
    return s;
}

bool sameSnapshot(const ConsoleSnapshot &a, const ConsoleSnapshot &b)
{
    return a.takenMs == b.takenMs && a.calldeckVersion == b.calldeckVersion && a.sources == b.sources &&
           std::memcmp(&a.stats, &b.stats, sizeof(a.stats)) == 0 &&
           std::memcmp(&a.active, &b.active, sizeof(a.active)) == 0 &&
           std::memcmp(&a.feed, &b.feed, sizeof(a.feed)) == 0 && a.historyCap == b.historyCap &&
           a.dialogs == b.dialogs;
}
