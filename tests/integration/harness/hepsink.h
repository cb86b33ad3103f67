// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

class QUdpSocket;

namespace calldeck::integration
{

/// @brief A UDP socket on a free port of 127.0.0.1 that collects what a Kamailio mirror
/// (siptrace, duplicate_uri) sends, with a minimal HEPv3 reader to check the datagrams.
/// Not CallDeck's decoder: just enough to prove the test config mirrors what it should.
class HepSink final
{
    Q_DISABLE_COPY_MOVE(HepSink)

public:
    struct Packet
    {
        QByteArray datagram;
        QHostAddress sender;
        quint16 senderPort = 0;
        /// @brief Starts with "HEP3" and its chunks fill exactly the declared length.
        bool isHep3 = false;
        /// @brief Chunk type ids in order (vendor 0 only).
        QList<quint16> chunkTypes;
        quint32 captureId = 0;
        quint16 sourcePort = 0;
        quint16 destinationPort = 0;
        /// @brief Chunk 15: the captured SIP message.
        QByteArray payload;

        /// @brief First line of the payload ("INVITE sip:..." / "SIP/2.0 200 OK").
        QString startLine() const;
        /// @brief Method of a request, or of the CSeq of a response.
        QString method() const;
        /// @brief Status code of a response, 0 for a request.
        int status() const;
        QString callId() const;
    };

    HepSink();
    ~HepSink();

    /// @brief Binds a free port on 127.0.0.1 (a few tries); false with errorString() set.
    bool open();
    quint16 port() const;
    /// @brief "127.0.0.1:<port>", the form KamailioInstance::Options::mirror expects.
    QString address() const;
    QString errorString() const;

    /// @brief Reads datagrams until @p done returns true for all received so far or
    /// @p timeoutMs passed; true when @p done was satisfied.
    bool collect(int timeoutMs, const std::function<bool(const QList<Packet> &)> &done);
    /// @brief Reads for @p ms whatever arrives (e.g. to drain late datagrams).
    void drain(int ms);
    const QList<Packet> &packets() const;

    /// @brief Parses one datagram.
    static Packet parse(const QByteArray &datagram);

private:
    void readPending();

    std::unique_ptr<QUdpSocket> m_socket;
    QList<Packet> m_packets;
    QString m_error;
};

} // namespace calldeck::integration
