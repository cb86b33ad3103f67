// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/alarmrulesdialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

AlarmRulesDialog::AlarmRulesDialog(AlarmRules::Context context, QWidget *parent)
    : QDialog(parent)
    , m_context(std::move(context))
    , m_editor(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"alarmRulesDialog"_s);
    setWindowTitle(tr("Alarm rules"));
    m_editor->setObjectName(u"rulesEditor"_s);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setPlainText(AlarmRules::toText(AlarmRules::load()));
    m_error->setObjectName(u"errorLabel"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(u"color: #b00020;"_s);
    m_error->hide();

    auto *help = new QLabel(
        tr("One rule a line, as key=value words (quote values with spaces); lines starting with # are "
           "notes.\n"
           "kind=profile target=PROFILE[=VALUE] threshold=N or N% (of its limit in Charts/Limits) · kind=age "
           "/ "
           "early / noack seconds=N count=N · kind=silent [target=FEED] seconds=N · kind=proxy-down "
           "[target=PROXY] · kind=failure-rate threshold=X% seconds=WINDOW count=MIN-ANSWERS.\n"
           "Every rule: name=\"…\" severity=critical|major|minor|warning raise=S clear=S (hold times) "
           "[hysteresis=N] [enabled=no].\nExample: name=\"trunk nearly full\" kind=profile target=trunk "
           "threshold=80% severity=major clear=10"),
        this);
    help->setWordWrap(true);
    help->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(help);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] { validate(); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AlarmRulesDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(820, 420);
}

QStringList AlarmRulesDialog::validate()
{
    QList<AlarmRule> rules;
    const QStringList problems = AlarmRules::parseText(m_editor->toPlainText(), rules, m_context);
    m_error->setText(
        problems.isEmpty() ? QString() : tr("Fix these lines, then press OK:\n%1").arg(problems.join(u'\n')));
    m_error->setVisible(!problems.isEmpty());
    return problems;
}

bool AlarmRulesDialog::apply()
{
    QList<AlarmRule> rules;
    if (!AlarmRules::parseText(m_editor->toPlainText(), rules, m_context).isEmpty())
    {
        validate();
        return false;
    }
    AlarmRules::save(rules);
    return true;
}

void AlarmRulesDialog::accept()
{
    if (apply())
    {
        QDialog::accept();
    }
}
