// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMenu>
#include <QStringList>

class QActionGroup;

/// @brief Settings → Language: "System default" and each language CallDeck ships, by its own
/// name (Deutsch, Español, Français), one checked. Choosing one emits languageChosen(); app/
/// saves it and switches the catalogues at once (the windows retranslate on LanguageChange).
class LanguageMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageMenu)

public:
    /// @param languages codes with a catalogue, e.g. {"de", "es", "fr"}
    /// @param current the saved choice ("" = the system's language)
    LanguageMenu(const QStringList &languages, const QString &current, QWidget *parent = nullptr);

    /// @brief A language by its own name, capitalised: "Deutsch", "Français", "English".
    static QString nativeName(const QString &code);

    /// @brief The checked choice ("" = system default).
    QString current() const;
    void setCurrent(const QString &language);

signals:
    void languageChosen(const QString &language);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QActionGroup *m_group;
    QAction *m_system;
};
