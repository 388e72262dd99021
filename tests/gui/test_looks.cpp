// How the window looks and is driven from the keyboard: every command has
// keys of its own, listed in Help; the toolbar has icons; the dark palette
// (View → Colours) reaches the window, the JSON colours and the connection
// dialog's warnings; the consumer's table and the Groups tab fit a
// 1400×900 screen.
#include "appearance.h"
#include "connectiondialog.h"
#include "consumerpanel.h"
#include "groupsmodel.h"
#include "jsonhighlighter.h"
#include "kafka/connection.h"
#include "mainwindow.h"
#include "messagesmodel.h"
#include "settingswriter.h"
#include "shortcutsdialog.h"
#include "guitest.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextDocument>
#include <QToolBar>
#include <QTreeView>

namespace {

double luminance(const QColor &colour)
{
    const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF());
}

// WCAG's contrast ratio: 1 (none) to 21 (black on white); 4.5 reads as body text.
double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestLooks : public QObject {
    Q_OBJECT

    static void waitForSettings()
    {
        const testsupport::TestSideBlocking waiting("the test waits for the settings the window wrote");
        QVERIFY(SettingsWriter::waitForWrites(5000));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("KafkaDeskTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_looks"));
        QSettings().clear();
    }
    void init()
    {
        // Each test starts as a first run: no remembered size, splitter or colours.
        waitForSettings();
        QSettings().clear();
    }
    void cleanup() { waitForSettings(); }

    // The colours the app adds to text read on both palettes, on windows and in views.
    void addedTextColoursRead()
    {
        for (const QPalette &palette : {appearance::lightPalette(), appearance::darkPalette()}) {
            for (const QColor &colour : {appearance::errorText(palette), appearance::warningText(palette),
                                         appearance::successText(palette), appearance::dimText(palette)}) {
                for (QPalette::ColorRole background : {QPalette::Window, QPalette::Base})
                    QVERIFY2(contrast(colour, palette.color(background)) >= 4.5,
                             qPrintable(colour.name() + QStringLiteral(" on ") + palette.color(background).name()));
            }
        }
    }

    void everyCommandHasItsOwnKeys()
    {
        MainWindow window;
        const QList<QAction *> commands = ShortcutsDialog::commands(window.menuBar());
        QVERIFY2(commands.size() >= 15, qPrintable(QString::number(commands.size())));
        QHash<QKeySequence, QString> taken;
        for (QAction *action : commands) {
            const QString name = ShortcutsDialog::commandName(action, window.menuBar());
            QVERIFY2(!action->shortcuts().isEmpty(), qPrintable(name + QStringLiteral(" has no shortcut")));
            for (const QKeySequence &keys : action->shortcuts()) {
                QVERIFY2(!taken.contains(keys), qPrintable(keys.toString() + QStringLiteral(": ") + name +
                                                           QStringLiteral(" and ") + taken.value(keys)));
                taken.insert(keys, name);
            }
        }
        // Shortcuts outside the menus (the producer's Ctrl+Return) clash with none of them.
        for (const QShortcut *shortcut : window.findChildren<QShortcut *>())
            QVERIFY2(!taken.contains(shortcut->key()), qPrintable(shortcut->key().toString()));
        // The usual keys.
        QCOMPARE(window.findChild<QAction *>(QStringLiteral("actionRefresh"))->shortcut(), QKeySequence(Qt::Key_F5));
        QCOMPARE(window.findChild<QAction *>(QStringLiteral("actionQuit"))->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::Key_Q));
        QCOMPARE(window.findChild<QAction *>(QStringLiteral("actionKeyboardShortcuts"))->shortcut(),
                 QKeySequence(Qt::Key_F1));

        // Help → Keyboard Shortcuts lists exactly these, read from the actions.
        ShortcutsDialog dialog(window.menuBar(), &window);
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
        QVERIFY(table);
        QCOMPARE(table->rowCount(), commands.size());
        for (int row = 0; row < commands.size(); ++row) {
            QCOMPARE(table->item(row, 0)->text(), ShortcutsDialog::commandName(commands[row], window.menuBar()));
            QCOMPARE(table->item(row, 1)->text(), commands[row]->shortcut().toString(QKeySequence::NativeText));
        }
        QVERIFY(ShortcutsDialog::commandName(commands.first(), window.menuBar())
                    .startsWith(QStringLiteral("Cluster → ")));
    }

    // A menu's Alt key that a visible button or label also uses works for
    // neither (Qt calls it ambiguous): none of the tabs may share one.
    void menuMnemonicsAreNotTakenByATab()
    {
        MainWindow window;
        window.resize(1260, 810);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QMap<QKeySequence, QString> menus;
        for (QAction *menu : window.menuBar()->actions())
            menus.insert(QKeySequence::mnemonic(menu->text()), menu->text());
        QCOMPARE(menus.size(), window.menuBar()->actions().size());
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("workTabs"));
        for (int tab = 0; tab < tabs->count(); ++tab) {
            tabs->setCurrentIndex(tab);
            QWidget *page = tabs->widget(tab);
            QStringList texts;
            for (const QAbstractButton *button : page->findChildren<QAbstractButton *>())
                if (button->isVisibleTo(&window))
                    texts.append(button->text());
            for (const QLabel *label : page->findChildren<QLabel *>())
                if (label->buddy() && label->isVisibleTo(&window))
                    texts.append(label->text());
            for (const QString &text : std::as_const(texts)) {
                const QKeySequence keys = QKeySequence::mnemonic(text);
                QVERIFY2(keys.isEmpty() || !menus.contains(keys),
                         qPrintable(tabs->tabText(tab) + QStringLiteral(": '") + text + QStringLiteral("' and menu '") +
                                    menus.value(keys) + QLatin1Char('\'')));
            }
        }
    }

    void toolbarCommandsHaveIcons()
    {
        MainWindow window;
        auto *toolBar = window.findChild<QToolBar *>(QStringLiteral("toolBar"));
        QVERIFY(toolBar);
        int commands = 0;
        for (QAction *action : toolBar->actions()) {
            if (action->isSeparator())
                continue;
            ++commands;
            QVERIFY2(!action->icon().isNull(), qPrintable(action->text()));
            QVERIFY2(!action->icon().pixmap(16).isNull(), qPrintable(action->text()));
        }
        QVERIFY(commands >= 9);
    }

    void darkReachesEverythingAndIsRemembered()
    {
        MainWindow window;
        JsonHighlighter lightJson(new QTextDocument(&window));
        const QColor lightName = lightJson.nameColour();

        window.setColourScheme(appearance::Scheme::Dark);
        waitForSettings();
        QCOMPARE(QSettings().value(QStringLiteral("appearance/colours")).toString(), QStringLiteral("dark"));
        QVERIFY(window.findChild<QAction *>(QStringLiteral("actionColoursDark"))->isChecked());
        // The widgets take the application's palette as its change event arrives.
        QTRY_VERIFY(appearance::isDark(window.palette()));
        const QPalette dark = window.palette();
        QVERIFY(contrast(dark.color(QPalette::Text), dark.color(QPalette::Base)) >= 7);
        QVERIFY(contrast(dark.color(QPalette::WindowText), dark.color(QPalette::Window)) >= 7);
        QVERIFY(contrast(dark.color(QPalette::HighlightedText), dark.color(QPalette::Highlight)) >= 4.5);
        QVERIFY(contrast(appearance::errorText(dark), dark.color(QPalette::Window)) >= 4.5);

        // The JSON colours change with the palette, already made highlighters too.
        JsonHighlighter darkJson(new QTextDocument(&window));
        QVERIFY(lightJson.nameColour() != lightName);
        QCOMPARE(lightJson.nameColour(), darkJson.nameColour());
        for (const QColor &colour : {darkJson.nameColour(), darkJson.stringColour(), darkJson.numberColour(),
                                     darkJson.literalColour()})
            QVERIFY2(contrast(colour, dark.color(QPalette::Base)) >= 4.5, qPrintable(colour.name()));

        // The connection dialog's warning is red that reads on dark.
        {
            ConnectionDialog dialog(&window);
            auto *warning = dialog.findChild<QLabel *>(QStringLiteral("verifyWarning"));
            QVERIFY(warning);
            QVERIFY(warning->styleSheet().contains(appearance::errorText(dark).name()));
        }

        window.setColourScheme(appearance::Scheme::Light);
        waitForSettings();
        QCOMPARE(QSettings().value(QStringLiteral("appearance/colours")).toString(), QStringLiteral("light"));
        QTRY_VERIFY(!appearance::isDark(window.palette()));
        const QPalette light = window.palette();
        QCOMPARE(darkJson.nameColour(), lightName);
        for (const QColor &colour : {darkJson.nameColour(), darkJson.stringColour(), darkJson.numberColour(),
                                     darkJson.literalColour()})
            QVERIFY2(contrast(colour, light.color(QPalette::Base)) >= 4.5, qPrintable(colour.name()));
        QVERIFY(contrast(appearance::errorText(light), light.color(QPalette::Window)) >= 4.5);

        // A new window starts with the scheme chosen last.
        window.setColourScheme(appearance::Scheme::Dark);
        waitForSettings();
        appearance::apply(appearance::Scheme::System);
        MainWindow next;
        QTRY_VERIFY(appearance::isDark(next.palette()));
        QVERIFY(next.findChild<QAction *>(QStringLiteral("actionColoursDark"))->isChecked());
        next.setColourScheme(appearance::Scheme::System);
        QTRY_COMPARE(appearance::isDark(next.palette()), appearance::systemIsDark());
    }

    // The Groups tab's walk (README "Four ideas"): a member joins in one
    // click, takes the topic's partitions, and leaves in one more.
    void groupMembersJoinAndLeaveFromTheGroupsTab()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.connectTo(kafka::ConnectionSpec::sandbox(1)));
        const QString topic = kafka::Connection::defaultSandboxTopic(1).name;
        const int partitions = kafka::Connection::defaultSandboxTopic(1).partitions;
        window.selectTopic(topic);
        auto *add = window.findChild<QPushButton *>(QStringLiteral("addMemberButton"));
        auto *remove = window.findChild<QPushButton *>(QStringLiteral("removeMemberButton"));
        QVERIFY(add && remove);
        QTRY_VERIFY_WITH_TIMEOUT(add->isEnabled(), 10000);
        QVERIFY(!remove->isEnabled()); // no member yet

        const qsizetype before = window.consumerPanels().size();
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(window.consumerPanels().size(), before + 1);
        ConsumerPanel *member = window.consumerPanels().last();
        QVERIFY(member->isRunning());
        QVERIFY(member->isGroupMember());
        QTRY_COMPARE_WITH_TIMEOUT(member->assignment().size(), partitions, 15000);
        // The group tree shows it with its partitions.
        QTRY_VERIFY(!window.groupsModel()->match(window.groupsModel()->index(0, 0), Qt::DisplayRole, member->title(), 1,
                                                 Qt::MatchRecursive).isEmpty());
        QVERIFY(remove->isEnabled());

        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!member->isRunning(), 15000);
        QTRY_VERIFY(!remove->isEnabled());
    }

    void navigatorWidthIsRemembered()
    {
        int navigator = 0;
        {
            MainWindow window;
            window.resize(1260, 810);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *splitter = window.findChild<QSplitter *>(QStringLiteral("splitter"));
            QVERIFY(splitter);
            splitter->setSizes({410, 850});
            navigator = splitter->sizes().value(0);
            QVERIFY(navigator > 380); // not the first-run width (260)
            QVERIFY(!window.close()); // closes itself once its (no) clients stopped
            QTRY_VERIFY(!window.isVisible());
        }
        waitForSettings();
        MainWindow next;
        next.show();
        QVERIFY(QTest::qWaitForWindowExposed(&next));
        QCOMPARE(next.findChild<QSplitter *>(QStringLiteral("splitter"))->sizes().value(0), navigator);
    }

    void fitsA1400By900Screen()
    {
        MainWindow window;
        window.resize(1260, 810); // the first-run size on a 1400×900 screen (90%)
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // The consumer's table: partition, offset, timestamp, key and value
        // (its column whole, at least 16 characters) without scrolling sideways.
        ConsumerPanel *consumer = window.consumerPanels().value(0);
        QVERIFY(consumer);
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("workTabs"));
        tabs->setCurrentWidget(consumer);
        auto *messages = consumer->findChild<QTableView *>(QStringLiteral("messagesView"));
        QVERIFY(messages);
        QTRY_VERIFY(messages->isVisible());
        const int digit = messages->fontMetrics().horizontalAdvance(QLatin1Char('0'));
        const QHeaderView *header = messages->horizontalHeader();
        const int valueEnd = header->sectionPosition(MessagesModel::ValueColumn) +
                             header->sectionSize(MessagesModel::ValueColumn);
        QVERIFY(header->sectionSize(MessagesModel::ValueColumn) >= 16 * digit);
        QVERIFY2(valueEnd <= messages->viewport()->width(),
                 qPrintable(QStringLiteral("value ends at %1 of %2").arg(valueEnd).arg(messages->viewport()->width())));

        // The Groups tab's first header is not cut.
        auto *groups = window.findChild<QTreeView *>(QStringLiteral("groupsView"));
        QVERIFY(groups);
        QVERIFY(groups->header()->sectionSize(GroupsModel::NameColumn) >=
                groups->header()->sectionSizeHint(GroupsModel::NameColumn));
    }
};

KAFKADESK_GUITEST_MAIN(TestLooks)
#include "test_looks.moc"
