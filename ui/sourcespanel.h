// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QTreeWidget;

/// @brief The "Sources" dock's content: the feeds CallDeck is configured with and their state.
/// Without feed options this is the embedded default, the HEP/raw-SIP listener on
/// 127.0.0.1:9060; "--hep off" switches it off and leaves the list empty.
class SourcesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourcesPanel)

public:
    enum Column
    {
        FeedColumn,
        AddressColumn,
        StateColumn,
        ColumnCount
    };

    explicit SourcesPanel(bool embeddedListener, QWidget *parent = nullptr);

    QTreeWidget *list() const;
    /// @brief Feeds that are configured (listed), whatever their state.
    int configuredCount() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    bool m_embeddedListener;
    QTreeWidget *m_list;
    QLabel *m_hint;
};
