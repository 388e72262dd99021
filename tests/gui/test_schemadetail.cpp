// The consumer's detail view with a Schema Registry URL: keys and values in
// the registry's wire format are decoded on the network pool, and what goes
// wrong is said in the header while the bytes stay shown (the stall watchdog
// of KAFKADESK_GUITEST_MAIN fails the test if the GUI thread waits).
// Sandbox only: the decoding itself is test_schemadecoding's.

#include "consumerpanel.h"
#include "mainwindow.h"
#include "messagesmodel.h"

#include "guitest.h"
#include "kcat.h"
#include "testcluster.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

class TestSchemaDetail : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void registryTroubleIsShownAndTheBytesStay()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.connectTo(testsupport::TestCluster::windowSpec(1)));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStateText().startsWith(QLatin1String("Connected")), 10000);
        const QString topic = testsupport::TestCluster::windowTopic(*window.connection());
        QVERIFY(!topic.isEmpty());
        // Schema id 7, then bytes that no registry here will ever decode.
        QTemporaryDir dir;
        QFile payload(dir.filePath(QStringLiteral("wire.bin")));
        QVERIFY(payload.open(QIODevice::WriteOnly));
        payload.write(QByteArray("\x00\x00\x00\x00\x07hello", 10));
        payload.close();
        // The Avro string "hello" (its length 5 zigzagged: 0x0a), under schema id 7.
        QFile avro(dir.filePath(QStringLiteral("avro.bin")));
        QVERIFY(avro.open(QIODevice::WriteOnly));
        avro.write(QByteArray("\x00\x00\x00\x00\x07\x0ahello", 11));
        avro.close();
        QFile avsc(dir.filePath(QStringLiteral("greeting.avsc")));
        QVERIFY(avsc.open(QIODevice::WriteOnly));
        avsc.write("\"string\"");
        avsc.close();
        const auto produced = testsupport::kcat({QStringLiteral("-P"), QStringLiteral("-b"),
                                                 window.connection()->bootstrapServers(), QStringLiteral("-t"), topic,
                                                 QStringLiteral("-p"), QStringLiteral("0"), payload.fileName(),
                                                 avro.fileName()});
        QVERIFY2(produced.finished && produced.exitCode == 0, produced.err.constData());

        ConsumerPanel *panel = window.consumerPanels().first();
        panel->setTopics(topic);
        panel->setGroup(testsupport::TestCluster::name(QStringLiteral("schemas")));
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("startButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->messagesModel()->rowCount(), 2, 20000);
        auto *view = panel->findChild<QTableView *>(QStringLiteral("messagesView"));
        view->setCurrentIndex(panel->messagesModel()->index(0, 0));
        const QString raw = panel->detailText();
        QVERIFY(!raw.isEmpty());
        auto *header = panel->findChild<QLabel *>(QStringLiteral("detailHeaderLabel"));
        QVERIFY(!header->text().contains(QLatin1String("Schema:")));

        auto *registry = panel->findChild<QLineEdit *>(QStringLiteral("registryEdit"));
        QVERIFY(registry);
        // The connection profile's registry, as the window hands it to its
        // consumers after connecting.
        window.setSchemaRegistryUrl(QStringLiteral("http://127.0.0.1:1"));
        QCOMPARE(registry->text(), QStringLiteral("http://127.0.0.1:1"));
        QTRY_VERIFY2_WITH_TIMEOUT(
            header->text().contains(QLatin1String("value not decoded: cannot reach the schema registry at http://127.0.0.1:1")),
            qPrintable(header->text()), 10000);
        QCOMPARE(panel->detailText(), raw);

        registry->setFocus();
        registry->clear();
        QTest::keyClick(registry, Qt::Key_Return);
        QVERIFY(!header->text().contains(QLatin1String("Schema:")));

        // A local Avro schema, read and parsed off the GUI thread: the value
        // shown decoded, said so in the header.
        view->setCurrentIndex(panel->messagesModel()->index(1, 0));
        QTest::keyClicks(registry, avsc.fileName());
        QTest::keyClick(registry, Qt::Key_Return);
        QTRY_VERIFY2_WITH_TIMEOUT(header->text().contains(QLatin1String("value decoded with schema 7 (AVRO)")),
                                  qPrintable(header->text()), 10000);
        QCOMPARE(panel->detailText().trimmed(), QStringLiteral("\"hello\""));
    }
};

KAFKADESK_GUITEST_MAIN(TestSchemaDetail)
#include "test_schemadetail.moc"
