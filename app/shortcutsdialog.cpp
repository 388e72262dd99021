#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QString plain(QString text)
{
    // "&Connect…" → "Connect…"; "&&" is a literal ampersand.
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}

void collect(const QMenu *menu, const QString &path, QList<std::pair<QAction *, QString>> &out)
{
    for (QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        const QString name = path + QStringLiteral(" → ") + plain(action->text());
        if (const QMenu *sub = action->menu())
            collect(sub, name, out);
        else
            out.append({action, name});
    }
}

QList<std::pair<QAction *, QString>> commandsWithNames(const QMenuBar *menuBar)
{
    QList<std::pair<QAction *, QString>> out;
    for (QAction *top : menuBar->actions())
        if (const QMenu *menu = top->menu())
            collect(menu, plain(top->text()), out);
    return out;
}

} // namespace

QList<QAction *> ShortcutsDialog::commands(const QMenuBar *menuBar)
{
    QList<QAction *> actions;
    for (const auto &[action, name] : commandsWithNames(menuBar))
        actions.append(action);
    return actions;
}

QString ShortcutsDialog::commandName(const QAction *action, const QMenuBar *menuBar)
{
    for (const auto &[candidate, name] : commandsWithNames(menuBar))
        if (candidate == action)
            return name;
    return plain(action->text());
}

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menuBar, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    const auto commands = commandsWithNames(menuBar);
    auto *table = new QTableWidget(int(commands.size()), 2, this);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({tr("Command"), tr("Keys")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    for (int row = 0; row < commands.size(); ++row) {
        const auto &[action, name] = commands[row];
        table->setItem(row, 0, new QTableWidgetItem(name));
        const QStringList keys = [action = action] {
            QStringList texts;
            for (const QKeySequence &keys : action->shortcuts())
                texts.append(keys.toString(QKeySequence::NativeText));
            return texts;
        }();
        table->setItem(row, 1, new QTableWidgetItem(keys.isEmpty() ? tr("(none)") : keys.join(tr(" or "))));
    }
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    // Every row in view without scrolling, for today's two dozen commands.
    resize(520, std::min(720, table->verticalHeader()->length() + table->horizontalHeader()->height() + 90));
}
