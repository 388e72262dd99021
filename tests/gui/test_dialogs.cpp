#include "connectiondialog.h"
#include "recentconnections.h"
#include "settingswriter.h"
#include "guitest.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QComboBox>
#include <QTest>

class TestDialogs : public QObject {
    Q_OBJECT

    template <typename T>
    static T *child(QWidget *parent, const char *name)
    {
        auto *widget = parent->findChild<T *>(QLatin1String(name));
        if (!widget)
            qFatal("no child %s", name);
        return widget;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("KafkaDeskTests"));
    }
    void init()
    {
        const testsupport::TestSideBlocking waiting("the test waits for the settings written by the last one");
        QVERIFY(SettingsWriter::waitForWrites(5000));
        QSettings().clear();
        RecentConnections::reload();
    }

    void malformedBootstrapListIsRefused_data()
    {
        QTest::addColumn<QString>("servers");
        QTest::newRow("empty") << "";
        QTest::newRow("no port") << "kafka";
        QTest::newRow("bad port") << "kafka:99999";
    }
    void malformedBootstrapListIsRefused()
    {
        QFETCH(QString, servers);
        ConnectionDialog dialog;
        dialog.show();
        child<QRadioButton>(&dialog, "bootstrapRadio")->setChecked(true);
        child<QLineEdit>(&dialog, "bootstrapEdit")->setText(servers);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.errorText().isEmpty());
    }

    void unknownPropertyIsRefusedWithLibrdkafkasMessage()
    {
        ConnectionDialog dialog;
        dialog.show();
        child<QRadioButton>(&dialog, "bootstrapRadio")->setChecked(true);
        child<QLineEdit>(&dialog, "bootstrapEdit")->setText(QStringLiteral("localhost:9092"));
        child<QPlainTextEdit>(&dialog, "propertiesEdit")->setPlainText(QStringLiteral("client.id=x\nfoo.bar=1"));
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QVERIFY2(dialog.errorText().contains(QLatin1String("No such configuration property")),
                 qPrintable(dialog.errorText()));
        QVERIFY(dialog.errorText().contains(QLatin1String("foo.bar")));

        child<QPlainTextEdit>(&dialog, "propertiesEdit")->setPlainText(QStringLiteral("just words"));
        dialog.accept();
        QVERIFY(dialog.errorText().contains(QLatin1String("line 1")));
    }

    void validChoiceIsAcceptedAndRemembered()
    {
        {
            ConnectionDialog dialog;
            dialog.show();
            child<QRadioButton>(&dialog, "bootstrapRadio")->setChecked(true);
            child<QLineEdit>(&dialog, "bootstrapEdit")->setText(QStringLiteral(" kafka-1:9092,kafka-2:9092 "));
            child<QPlainTextEdit>(&dialog, "propertiesEdit")->setPlainText(QStringLiteral("client.id=desk"));
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QCOMPARE(dialog.spec().bootstrapServers, QStringLiteral("kafka-1:9092,kafka-2:9092"));
            QCOMPARE(dialog.spec().properties.size(), 1);
            RecentConnections::remember(dialog.spec());
        }
        RecentConnections::remember(kafka::ConnectionSpec::sandbox(5));
        QCOMPARE(RecentConnections::load().size(), 2);

        // The next dialog offers the most recent first and fills the fields from the list.
        ConnectionDialog next;
        auto *recent = child<QComboBox>(&next, "recentCombo");
        QCOMPARE(recent->count(), 3);
        QVERIFY(child<QRadioButton>(&next, "sandboxRadio")->isChecked());
        QCOMPARE(child<QSpinBox>(&next, "brokersSpin")->value(), 5);
        recent->setCurrentIndex(2);
        emit recent->activated(2);
        QVERIFY(child<QRadioButton>(&next, "bootstrapRadio")->isChecked());
        QCOMPARE(child<QLineEdit>(&next, "bootstrapEdit")->text(), QStringLiteral("kafka-1:9092,kafka-2:9092"));
        QCOMPARE(child<QPlainTextEdit>(&next, "propertiesEdit")->toPlainText(), QStringLiteral("client.id=desk"));
    }

    void recentListIsBoundedAndDeduplicated()
    {
        // 14 connections in a row, with no event loop between them: each
        // writes the settings file, off the GUI thread (SettingsWriter), so
        // the stall watchdog sees none of it.
        for (int i = 0; i < RecentConnections::MaxCount + 3; ++i)
            RecentConnections::remember(kafka::ConnectionSpec::bootstrap(QStringLiteral("h%1:9092").arg(i)));
        RecentConnections::remember(kafka::ConnectionSpec::bootstrap(QStringLiteral("h5:9092")));
        const auto check = [](const QList<kafka::ConnectionSpec> &recent) {
            QCOMPARE(recent.size(), RecentConnections::MaxCount);
            QCOMPARE(recent.first().bootstrapServers, QStringLiteral("h5:9092"));
            QCOMPARE(recent.at(1).bootstrapServers, QStringLiteral("h12:9092"));
            QCOMPARE(std::count_if(recent.begin(), recent.end(),
                                   [](const auto &s) { return s.bootstrapServers == QLatin1String("h5:9092"); }),
                     1);
        };
        check(RecentConnections::load());
        if (QTest::currentTestFailed())
            return;
        // The last write wins on disk too: read back from the file.
        {
            const testsupport::TestSideBlocking waiting("the test waits for the settings writes");
            RecentConnections::reload();
        }
        check(RecentConnections::load());
    }
};

KAFKADESK_GUITEST_MAIN(TestDialogs)
#include "test_dialogs.moc"
