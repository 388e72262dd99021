// Decoded values in the consumer's table, its filter and Export…: keys and
// values decoded with a schema (here a local .avsc, the data encoded by
// fastavro, independent of the libavro we decode with: schema_test_data.py)
// are kept beside their bytes, shown marked as decoded, matched by the
// filter, and exported decoded on request with the bytes unchanged. A
// payload that does not decode says why on its message and stays.
// Sandbox only: the decoding itself is test_schemadecoding's.

#include "consumerpanel.h"
#include "exportworker.h"
#include "mainwindow.h"
#include "messagefilter.h"
#include "messagesmodel.h"

#include "kafka/decodedpart.h"
#include "kafka/payload.h"
#include "kafka/recordformat.h"
#include "kafka/schemadecoder.h"

#include "guitest.h"
#include "kcat.h"
#include "modeltester.h"
#include "testcluster.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QTableView>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

// The payment of schema_test_data.py as our Avro decoder writes it
// (test_schemadecoding checks it field by field). Its "status":"PAID" is an
// enum: in the bytes it is only the symbol's index, so only the decoded text
// holds it.
const QByteArray PaymentJson =
    "{\"id\":\"p-1\",\"amount\":12.5,\"customer\":{\"name\":\"Zoë \\\"Z\\\"\",\"vip\":true},\"coupon\":{\"string\":\"SAVE10\"},"
    "\"note\":null,\"raw\":\"\\u0000\\u00ff\\u0022\\u005cA\",\"paid_at\":1704164645678,\"status\":\"PAID\",\"tags\":[\"a\",\"b\"]}";
const QString OnlyDecoded = QStringLiteral("\"status\":\"PAID\"");

} // namespace

class TestDecodedMessages : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;

    QByteArray data(const QString &name) const
    {
        const testsupport::TestSideBlocking allow("the test reads the encoder's output");
        QFile file(m_data.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QList<QByteArray> lines(const QString &path) const
    {
        const testsupport::TestSideBlocking allow("the test reads an exported file");
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QList<QByteArray> out = file.readAll().split('\n');
        if (!out.isEmpty() && out.last().isEmpty())
            out.removeLast();
        return out;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_data.isValid());
        const QString python = qEnvironmentVariable("KAFKADESK_SCHEMA_PYTHON");
        QVERIFY2(!python.isEmpty(), "KAFKADESK_SCHEMA_PYTHON (set by CTest) names the encoder's Python");
        const testsupport::TestSideBlocking allow("the test runs the encoder");
        const auto made = testsupport::run(python, {QStringLiteral(KAFKADESK_SCHEMA_DATA_SCRIPT), m_data.path()});
        QVERIFY2(made.finished && made.exitCode == 0, made.err.constData());
        QVERIFY(!data(QStringLiteral("avro-bare.bin")).isEmpty());
    }

    // With a registry, any key starting with 0x00 is asked about: a
    // big-endian long (Kafka's LongSerializer) is not in the wire format,
    // fails to decode, and must still show its bytes, the reason aside.
    void aKeyThatMerelyStartsWithZeroIsStillShown()
    {
        kafka::SchemaDecoder decoder(kafka::SchemaRegistrySettings{QStringLiteral("http://127.0.0.1:1"), {}, {},
                                                                   std::chrono::milliseconds(2000)});
        const QByteArray key = QByteArray::fromHex("00000000000000ff"); // the long 255
        kafka::RecordBatch batch;
        batch.append(QStringLiteral("longs"), 0, 1, 1000, QByteArrayView(key), QByteArrayView("plain text"));
        {
            const testsupport::TestSideBlocking allow("the test decodes against a closed port");
            kafka::decodeBatch(batch, &decoder, false);
        }
        MessagesModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append({batch});
        const auto keyCell = [&model](int role) { return model.data(model.index(0, MessagesModel::KeyColumn), role); };
        QCOMPARE(keyCell(MessagesModel::DecodingRole).toInt(), int(kafka::DecodedPart::State::Failed));
        QCOMPARE(keyCell(Qt::DisplayRole).toString(), QStringLiteral("\u26a0 00 00 00 00 00 00 00 ff"));
        QVERIFY2(keyCell(Qt::ToolTipRole).toString().contains(QLatin1String("cannot reach the schema registry")),
                 qPrintable(keyCell(Qt::ToolTipRole).toString()));
        QVERIFY(keyCell(Qt::ForegroundRole).isValid());
        // The value, text, was not asked about.
        QCOMPARE(model.data(model.index(0, MessagesModel::ValueColumn)).toString(), QStringLiteral("plain text"));
    }

    // The model, the filter and the export worker over records decoded as
    // the consumer worker decodes them (kafka::decodeBatch).
    void decodedValuesAreShownFilteredAndExported()
    {
        auto decoder = kafka::localSchemaDecoder(m_data.filePath(QStringLiteral("payment.avsc")));
        QVERIFY2(decoder.ok(), qPrintable(decoder.error().message));
        const QByteArray bare = data(QStringLiteral("avro-bare.bin"));
        const QByteArray truncated = data(QStringLiteral("avro-truncated.bin"));
        kafka::RecordBatch batch;
        const QString topic = QStringLiteral("payments");
        batch.append(topic, 0, 10, 1000, QByteArrayView("k1"), QByteArrayView(bare));
        batch.append(topic, 0, 11, 1001, QByteArrayView("k2"), QByteArrayView(truncated));
        batch.append(topic, 0, 12, 1002, std::nullopt, std::nullopt); // a tombstone: nothing to decode
        const qsizetype rawBytes = batch.memoryBytes();
        kafka::decodeBatch(batch, decoder.value().get(), true);
        // What was decoded counts in the store's bound.
        QVERIFY(batch.memoryBytes() >= rawBytes + PaymentJson.size());

        // Consumed before a schema source was set: not decoded in the store.
        kafka::RecordBatch before;
        before.append(topic, 0, 13, 1003, std::nullopt, QByteArrayView(bare));

        MessagesModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append({batch, before});
        QCOMPARE(model.rowCount(), 4);
        const auto cell = [&model](int row, int role = Qt::DisplayRole) {
            return model.data(model.index(row, MessagesModel::ValueColumn), role);
        };
        QCOMPARE(cell(0, MessagesModel::DecodingRole).toInt(), int(kafka::DecodedPart::State::Decoded));
        // Marked as decoded; the preview is the decoded JSON's start.
        QVERIFY2(cell(0).toString().startsWith(QStringLiteral("\u2713 {\"id\":\"p-1\",\"amount\":12.5,")), qPrintable(cell(0).toString()));
        QVERIFY2(cell(0, Qt::ToolTipRole).toString().contains(QLatin1String("decoded with the local AVRO schema")),
                 qPrintable(cell(0, Qt::ToolTipRole).toString()));
        // The bad payload stays as it came, marked, saying why in its tooltip.
        QCOMPARE(cell(1, MessagesModel::DecodingRole).toInt(), int(kafka::DecodedPart::State::Failed));
        QCOMPARE(cell(1).toString(), QStringLiteral("\u26a0 ") + kafka::previewText(truncated));
        QVERIFY2(cell(1, Qt::ToolTipRole).toString().contains(QLatin1String("Not decoded"))
                     && cell(1, Qt::ToolTipRole).toString().contains(QLatin1String("Avro")),
                 qPrintable(cell(1, Qt::ToolTipRole).toString()));
        QVERIFY(cell(1, Qt::ForegroundRole).isValid());
        QCOMPARE(cell(2, MessagesModel::DecodingRole).toInt(), int(kafka::DecodedPart::State::NotDecoded));
        QCOMPARE(cell(2).toString(), QStringLiteral("(null)"));
        // The bytes as they came, unchanged.
        QCOMPARE(model.recordAt(0).value, bare);
        QCOMPARE(model.recordAt(1).value, truncated);

        // A field only the decoded text has, as a substring and as a regex.
        QSignalSpy finished(&model, &MessagesModel::filterFinished);
        model.setFilter(MessageFilter(OnlyDecoded, false));
        QTRY_VERIFY(!model.isFiltering());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.recordAt(0).offset, 10);
        model.setFilter(MessageFilter(QStringLiteral("\"amount\":12\\.5,"), true));
        QTRY_VERIFY(!model.isFiltering());
        QCOMPARE(model.rowCount(), 1);
        model.setFilter(MessageFilter());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(cell(3, MessagesModel::DecodingRole).toInt(), int(kafka::DecodedPart::State::NotDecoded));

        // A local .proto (its import found in the tree above it): the same
        // path with Protobuf's decoder; the field name is in no byte of it.
        auto proto = kafka::localSchemaDecoder(m_data.filePath(QStringLiteral("proto/shop/order.proto")));
        QVERIFY2(proto.ok(), qPrintable(proto.error().message));
        const QByteArray order = data(QStringLiteral("proto-order.bin"));
        kafka::RecordBatch orders;
        orders.append(topic, 1, 0, 1000, std::nullopt, QByteArrayView(order));
        const MessageFilter currency(QStringLiteral("\"currency\":\"EUR\""), false);
        QVERIFY(!currency.matches(orders.view(0)));
        kafka::decodeBatch(orders, proto.value().get(), true);
        QVERIFY2(currency.matches(orders.view(0)), orders.view(0).valueDecoded().text.data());
        QCOMPARE(orders.view(0).value(), QByteArrayView(order));

        // Export decoded: JSON lines keep the bytes and add what
        // `kafkadesk consume --format json` adds; CSV has the decoded JSON.
        QTemporaryDir out;
        const QString jsonPath = out.filePath(QStringLiteral("decoded.jsonl"));
        {
            ExportWorker worker(model.snapshot({{0, 4}}), jsonPath, ExportWorker::Format::JsonLines);
            // What the store has not decoded is decoded with this, on the export's thread.
            worker.setDecodedValues(decoder.value(), true);
            QSignalSpy written(&worker, &ExportWorker::written);
            worker.start();
            QTRY_COMPARE(written.size(), 1);
        }
        const QList<QByteArray> json = lines(jsonPath);
        QCOMPARE(json.size(), 4);
        const QByteArray raw0 = kafka::toJsonLine(model.recordAt(0)).chopped(2);
        QCOMPARE(json[0], raw0 + ",\"value_schema_type\":\"AVRO\",\"value_decoded\":" + PaymentJson + "}");
        const QJsonObject first = QJsonDocument::fromJson(json[0]).object();
        QCOMPARE(QByteArray::fromBase64(first.value(QStringLiteral("value")).toString().toLatin1()), bare);
        QCOMPARE(first.value(QStringLiteral("value_encoding")).toString(), QStringLiteral("base64"));
        const QJsonObject second = QJsonDocument::fromJson(json[1]).object();
        QVERIFY2(second.value(QStringLiteral("value_decode_error")).toString().contains(QLatin1String("Avro")), json[1].constData());
        // Its bytes happen to be UTF-8: written as text, as without decoding.
        QVERIFY(json[1].startsWith(QByteArray(kafka::toJsonLine(model.recordAt(1)).chopped(2) + ",\"value_decode_error\":")));
        QCOMPARE(second.value(QStringLiteral("value")).toString().toUtf8(), truncated);
        QCOMPARE(json[2], kafka::toJsonLine(model.recordAt(2)).chopped(1));
        QCOMPARE(json[3], QByteArray(kafka::toJsonLine(model.recordAt(3)).chopped(2) + ",\"value_schema_type\":\"AVRO\",\"value_decoded\":" + PaymentJson + "}"));

        const QString csvPath = out.filePath(QStringLiteral("decoded.csv"));
        {
            ExportWorker worker(model.snapshot({{0, 1}}), csvPath, ExportWorker::Format::Csv);
            worker.setDecodedValues(nullptr, true);
            QSignalSpy written(&worker, &ExportWorker::written);
            worker.start();
            QTRY_COMPARE(written.size(), 1);
        }
        kafka::Record decodedRecord = model.recordAt(0);
        decodedRecord.value = PaymentJson;
        QCOMPARE(lines(csvPath), (QList<QByteArray>{kafka::csvHeaderLine().chopped(1), kafka::toCsvLine(decodedRecord).chopped(1)}));
    }

    // The consumer decodes what arrives once a schema source is set: the
    // table, the filter box and Export… with decoded values.
    void theConsumerPanelDecodesWhatArrives()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.connectTo(testsupport::TestCluster::windowSpec(1)));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStateText().startsWith(QLatin1String("Connected")), 10000);
        const QString topic = testsupport::TestCluster::windowTopic(*window.connection());
        QVERIFY(!topic.isEmpty());
        const QString text = m_data.filePath(QStringLiteral("text.bin"));
        {
            const testsupport::TestSideBlocking allow("the test writes a payload file");
            QFile file(text);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("plain text, not Avro");
        }
        const auto produced = testsupport::kcat({QStringLiteral("-P"), QStringLiteral("-b"), window.connection()->bootstrapServers(),
                                                 QStringLiteral("-t"), topic, QStringLiteral("-p"), QStringLiteral("0"),
                                                 m_data.filePath(QStringLiteral("avro-bare.bin")), text});
        QVERIFY2(produced.finished && produced.exitCode == 0, produced.err.constData());

        ConsumerPanel *panel = window.consumerPanels().first();
        panel->setSchemaSource(m_data.filePath(QStringLiteral("payment.avsc")));
        const auto decodedAction = [panel] {
            for (QAction *action : panel->findChildren<QAction *>())
                if (action->isCheckable())
                    return action;
            return static_cast<QAction *>(nullptr);
        };
        QVERIFY(decodedAction());
        QTRY_VERIFY(decodedAction()->isEnabled()); // the schema was loaded on the pool
        panel->setTopics(topic);
        panel->setGroup(testsupport::TestCluster::name(QStringLiteral("decoded")));
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("startButton")), Qt::LeftButton);
        MessagesModel *model = panel->messagesModel();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 20000);
        const auto state = [model](int row) {
            return kafka::DecodedPart::State(model->data(model->index(row, MessagesModel::ValueColumn), MessagesModel::DecodingRole).toInt());
        };
        QCOMPARE(state(0), kafka::DecodedPart::State::Decoded);
        QCOMPARE(state(1), kafka::DecodedPart::State::Failed);

        // The detail view: decoded JSON in Automatic, the bytes as they came in Hex.
        auto *view = panel->findChild<QTableView *>(QStringLiteral("messagesView"));
        auto *header = panel->findChild<QLabel *>(QStringLiteral("detailHeaderLabel"));
        view->setCurrentIndex(model->index(0, 0));
        QTRY_VERIFY2(header->text().contains(QLatin1String("value decoded with the local AVRO schema, shown below as JSON")),
                     qPrintable(header->text()));
        QVERIFY2(panel->detailText().contains(QLatin1String("\"status\": \"PAID\"")), qPrintable(panel->detailText()));
        auto *format = panel->findChild<QComboBox *>(QStringLiteral("formatCombo"));
        format->setCurrentIndex(format->findText(QStringLiteral("Hex")));
        QTRY_VERIFY2(header->text().contains(QLatin1String("(shown as JSON in Automatic or JSON)")), qPrintable(header->text()));
        QVERIFY2(panel->detailText().startsWith(QLatin1String("00000000  ") + QLatin1String(data(QStringLiteral("avro-bare.bin")).left(8).toHex(' '))),
                 qPrintable(panel->detailText()));
        format->setCurrentIndex(0);

        auto *filter = panel->findChild<QLineEdit *>(QStringLiteral("filterEdit"));
        QTest::keyClicks(filter, OnlyDecoded);
        QTest::keyClick(filter, Qt::Key_Return);
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(state(0), kafka::DecodedPart::State::Decoded);

        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("panel.jsonl"));
        QSignalSpy exported(panel, &ConsumerPanel::exported);
        panel->exportMessages(path, false, true);
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 10000);
        QVERIFY2(exported[0][0].toBool(), qPrintable(exported[0][1].toString()));
        const QList<QByteArray> json = lines(path);
        QCOMPARE(json.size(), 1);
        QVERIFY2(json[0].endsWith(QByteArray(",\"value_schema_type\":\"AVRO\",\"value_decoded\":" + PaymentJson + "}")), json[0].constData());

        // A registry set while consuming: what arrives from then on goes to
        // it; one that cannot be reached is said on each message, which stays.
        filter->clear();
        QTRY_COMPARE(model->rowCount(), 2);
        window.setSchemaRegistryUrl(QStringLiteral("http://127.0.0.1:1"));
        const auto wire = testsupport::kcat({QStringLiteral("-P"), QStringLiteral("-b"), window.connection()->bootstrapServers(),
                                             QStringLiteral("-t"), topic, QStringLiteral("-p"), QStringLiteral("0"),
                                             m_data.filePath(QStringLiteral("avro.bin"))});
        QVERIFY2(wire.finished && wire.exitCode == 0, wire.err.constData());
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 10000);
        QCOMPARE(state(2), kafka::DecodedPart::State::Failed);
        const QString shown = model->data(model->index(2, MessagesModel::ValueColumn), Qt::ToolTipRole).toString();
        QVERIFY2(shown.contains(QLatin1String("cannot reach the schema registry at http://127.0.0.1:1")), qPrintable(shown));
        QCOMPARE(model->recordAt(2).value, data(QStringLiteral("avro.bin")));
        QCOMPARE(state(0), kafka::DecodedPart::State::Decoded); // as it was decoded when it came
    }
};

KAFKADESK_GUITEST_MAIN(TestDecodedMessages)
#include "test_decodedmessages.moc"
