// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/dialogformat.h"

#include "backend/dialogdelta.h"

#include <algorithm>

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QStringList>

using namespace Qt::StringLiterals;
using calldeck::core::DialogLegSnapshot;
using calldeck::core::DialogSnapshot;

namespace
{
QColor stateColor(const int state)
{
    switch (state)
    {
    case DialogFormat::Unconfirmed:
        return QColor(0x78, 0x90, 0x9c); // blue grey: INVITE seen, nothing back yet
    case DialogFormat::Early:
        return QColor(0xf9, 0xa8, 0x25); // amber: ringing
    case DialogFormat::ConfirmedNoAck:
        return QColor(0xef, 0x6c, 0x00); // orange: answered, ACK missing
    case DialogFormat::Confirmed:
        return QColor(0x2e, 0x7d, 0x32); // green: call up
    case DialogFormat::Deleted:
        return QColor(0x75, 0x75, 0x75); // grey: ended
    default:
        return QColor(0xbd, 0xbd, 0xbd);
    }
}

QPixmap drawDisc(const int side, const QColor &color)
{
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color.darker(140), side / 16.0 + 0.5));
    painter.setBrush(color);
    const qreal margin = side / 5.0;
    painter.drawEllipse(QRectF(margin, margin, side - 2 * margin, side - 2 * margin));
    return pixmap;
}
} // namespace

QString DialogFormat::stateText(const int state)
{
    switch (state)
    {
    case Unconfirmed:
        return tr("Unconfirmed");
    case Early:
        return tr("Early");
    case ConfirmedNoAck:
        return tr("Confirmed (no ACK)");
    case Confirmed:
        return tr("Confirmed");
    case Deleted:
        return tr("Deleted");
    default:
        return tr("Unknown (%1)").arg(state);
    }
}

QIcon DialogFormat::drawStateIcon(const int state)
{
    const QColor color = stateColor(state);
    QIcon icon;
    icon.addPixmap(drawDisc(16, color));
    icon.addPixmap(drawDisc(32, color));
    return icon;
}

QVariant DialogFormat::foreground(const int state, const bool lingering)
{
    if (lingering || state == Deleted)
    {
        return QBrush(QColor(0x80, 0x80, 0x80));
    }
    if (state == ConfirmedNoAck)
    {
        return QBrush(QColor(0xa1, 0x5c, 0x00));
    }
    return {};
}

QString DialogFormat::duration(const qint64 seconds)
{
    const qint64 s = std::max<qint64>(seconds, 0);
    return u"%1:%2:%3"_s.arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString DialogFormat::localTime(const qint64 unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString DialogFormat::longLocalTime(const qint64 unixSeconds)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(unixSeconds), QLocale::LongFormat);
}

std::optional<qint64> DialogFormat::talkSeconds(const DialogSnapshot &dialog, const qint64 nowSeconds)
{
    if (dialog.startTs == 0)
    {
        return std::nullopt; // never answered (the module's duration of a failed call is end_ts)
    }
    const qint64 end = (dialog.endTs != 0) ? qint64(dialog.endTs) : nowSeconds;
    return std::max<qint64>(end - qint64(dialog.startTs), 0);
}

std::optional<qint64> DialogFormat::remainingSeconds(const DialogSnapshot &dialog, const qint64 nowSeconds)
{
    if (dialog.timeout == 0 || dialog.state == Deleted)
    {
        return std::nullopt;
    }
    return std::max<qint64>(qint64(dialog.timeout) - nowSeconds, 0);
}

QString DialogFormat::idText(const DialogSnapshot &dialog)
{
    return u"%1:%2"_s.arg(dialog.hEntry).arg(dialog.hId);
}

quint64 DialogFormat::idValue(const DialogSnapshot &dialog)
{
    return (quint64(dialog.hEntry) << 32) | dialog.hId;
}

QString DialogFormat::profiles(const DialogSnapshot &dialog)
{
    QStringList parts;
    parts.reserve(qsizetype(dialog.profiles.size()));
    for (const auto &[name, value] : dialog.profiles)
    {
        parts.append(value ? text(name) + u'=' + text(*value) : text(name));
    }
    return parts.join(u", "_s);
}

QString DialogFormat::profilesToolTip(const DialogSnapshot &dialog)
{
    QStringList lines;
    lines.reserve(qsizetype(dialog.profiles.size()));
    for (const auto &[name, value] : dialog.profiles)
    {
        lines.append(value ? tr("%1 = %2").arg(text(name), text(*value)) : text(name));
    }
    return lines.join(u'\n');
}

QString DialogFormat::legToolTip(const DialogLegSnapshot &leg)
{
    const QString none = tr("(none)");
    auto line = [&none](const QString &label, const std::optional<std::string> &value) {
        return label.arg(value ? text(*value) : none);
    };
    return QStringList{line(tr("Contact: %1"), leg.contact), line(tr("Tag: %1"), leg.tag),
                       line(tr("CSeq: %1"), leg.cseq), line(tr("Socket: %1"), leg.socket),
                       line(tr("Route set: %1"), leg.routeSet)}
        .join(u'\n');
}

QString DialogFormat::text(const std::string &value)
{
    return QString::fromStdString(value);
}

QString DialogFormat::text(const std::optional<std::string> &value)
{
    return value ? QString::fromStdString(*value) : QString();
}

QVariant DialogFormat::textValue(const QString &value)
{
    return value.isEmpty() ? QVariant() : QVariant(value);
}

QVariant DialogFormat::secondsValue(const std::optional<qint64> &seconds)
{
    return seconds ? QVariant(*seconds) : QVariant();
}

QVariant DialogFormat::numberAlignment()
{
    return int(Qt::AlignRight | Qt::AlignVCenter);
}

QString DialogFormat::originText(const QString &origin, const quint8 flags)
{
    QString text = origin;
    if (flags & DialogRowFlag::Stale)
    {
        text += u" · "_s + tr("stale");
    }
    if (flags & DialogRowFlag::EndedOnWire)
    {
        text += u" · "_s + tr("ended on wire");
    }
    if (flags & DialogRowFlag::UnknownToProxy)
    {
        text += u" · "_s + tr("not on proxy");
    }
    if (flags & DialogRowFlag::Ghost)
    {
        text += u" · "_s + tr("ghost?");
    }
    return text;
}

QString DialogFormat::originToolTip(const QString &origin, const quint8 flags, const quint32 proxyHEntry,
                                    const quint32 proxyHId)
{
    QStringList lines{origin};
    if (flags & DialogRowFlag::Merged)
    {
        lines << tr("Seen on the mirror and listed by the proxy (its h_entry %1, h_id %2).")
                     .arg(proxyHEntry)
                     .arg(proxyHId);
    }
    if (flags & DialogRowFlag::Stale)
    {
        lines << tr("Stale: the proxy did not answer its last poll; this is the last state it reported.");
    }
    if (flags & DialogRowFlag::EndedOnWire)
    {
        lines << tr("The mirror saw this call end, but the proxy still lists it.");
    }
    if (flags & DialogRowFlag::UnknownToProxy)
    {
        lines << tr("Seen on the mirror, but no polled proxy lists it.");
    }
    if (flags & DialogRowFlag::Ghost)
    {
        lines << tr("No in-dialog traffic for a long time: possibly a ghost dialog.");
    }
    return lines.join(u'\n');
}
