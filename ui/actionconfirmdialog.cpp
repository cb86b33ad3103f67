// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/actionconfirmdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "backend/dialogcontrol.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int MaxTimeoutSeconds = 7 * 24 * 3600;
constexpr int DefaultTimeoutSeconds = 3600;
constexpr int MaxRatePerSecond = 50;

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

bool isUri(const QString &text)
{
    static const QRegularExpression uri(u"^(sip|sips|tel):[^\\s<>\"]+$"_s,
                                        QRegularExpression::CaseInsensitiveOption);
    return uri.match(text.trimmed()).hasMatch();
}
} // namespace

ActionConfirmDialog::ActionConfirmDialog(const ActionKind kind, QList<DialogRow> targets,
                                         const DialogControl *control, const int ratePerSecond,
                                         QWidget *parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_targets(std::move(targets))
    , m_control(control)
{
    setObjectName(u"actionConfirmDialog"_s);
    const bool bridge = kind == ActionKind::Bridge;
    const int count = static_cast<int>(m_targets.size());
    setWindowTitle(bridge ? tr("Bridge (click-to-dial)") : tr("%1: confirm").arg(actionName(kind)));

    m_summary = new QLabel(this);
    m_summary->setObjectName(u"summaryLabel"_s);
    m_summary->setWordWrap(true);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);

    auto *form = new QFormLayout;
    buildParameters(form);
    if (!bridge && count > 1)
    {
        m_rate = new QSpinBox(this);
        m_rate->setObjectName(u"rateSpin"_s);
        m_rate->setRange(1, MaxRatePerSecond);
        m_rate->setValue(std::clamp(ratePerSecond, 1, MaxRatePerSecond));
        m_rate->setSuffix(tr(" per second"));
        m_rate->setToolTip(tr("The dialogs are acted on one after the other at most this fast, so a proxy "
                              "is never flooded; the run can be cancelled."));
        form->addRow(tr("Send at most"), m_rate);
    }

    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"targetList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Call-ID"), tr("From → To"), tr("Owner"), tr("Will go via")});
    m_list->header()->setStretchLastSection(true);
    m_list->setMinimumWidth(760);
    m_more = new QLabel(this);
    m_more->setObjectName(u"moreLabel"_s);
    m_more->hide();

    m_hint = new QLabel(this);
    m_hint->setObjectName(u"hintLabel"_s);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(u"color: #b00020;"_s);

    auto *buttons = new QDialogButtonBox(this);
    m_confirm = buttons->addButton(actionName(kind), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(u"confirmButton"_s);
    buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(form);
    if (bridge)
    {
        m_list->hide();
    }
    else
    {
        layout->addWidget(m_list, 1);
        layout->addWidget(m_more);
    }
    layout->addWidget(m_hint);
    layout->addWidget(buttons);

    refreshTargets();
    for (int c = 0; c < m_list->columnCount() - 1; ++c)
    {
        m_list->resizeColumnToContents(c);
    }
    validate();
}

ActionConfirmDialog::~ActionConfirmDialog() = default;

QString ActionConfirmDialog::actionName(const ActionKind kind)
{
    switch (kind)
    {
    case ActionKind::Terminate:
        return tr("Terminate");
    case ActionKind::TerminateCaller:
        return tr("Terminate caller side");
    case ActionKind::TerminateCallee:
        return tr("Terminate callee side");
    case ActionKind::Transfer:
        return tr("Transfer");
    case ActionKind::ChangeTimeout:
        return tr("Change timeout");
    case ActionKind::SetProfile:
        return tr("Set profile");
    case ActionKind::UnsetProfile:
        return tr("Unset profile");
    case ActionKind::SetVariable:
        return tr("Set variable");
    case ActionKind::Bridge:
        return tr("Bridge");
    }
    return {};
}

void ActionConfirmDialog::buildParameters(QFormLayout *form)
{
    auto revalidate = [this] { validate(); };
    if (isTerminateKind(m_kind) || m_kind == ActionKind::Transfer)
    {
        m_side = new QComboBox(this);
        m_side->setObjectName(u"sideBox"_s);
        if (m_kind != ActionKind::Transfer)
        {
            m_side->addItem(tr("Both parties"), QString());
        }
        m_side->addItem(tr("Caller (From)"), u"caller"_s);
        m_side->addItem(tr("Callee (To)"), u"callee"_s);
        const int current =
            m_side->findData(m_kind == ActionKind::Transfer ? u"caller"_s : terminateSideOf(m_kind));
        m_side->setCurrentIndex(std::max(0, current));
        form->addRow(m_kind == ActionKind::Transfer ? tr("Send the REFER to") : tr("Send a BYE to"), m_side);
        // The side decides the way (a proxy ends both legs only): the list follows it.
        connect(m_side, &QComboBox::currentIndexChanged, this, [this] {
            refreshTargets();
            validate();
        });
    }
    if (m_kind == ActionKind::Transfer)
    {
        m_uri = new QLineEdit(this);
        m_uri->setObjectName(u"uriEdit"_s);
        m_uri->setPlaceholderText(tr("e.g. sip:1001@example.com"));
        m_uri->setToolTip(tr("The party chosen above is asked (REFER) to call this URI."));
        form->addRow(tr("Transfer to"), m_uri);
        connect(m_uri, &QLineEdit::textChanged, this, revalidate);
    }
    if (m_kind == ActionKind::ChangeTimeout)
    {
        m_seconds = new QSpinBox(this);
        m_seconds->setObjectName(u"secondsSpin"_s);
        m_seconds->setRange(1, MaxTimeoutSeconds);
        m_seconds->setValue(DefaultTimeoutSeconds);
        m_seconds->setSuffix(tr(" s"));
        m_seconds->setToolTip(tr("The dialog's lifetime from now; when it runs out the call is ended with "
                                 "a BYE to both parties."));
        form->addRow(tr("New timeout"), m_seconds);
    }
    if (m_kind == ActionKind::SetProfile || m_kind == ActionKind::UnsetProfile ||
        m_kind == ActionKind::SetVariable)
    {
        const bool profile = m_kind != ActionKind::SetVariable;
        m_name = new QComboBox(this);
        m_name->setObjectName(u"nameBox"_s);
        m_name->setEditable(true);
        m_name->setInsertPolicy(QComboBox::NoInsert);
        QStringList names;
        QSet<QString> seen;
        for (qsizetype i = 0; i < std::min<qsizetype>(m_targets.size(), PreviewLimit); ++i)
        {
            const auto &d = m_targets.at(i).dialog;
            if (profile)
            {
                for (const auto &p : d.profiles)
                {
                    const QString name = fromStd(p.first);
                    if (!seen.contains(name))
                    {
                        seen.insert(name);
                        names << name;
                    }
                }
            }
            else
            {
                for (const auto &v : d.variables)
                {
                    const QString name = fromStd(v.first);
                    if (!seen.contains(name))
                    {
                        seen.insert(name);
                        names << name;
                    }
                }
            }
        }
        m_name->addItems(names);
        m_name->setCurrentText(m_kind == ActionKind::SetProfile ? QString() : names.value(0));
        m_value = new QLineEdit(this);
        m_value->setObjectName(u"valueEdit"_s);
        m_value->setPlaceholderText(profile ? tr("empty for a profile without values") : QString());
        form->addRow(profile ? tr("Profile") : tr("Variable"), m_name);
        form->addRow(tr("Value"), m_value);
        connect(m_name, &QComboBox::currentTextChanged, this, revalidate);
    }
    if (m_kind == ActionKind::Bridge)
    {
        m_from = new QLineEdit(this);
        m_from->setObjectName(u"bridgeFromEdit"_s);
        m_to = new QLineEdit(this);
        m_to->setObjectName(u"bridgeToEdit"_s);
        if (!m_targets.isEmpty())
        {
            m_from->setText(fromStd(m_targets.first().dialog.fromUri));
            m_to->setText(fromStd(m_targets.first().dialog.toUri));
        }
        m_from->setPlaceholderText(tr("e.g. sip:alice@example.com"));
        m_to->setPlaceholderText(tr("e.g. sip:bob@example.com"));
        m_from->setToolTip(tr("Called first; when it answers it is asked (REFER) to call the second party."));
        form->addRow(tr("Call first"), m_from);
        form->addRow(tr("Then connect to"), m_to);
        connect(m_from, &QLineEdit::textChanged, this, revalidate);
        connect(m_to, &QLineEdit::textChanged, this, revalidate);
    }
}

QString ActionConfirmDialog::side() const
{
    return m_side ? m_side->currentData().toString() : QString();
}

void ActionConfirmDialog::refreshTargets()
{
    const DialogAction action = dialogActionOf(m_kind);
    const QString side = this->side();
    m_open.clear();
    m_firstWhyNot.clear();
    if (m_kind == ActionKind::Bridge)
    {
        const DialogControl::Route route = m_control ? m_control->route(action, DialogRow{})
                                                     : DialogControl::Route{{}, tr("no dialog control")};
        m_bridgePath = route.path;
        m_firstWhyNot = route.whyNot;
        return;
    }
    m_list->setUpdatesEnabled(false);
    m_list->clear();
    QList<QTreeWidgetItem *> items;
    for (qsizetype i = 0; i < m_targets.size(); ++i)
    {
        const DialogRow &row = m_targets.at(i);
        const DialogControl::Route route = m_control ? m_control->route(action, row, side)
                                                     : DialogControl::Route{{}, tr("no dialog control")};
        const bool open = route.whyNot.isEmpty();
        m_open.append(open);
        if (!open && m_firstWhyNot.isEmpty())
        {
            m_firstWhyNot = route.whyNot;
        }
        if (i >= PreviewLimit)
        {
            continue;
        }
        auto *item =
            new QTreeWidgetItem({fromStd(row.dialog.callId),
                                 tr("%1 → %2").arg(fromStd(row.dialog.fromUri), fromStd(row.dialog.toUri)),
                                 row.origin, open ? route.path : tr("skipped: %1").arg(route.whyNot)});
        if (!open)
        {
            for (int c = 0; c < item->columnCount(); ++c)
            {
                item->setForeground(c, palette().brush(QPalette::Disabled, QPalette::Text));
            }
            item->setToolTip(3, route.whyNot);
        }
        items.append(item);
    }
    m_list->addTopLevelItems(items);
    m_list->setUpdatesEnabled(true);
    const qsizetype hidden = m_targets.size() - std::min<qsizetype>(m_targets.size(), PreviewLimit);
    m_more->setVisible(hidden > 0);
    m_more->setText(tr("… and %n more dialog(s) not listed here.", nullptr, static_cast<int>(hidden)));
}

int ActionConfirmDialog::skippedCount() const
{
    return static_cast<int>(std::count(m_open.cbegin(), m_open.cend(), false));
}

QList<DialogRow> ActionConfirmDialog::sendable() const
{
    QList<DialogRow> out;
    for (qsizetype i = 0; i < m_targets.size() && i < m_open.size(); ++i)
    {
        if (m_open.at(i))
        {
            out.append(m_targets.at(i));
        }
    }
    return out;
}

int ActionConfirmDialog::ratePerSecond() const
{
    return m_rate ? m_rate->value() : 1;
}

ControlRequest ActionConfirmDialog::request() const
{
    ControlRequest r;
    r.action = dialogActionOf(m_kind);
    r.side = side();
    if (m_uri)
    {
        r.uri = m_uri->text().trimmed();
    }
    if (m_seconds)
    {
        r.seconds = static_cast<quint32>(m_seconds->value());
    }
    if (m_name)
    {
        r.name = m_name->currentText().trimmed();
        r.value = m_value->text();
    }
    if (m_from)
    {
        r.bridgeFrom = m_from->text().trimmed();
        r.bridgeTo = m_to->text().trimmed();
    }
    return r;
}

QString ActionConfirmDialog::summary() const
{
    const int n = static_cast<int>(m_open.count(true));
    const bool one = n == 1;
    switch (m_kind)
    {
    case ActionKind::Terminate:
    case ActionKind::TerminateCaller:
    case ActionKind::TerminateCallee:
        if (side().isEmpty())
        {
            return one ? tr("End this call with a BYE to both parties.")
                       : tr("End these %1 calls with a BYE to both parties.").arg(n);
        }
        if (side() == "caller"_L1)
        {
            return one ? tr("Send a BYE to the caller of this call.")
                       : tr("Send a BYE to the caller of these %1 calls.").arg(n);
        }
        return one ? tr("Send a BYE to the callee of this call.")
                   : tr("Send a BYE to the callee of these %1 calls.").arg(n);
    case ActionKind::Transfer:
        return one ? tr("Transfer this call with a REFER.")
                   : tr("Transfer these %1 calls with a REFER.").arg(n);
    case ActionKind::ChangeTimeout:
        return one ? tr("Change the timeout of this dialog.")
                   : tr("Change the timeout of these %1 dialogs.").arg(n);
    case ActionKind::SetProfile:
        return one ? tr("Add this dialog to a profile.") : tr("Add these %1 dialogs to a profile.").arg(n);
    case ActionKind::UnsetProfile:
        return one ? tr("Remove this dialog from a profile.")
                   : tr("Remove these %1 dialogs from a profile.").arg(n);
    case ActionKind::SetVariable:
        return one ? tr("Set a variable on this dialog.") : tr("Set a variable on these %1 dialogs.").arg(n);
    case ActionKind::Bridge:
        return m_bridgePath.isEmpty() ? tr("Connect two parties (click-to-dial).")
                                      : tr("Connect two parties (click-to-dial) via %1.").arg(m_bridgePath);
    }
    return {};
}

void ActionConfirmDialog::validate()
{
    QString hint;
    const int open = static_cast<int>(m_open.count(true));
    if (m_kind == ActionKind::Bridge)
    {
        if (!m_firstWhyNot.isEmpty())
        {
            hint = tr("Cannot bridge: %1").arg(m_firstWhyNot);
        }
        else if (!isUri(m_from->text()) || !isUri(m_to->text()))
        {
            hint = tr("Enter both parties as SIP URIs (sip:user@host), then confirm.");
        }
    }
    else if (open == 0)
    {
        hint = tr("None of these dialogs can be acted on: %1").arg(m_firstWhyNot);
    }
    else if (m_uri && !isUri(m_uri->text()))
    {
        hint = tr("Enter the URI to transfer to (sip:, sips: or tel:), then confirm.");
    }
    else if (m_name && m_name->currentText().trimmed().isEmpty())
    {
        hint = m_kind == ActionKind::SetVariable
                   ? tr("Enter the variable's name, then confirm.")
                   : tr("Enter the profile's name as the proxy's dialog module knows it, then confirm.");
    }
    else if (m_name && m_name->currentText().trimmed().contains(u' '))
    {
        hint = tr("A name cannot contain spaces.");
    }
    else if (skippedCount() > 0)
    {
        // Not an error: said plainly before the operator confirms.
        m_hint->setStyleSheet(QString());
        m_hint->setText(tr("%n dialog(s) will be skipped; the list says why.", nullptr, skippedCount()));
        m_hint->show();
        m_summary->setText(summary());
        m_confirm->setEnabled(true);
        m_confirm->setText(tr("%1 (%n)", nullptr, open).arg(actionName(m_kind)));
        return;
    }
    m_hint->setStyleSheet(u"color: #b00020;"_s);
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    m_summary->setText(summary());
    m_confirm->setEnabled(hint.isEmpty());
    m_confirm->setText(m_kind == ActionKind::Bridge || open <= 1
                           ? actionName(m_kind)
                           : tr("%1 (%n)", nullptr, open).arg(actionName(m_kind)));
}
