#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QMenuBar;

// Help → Keyboard Shortcuts: every command of the menu bar with its keys,
// read from the actions themselves (never a list kept by hand, which would
// drift from what the keys really do).
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QMenuBar *menuBar, QWidget *parent = nullptr);

    // The commands of a menu bar, menu by menu, without separators and the
    // entries that only open a submenu (their commands are listed instead).
    static QList<QAction *> commands(const QMenuBar *menuBar);
    // "Cluster → Connect…" for an action of that menu: the menu path, mnemonics removed.
    static QString commandName(const QAction *action, const QMenuBar *menuBar);
};
