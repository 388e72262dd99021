#include "deliveriesmodel.h"
#include "headersmodel.h"
#include "kafka/payload.h"
#include "guitest.h"

#include <QAbstractItemModelTester>
#include <QTest>

using kafka::Delivery;

namespace {
QList<Delivery> deliveries(int first, int count)
{
    QList<Delivery> out;
    for (int i = first; i < first + count; ++i) {
        Delivery d;
        d.topic = QStringLiteral("t");
        d.partition = i % 3;
        d.offset = i;
        d.key = QByteArray::number(i);
        d.latencyUs = 1500;
        d.reportedAtMs = 0;
        out.append(d);
    }
    return out;
}
} // namespace

class TestProducerModels : public QObject {
    Q_OBJECT
private slots:
    void deliveriesAreNewestFirstAndBounded()
    {
        DeliveriesModel model(nullptr, 5);
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(deliveries(0, 3));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, DeliveriesModel::OffsetColumn).data().toString(), QStringLiteral("2"));
        model.append(deliveries(3, 4)); // 7 in all: the two oldest leave
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.deliveryAt(0).offset, 6);
        QCOMPARE(model.deliveryAt(4).offset, 2);
        model.append(deliveries(100, 50)); // a batch larger than the table
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.deliveryAt(0).offset, 149);
        QCOMPARE(model.deliveryAt(4).offset, 145);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void deliveriesShowFateAndLatency()
    {
        DeliveriesModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Delivery> batch = deliveries(0, 1);
        Delivery failed = Delivery::refused({QStringLiteral("t"), QByteArray("\xff\x01"), "v", {}, 42},
                                            kafka::Error::fromKafka(RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION,
                                                                    QStringLiteral("Cannot produce to 't'")));
        failed.partition = -1;
        batch.append(failed);
        model.append(batch);
        QCOMPARE(model.index(1, DeliveriesModel::StatusColumn).data().toString(), QStringLiteral("delivered"));
        QCOMPARE(model.index(1, DeliveriesModel::LatencyColumn).data().toString(), QLocale().toString(1.5, 'f', 1));
        const QString status = model.index(0, DeliveriesModel::StatusColumn).data().toString();
        QVERIFY2(status.contains(QLatin1String("Unknown partition")), qPrintable(status));
        QVERIFY(model.index(0, DeliveriesModel::StatusColumn).data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.index(0, DeliveriesModel::OffsetColumn).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(0, DeliveriesModel::KeyColumn).data().toString(), QStringLiteral("ff 01"));
    }

    void headersAreEditableAndUnnamedRowsAreNotSent()
    {
        HeadersModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex name = model.addRow();
        QVERIFY(model.flags(name) & Qt::ItemIsEditable);
        QVERIFY(model.setData(name, QStringLiteral("trace-id")));
        QVERIFY(model.setData(name.siblingAtColumn(HeadersModel::ValueColumn), QStringLiteral("abc")));
        model.addRow(); // left empty
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.headers(), (QList<kafka::Header>{{"trace-id", "abc"}}));
        model.removeRow(0);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(model.headers().isEmpty());
    }

    void previewShowsTextOrHex()
    {
        QCOMPARE(kafka::previewText("hello"), QStringLiteral("hello"));
        QCOMPARE(kafka::previewText("h\xc3\xa9llo"), QStringLiteral("héllo"));
        QCOMPARE(kafka::previewText(QByteArray("\x00\xff", 2)), QStringLiteral("00 ff"));
        QCOMPARE(kafka::previewText(QByteArray(1000, 'a'), 10), QString(10, QLatin1Char('a')) + QStringLiteral("…"));
        // A cut through a multi-byte character is still text.
        QCOMPARE(kafka::previewText(QByteArray("\xc3\xa9").repeated(100), 3), QStringLiteral("ééé…"));
        QVERIFY(kafka::isValidUtf8("plain"));
        QVERIFY(!kafka::isValidUtf8("\xc3"));
    }
};

KAFKADESK_GUITEST_MAIN(TestProducerModels)
#include "test_producermodels.moc"
