// SPDX-License-Identifier: GPL-3.0-or-later
#include "backend/sipua/sipoutgoingrequest.h"

#include <string_view>

#include <QRandomGenerator>

#include "backend/core/sipheaders.h"
#include "backend/core/sipparser.h"

using namespace Qt::StringLiterals;
using calldeck::core::SipHeaderId;
using calldeck::core::SipMessage;
using calldeck::core::SipMethod;
using calldeck::core::SipParseError;
using calldeck::core::SipParser;

namespace
{

bool fail(QString *error, const QString &text)
{
    if (error)
    {
        *error = text;
    }
    return false;
}

qsizetype offsetIn(std::string_view whole, std::string_view part)
{
    return static_cast<qsizetype>(part.data() - whole.data());
}

} // namespace

QByteArray SipOutgoingRequest::newBranch()
{
    QByteArray random(12, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(random.data()), 3);
    return "z9hG4bK" + random.toHex();
}

bool SipOutgoingRequest::prepare(const QByteArray &message, const QString &transport, const QString &sentBy,
                                 SipOutgoingRequest &out, QString *error, const Purpose purpose)
{
    out = SipOutgoingRequest();
    SipMessage parsed;
    const std::string_view data(message.constData(), static_cast<std::size_t>(message.size()));
    const SipParseError parseError = SipParser::parse(data, parsed);
    if (parseError != SipParseError::None)
    {
        return fail(error, u"the request is not valid SIP (%1); it was not sent"_s.arg(
                               QString::fromLatin1(calldeck::core::sipParseErrorName(parseError))));
    }
    if (!parsed.isRequest())
    {
        return fail(error, u"the message is a response, not a request; it was not sent"_s);
    }
    const QString method = QString::fromLatin1(parsed.methodText());
    const bool invite = parsed.method() == SipMethod::Invite;
    const bool ack = parsed.method() == SipMethod::Ack;
    if (purpose == Purpose::NonInvite && (invite || ack))
    {
        return fail(error, u"%1 is not a non-INVITE request; send an INVITE with sendInvite() and the ACK of "
                           u"its 2xx with sendAck()"_s.arg(method));
    }
    if (purpose == Purpose::Invite && !invite)
    {
        return fail(error, u"%1 is not an INVITE; it was not sent"_s.arg(method));
    }
    if (purpose == Purpose::Ack && !ack)
    {
        return fail(error, u"%1 is not an ACK; it was not sent"_s.arg(method));
    }
    if (parsed.cseq().methodText != parsed.methodText())
    {
        return fail(
            error,
            u"the CSeq method '%1' differs from the request method '%2'; it was not sent"_s.arg(
                QString::fromLatin1(parsed.cseq().methodText), QString::fromLatin1(parsed.methodText())));
    }

    out.branch = newBranch();
    out.method = QByteArray(parsed.methodText().data(), static_cast<qsizetype>(parsed.methodText().size()));
    const QByteArray via =
        "SIP/2.0/" + transport.toLatin1() + ' ' + sentBy.toLatin1() + ";branch=" + out.branch + ";rport";

    // The message as framed (leading keep-alive CR/LF and bytes past Content-Length dropped).
    const std::string_view raw = parsed.raw();
    const QByteArray text(raw.data(), static_cast<qsizetype>(raw.size()));
    std::string_view firstVia;
    if (parsed.headerLineCount(SipHeaderId::Via) > 0)
    {
        calldeck::core::forEachHeaderEntry(parsed.header(SipHeaderId::Via),
                                           [&firstVia](std::string_view entry) {
                                               firstVia = entry;
                                               return false;
                                           });
    }
    if (!firstVia.empty())
    {
        const qsizetype start = offsetIn(raw, firstVia);
        out.bytes = text.left(start) + via + text.mid(start + static_cast<qsizetype>(firstVia.size()));
    }
    else
    {
        const qsizetype lineEnd = text.indexOf('\n');
        out.bytes = text.left(lineEnd + 1) + "Via: " + via + "\r\n" + text.mid(lineEnd + 1);
    }

    const qsizetype crlf = out.bytes.indexOf("\r\n\r\n");
    const qsizetype lf = out.bytes.indexOf("\n\n");
    if (crlf < 0 && lf < 0)
    {
        // The parser accepts a body-less message cut right after its last header line; a
        // stream peer needs the empty line.
        out.bytes += parsed.contentLength() ? "\r\n" : "Content-Length: 0\r\n\r\n";
    }
    else if (!parsed.contentLength())
    {
        const bool useCrlf = crlf >= 0 && (lf < 0 || crlf < lf);
        const qsizetype at = useCrlf ? crlf + 2 : lf + 1;
        const QByteArray line = "Content-Length: " + QByteArray::number(qsizetype(parsed.body().size())) +
                                (useCrlf ? "\r\n" : "\n");
        out.bytes.insert(at, line);
    }
    return true;
}
