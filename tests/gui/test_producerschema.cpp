// The Produce tab's schema choice (SchemaChooser in ProducerPanel), driven
// as a user would on the sandbox: a local .avsc encodes the value typed as
// JSON, and kcat reads back exactly the Avro binary written out by hand
// below; a value that does not match, an unloaded schema and a registry that
// cannot be reached are each said, and nothing is sent. The encoders
// themselves are tested against independent decoders in test_schemaencoding
// and test_schemaregistry.

#include "deliveriesmodel.h"
#include "producerpanel.h"
#include "schemachooser.h"

#include "guitest.h"
#include "kcat.h"
#include "testcluster.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kafka;

class TestProducerSchema : public QObject {
    Q_OBJECT

    template <typename T>
    static T *widget(QWidget *parent, const char *name)
    {
        auto *w = parent->findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qFatal("no widget %s", name);
        return w;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void valueTypedAsJsonIsSentEncoded()
    {
        auto cluster = testsupport::TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const QString topic = testsupport::TestCluster::name(QStringLiteral("schema-produce"));
        QVERIFY(!cluster.value()->createTopic(TopicSpec{topic, 1, 1}));
        QTemporaryDir dir;
        QFile avsc(dir.filePath(QStringLiteral("r.avsc")));
        QVERIFY(avsc.open(QIODevice::WriteOnly));
        avsc.write(R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"s","type":"string"}]})");
        avsc.close();

        ProducerPanel panel;
        testsupport::ModelTester deliveriesTester(panel.deliveriesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setConnection({cluster.value()->bootstrapServers(), {}});
        panel.setTopics({topic});
        panel.show();
        widget<QComboBox>(&panel, "topicCombo")->setEditText(topic);
        SchemaChooser *chooser = panel.schemaChooser();
        auto *status = widget<QLabel>(&panel, "schemaStatusLabel");
        auto *produce = widget<QPushButton>(&panel, "produceButton");
        auto *value = widget<QPlainTextEdit>(&panel, "valueEdit");

        // Chosen but not loaded: said, nothing sent.
        chooser->setLocalFile(avsc.fileName());
        QVERIFY(status->isVisible());
        value->setPlainText(QStringLiteral("{\"a\":-1,\"s\":\"xy\"}"));
        QTest::mouseClick(produce, Qt::LeftButton);
        QVERIFY2(panel.messageText().contains(QLatin1String("Load the schema first")), qPrintable(panel.messageText()));

        QSignalSpy loaded(chooser, &SchemaChooser::loaded);
        QTest::mouseClick(widget<QPushButton>(&panel, "schemaLoadButton"), Qt::LeftButton);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(chooser->loadedDescription(), QStringLiteral("the local AVRO schema r.avsc"));
        QVERIFY2(status->text().contains(QLatin1String("Values are encoded with the local AVRO schema r.avsc")),
                 qPrintable(status->text()));
        QTest::mouseClick(produce, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel.tally().delivered, 1, 10000);

        // Not the schema's: the reason, and no message.
        value->setPlainText(QStringLiteral("{\"a\":\"one\",\"s\":\"\"}"));
        QTest::mouseClick(produce, Qt::LeftButton);
        QVERIFY2(panel.messageText().contains(QLatin1String("a should be an int")), qPrintable(panel.messageText()));
        QCOMPARE(panel.tally().sent, 1);

        // Avro binary: a = -1 is zigzag 1, then "xy" as its length (2, zigzag 4) and bytes.
        QList<testsupport::KcatMessage> read = testsupport::readExactly(cluster.value()->bootstrapServers(), topic);
        QCOMPARE(read.size(), 1);
        QCOMPARE(read[0].value, std::optional<QByteArray>(QByteArray("\x01\x04xy", 4)));

        // A bulk run sends its values as written, schema or not (the line
        // under the schema says so): the template is not encoded.
        value->setPlainText(QStringLiteral("bulk-{i}"));
        widget<QSpinBox>(&panel, "countSpin")->setValue(2);
        QTest::mouseClick(widget<QPushButton>(&panel, "bulkButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel.tally().delivered, 3, 10000);
        value->setPlainText(QStringLiteral("{\"a\":\"one\",\"s\":\"\"}"));

        // A registry nobody answers at: the load fails with the reason, the
        // value is not sent; "No schema" sends the text as typed again.
        chooser->setRegistry(QStringLiteral("http://127.0.0.1:1"), QStringLiteral("orders-value"));
        QTest::mouseClick(widget<QPushButton>(&panel, "schemaLoadButton"), Qt::LeftButton);
        QVERIFY(loaded.wait(10000));
        QVERIFY(chooser->loadedDescription().isEmpty());
        QVERIFY2(status->text().contains(QLatin1String("cannot reach the schema registry at http://127.0.0.1:1")),
                 qPrintable(status->text()));
        QTest::mouseClick(produce, Qt::LeftButton);
        QCOMPARE(panel.tally().sent, 3);
        widget<QComboBox>(&panel, "schemaSourceCombo")->setCurrentIndex(0);
        QVERIFY(!status->isVisible());
        QTest::mouseClick(produce, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel.tally().delivered, 4, 10000);
        read = testsupport::readExactly(cluster.value()->bootstrapServers(), topic);
        QCOMPARE(read.size(), 4);
        QCOMPARE(read[1].value, std::optional<QByteArray>("bulk-0"));
        QCOMPARE(read[2].value, std::optional<QByteArray>("bulk-1"));
        QCOMPARE(read[3].value, std::optional<QByteArray>("{\"a\":\"one\",\"s\":\"\"}"));
    }
};

KAFKADESK_GUITEST_MAIN(TestProducerSchema)
#include "test_producerschema.moc"
