#include "consumerpartitionsmodel.h"
#include "messagesmodel.h"
#include "timestamptext.h"

#include "kafka/payload.h"
#include "kafka/recordformat.h"
#include "guitest.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QScopeGuard>
#include <QTest>

#include <ctime>

using kafka::Record;
using kafka::RecordBatch;

namespace {
RecordBatch records(int first, int count, int partitions = 3)
{
    static const QString topic = QStringLiteral("t");
    RecordBatch out;
    for (int i = first; i < first + count; ++i) {
        Record r;
        r.topic = topic;
        r.partition = i % partitions;
        r.offset = i / partitions;
        r.timestampMs = 1'700'000'000'000 + i;
        r.key = "key-" + QByteArray::number(i);
        r.value = "{\"n\": " + QByteArray::number(i) + (i % 10 == 7 ? ", \"tag\": \"needle\"}" : "}");
        r.hasKey = r.hasValue = true;
        if (i % 100 == 42)
            r.headers.append(kafka::Header{"trace", "needle-in-header"});
        out.append(r);
    }
    return out;
}
} // namespace

class TestConsumerModels : public QObject {
    Q_OBJECT
private slots:
    // A batch gives back exactly what went in: bytes (with a zero byte),
    // null apart from empty, headers in order, and each record's topic.
    void recordBatchKeepsBytesNullsHeadersAndTopics()
    {
        Record full;
        full.topic = QStringLiteral("orders");
        full.partition = 4;
        full.offset = 123456789012;
        full.timestampMs = 1'700'000'000'123;
        full.key = QByteArray("k\0ey", 4);
        full.value = QByteArray("\xff\xfe binary", 10);
        full.hasKey = full.hasValue = true;
        full.headers = {{"a", "1"}, {"b", QByteArray()}};
        Record empty = full;
        empty.topic = QStringLiteral("audit");
        empty.key = QByteArray("");
        empty.value = QByteArray();
        empty.hasValue = false;
        empty.headers.clear();

        RecordBatch batch;
        batch.append(full);
        batch.append(empty);
        batch.append(full);
        QCOMPARE(batch.size(), 3);
        const QList<Record> back = batch.records();
        for (int i : {0, 2}) {
            QCOMPARE(back[i].topic, full.topic);
            QCOMPARE(back[i].partition, 4);
            QCOMPARE(back[i].offset, full.offset);
            QCOMPARE(back[i].timestampMs, full.timestampMs);
            QCOMPARE(back[i].key, full.key);
            QCOMPARE(back[i].value, full.value);
            QCOMPARE(back[i].headers, full.headers);
        }
        QCOMPARE(back[1].topic, QStringLiteral("audit"));
        QVERIFY(back[1].hasKey);
        QVERIFY(!back[1].key.isNull());
        QVERIFY(back[1].key.isEmpty());
        QVERIFY(!back[1].hasValue);
        QVERIFY(back[1].value.isNull());
        QVERIFY(back[1].headers.isEmpty());
        QCOMPARE(batch.view(0).headerValue(0), QByteArrayView("1"));
        QCOMPARE(batch.view(0).size(), 14);

        RecordBatch copy = batch; // shared; appending to it leaves `batch` alone
        copy.append(empty);
        QCOMPARE(copy.size(), 4);
        QCOMPARE(batch.size(), 3);
    }

    void storeIsBoundedAndCountsWhatItDropped()
    {
        MessagesModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(100);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.append({records(0, 60)});
        QCOMPARE(inserted.count(), 1); // one insertion per batch
        model.append({records(60, 60)});
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.droppedCount(), 20);
        QCOMPARE(model.recordAt(0).key, QByteArray("key-20"));
        model.append({records(120, 250)}); // larger than the store
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.droppedCount(), 270);
        QCOMPARE(model.recordAt(0).key, QByteArray("key-270"));
        QCOMPARE(model.recordAt(99).key, QByteArray("key-369"));
        QCOMPARE(model.index(99, MessagesModel::ValueColumn).data().toString(), QStringLiteral("{\"n\": 369}"));
        QCOMPARE(model.index(99, MessagesModel::PartitionColumn).data().toInt(), 369 % 3);
        // Several batches at once: one insertion, and together larger than
        // the store, so the first batch and part of the second never show.
        inserted.clear();
        model.append({records(370, 80), records(450, 80), records(530, 10)});
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.droppedCount(), 270 + 170);
        QCOMPARE(model.recordAt(0).key, QByteArray("key-440"));
        QCOMPARE(model.recordAt(99).key, QByteArray("key-539"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    // The store is bounded in bytes as well as in records: large values
    // leave the oldest batches before the count is reached, with and
    // without a filter, and what left is counted.
    void storeIsBoundedInBytes_data()
    {
        QTest::addColumn<bool>("filtered");
        QTest::newRow("unfiltered") << false;
        QTest::newRow("filtered") << true;
    }
    void storeIsBoundedInBytes()
    {
        QFETCH(bool, filtered);
        MessagesModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        constexpr qint64 Limit = 1 << 20;
        model.setByteCapacity(Limit);
        if (filtered)
            model.setFilter(MessageFilter(QStringLiteral("big"), false, -1));
        const auto bigBatch = [](int first) {
            RecordBatch batch;
            for (int i = first; i < first + 10; ++i)
                batch.append(QStringLiteral("t"), 0, i, 0, QByteArray("big-" + QByteArray::number(i)),
                             QByteArray(60'000, 'v')); // 10 × 60 KB = 600 KB a batch
            return batch;
        };
        for (int b = 0; b < 10; ++b) {
            model.append({bigBatch(b * 10)});
            QVERIFY2(model.storedBytes() <= Limit, qPrintable(QString::number(model.storedBytes())));
        }
        QTRY_VERIFY(!model.isFiltering());
        // 1 MiB holds one 600 KB batch, not two.
        QCOMPARE(model.storedCount(), 10);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.droppedCount(), 90);
        QCOMPARE(model.recordAt(0).key, QByteArray("big-90"));
        // A lower bound takes effect at once.
        model.setByteCapacity(1000);
        QCOMPARE(model.storedCount(), 0);
        QCOMPARE(model.droppedCount(), 100);
    }

    void filterMatchesKeyValueHeadersAndPartition()
    {
        MessagesModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append({records(0, 1000)});
        QSignalSpy finished(&model, &MessagesModel::filterFinished);
        model.setFilter(MessageFilter(QStringLiteral("needle"), false));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(model.rowCount(), 100 + 10); // values of i ending in 7, headers of i ending in 42
    }

    void filterKeepsUpWithNewAndDroppedRecords()
    {
        MessagesModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(500);
        model.append({records(0, 300)});
        QSignalSpy finished(&model, &MessagesModel::filterFinished);
        model.setFilter(MessageFilter(QStringLiteral("key-1\\d$"), true));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(model.rowCount(), 10); // key-10 .. key-19
        model.append({records(300, 300)}); // drops 0..99
        QCOMPARE(model.rowCount(), 0);
        model.setFilter(MessageFilter(QString(), false, 2));
        QTRY_COMPARE(finished.count(), 2);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.recordAt(row).partition, 2);
        QCOMPARE(model.rowCount(), 500 / 3 + 1);
        model.setFilter({});
        QCOMPARE(model.rowCount(), 500);
        QVERIFY(!MessageFilter(QStringLiteral("("), true).isValid());
    }

    // A million stored messages: applying a filter returns at once and the
    // scan continues in slices from the event loop.
    void filteringAMillionRecordsRunsInSlices()
    {
        MessagesModel model;
        {
            // The fixture, at once: a million records the app would have
            // received in thousands of batches, with its event loop between.
            const testsupport::TestSideBlocking allow("the test fills the store with a million records");
            for (int i = 0; i < 10; ++i)
                model.append({records(i * 100'000, 100'000)});
        }
        QCOMPARE(model.rowCount(), 1'000'000);
        QSignalSpy finished(&model, &MessagesModel::filterFinished);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setFilter(MessageFilter(QStringLiteral("needle"), false));
        QVERIFY(model.isFiltering());
        QCOMPARE(finished.count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(inserted.count() > 1);
        QCOMPARE(model.rowCount(), 100'000 + 10'000);
    }

    // Values of a megabyte, matched by a regular expression (their text
    // decoded first): each takes milliseconds. Neither applying the filter
    // nor new batches arriving under it stall the event loop, and the rows
    // are exactly the matching ones, in order.
    void filteringLargeValuesNeverStallsTheEventLoop()
    {
        constexpr int Count = 128;
        constexpr qsizetype ValueBytes = 1024 * 1024;
        const auto big = [](int first, int count) {
            RecordBatch out;
            out.reserve(count, count * (ValueBytes + 16));
            for (int i = first; i < first + count; ++i) {
                QByteArray value;
                value.reserve(ValueBytes + 16);
                while (value.size() < ValueBytes)
                    value += "\xe2\x82\xac\xc3\xa9"; // € and é: not ASCII, so decoding takes the slow path
                if (i % 3 == 0)
                    value += "needle-" + QByteArray::number(i);
                out.append(QStringLiteral("t"), 0, i, 1'700'000'000'000, QByteArrayView("k"), QByteArrayView(value));
            }
            return out;
        };
        const auto matchingOffsets = [](const MessagesModel &model) {
            QList<qint64> out;
            for (int row = 0; row < model.rowCount(); ++row)
                out.append(model.recordAt(row).offset);
            return out;
        };
        const auto expected = [](int count) {
            QList<qint64> out;
            for (int i = 0; i < count; i += 3)
                out.append(i);
            return out;
        };
        MessagesModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RecordBatch stored, arriving;
        {
            const testsupport::TestSideBlocking allow("the test builds 256 MB of values");
            stored = big(0, Count);
            arriving = big(Count, Count);
        }
        model.append({stored});
        // Any stall over the limit fails the test (guitest.h); the longest is logged.
        testsupport::StallWatchdog &watchdog = *testsupport::StallWatchdog::instance();
        QSignalSpy finished(&model, &MessagesModel::filterFinished);

        watchdog.startMeasuring();
        model.setFilter(MessageFilter(QStringLiteral("needle-\\d+"), true));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QTRY_VERIFY(watchdog.ticks() > 3);
        qInfo("longest stand-still while filtering: %lld ms", static_cast<long long>(watchdog.maxGapMs()));
        QCOMPARE(matchingOffsets(model), expected(Count));

        watchdog.startMeasuring();
        const qint64 ticks = watchdog.ticks();
        model.append({arriving});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isFiltering(), 60000);
        QTRY_VERIFY(watchdog.ticks() > ticks + 3);
        qInfo("longest stand-still while new values were filtered: %lld ms", static_cast<long long>(watchdog.maxGapMs()));
        QCOMPARE(matchingOffsets(model), expected(2 * Count));
    }

    void partitionsShowLag()
    {
        ConsumerPartitionsModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProgress({{{QStringLiteral("t"), 1}, 10, 8, 15}, {{QStringLiteral("t"), 0}, 5, -1, 9}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, ConsumerPartitionsModel::PartitionColumn).data(ConsumerPartitionsModel::ValueRole).toLongLong(), 0);
        QCOMPARE(model.index(0, ConsumerPartitionsModel::LagColumn).data(ConsumerPartitionsModel::ValueRole).toLongLong(), 4);
        QCOMPARE(model.index(0, ConsumerPartitionsModel::CommittedColumn).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(1, ConsumerPartitionsModel::LagColumn).data(ConsumerPartitionsModel::ValueRole).toLongLong(), 7);
        QCOMPARE(model.totalLag().knownTotal(), 11);
        QVERIFY(model.totalLag().isExact());
        QCOMPARE(model.totalLag().describe(), QStringLiteral("11"));
        model.setProgress({{{QStringLiteral("t"), 0}, 9, 9, 9}, {{QStringLiteral("t"), 1}, 15, 15, 15}});
        QCOMPARE(model.totalLag().describe(), QStringLiteral("0"));
        QVERIFY(model.totalLag().isExact());
    }

    // A partition whose lag cannot be computed yet (no high watermark, or
    // neither a committed offset nor a position) shows as unknown with the
    // reason, carries no number, and the total lag is a lower bound that
    // says so, never a sum that took the unknowns as 0.
    void unknownLagIsUnknownNotZero()
    {
        ConsumerPartitionsModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString t = QStringLiteral("t");
        model.setProgress({{{t, 0}, 10, -1, -1}, {{t, 1}, -1, -1, 20}, {{t, 2}, 5, 5, 12}});
        for (int row : {0, 1}) {
            const QModelIndex lag = model.index(row, ConsumerPartitionsModel::LagColumn);
            QCOMPARE(lag.data().toString(), ConsumerPartitionsModel::UnknownText);
            QVERIFY(!lag.data(ConsumerPartitionsModel::ValueRole).isValid());
            QVERIFY2(lag.data(Qt::ToolTipRole).toString().startsWith(QLatin1String("Unknown")),
                     qPrintable(lag.data(Qt::ToolTipRole).toString()));
        }
        QVERIFY(model.index(0, ConsumerPartitionsModel::HighWatermarkColumn).data(Qt::ToolTipRole).toString().contains(
            QLatin1String("high watermark")));
        QVERIFY(!model.index(1, ConsumerPartitionsModel::PositionColumn).data(ConsumerPartitionsModel::ValueRole).isValid());
        QVERIFY(!model.index(1, ConsumerPartitionsModel::CommittedColumn).data(ConsumerPartitionsModel::ValueRole).isValid());
        QCOMPARE(model.index(2, ConsumerPartitionsModel::LagColumn).data(ConsumerPartitionsModel::ValueRole), QVariant(qint64(7)));

        PartialSum lag = model.totalLag();
        QCOMPARE(lag.knownTotal(), 7);
        QCOMPARE(lag.unknownParts(), 2);
        QCOMPARE(lag.text(), QStringLiteral("≥ 7"));
        QCOMPARE(lag.describe(), QStringLiteral("≥ 7 (2 of 3 partitions unknown)"));

        model.setProgress({{{t, 0}, 10, -1, -1}, {{t, 1}, -1, -1, 20}});
        QVERIFY(model.totalLag().isUnknown());
        QCOMPARE(model.totalLag().text(), QStringLiteral("unknown"));
        model.setProgress({});
        QCOMPARE(model.totalLag().describe(), QStringLiteral("0")); // nothing assigned: nothing behind
    }

    // Timestamps carry their zone (ISO 8601 with the local offset, UTC in
    // the tooltip); a message without one (-1) shows "unknown", not a date
    // in 1969. The zone is set per row through TZ, so the test does not
    // depend on the machine's.
    void timestampsCarryTheirZoneAndUnknownIsUnknown_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QString>("local");
        QTest::newRow("India, +05:30") << QByteArray("IST-5:30") << QStringLiteral("2023-11-15T03:43:20.123+05:30");
        QTest::newRow("three hours behind") << QByteArray("XYZ+3") << QStringLiteral("2023-11-14T19:13:20.123-03:00");
        QTest::newRow("UTC") << QByteArray("UTC0") << QStringLiteral("2023-11-14T22:13:20.123+00:00");
    }
    void timestampsCarryTheirZoneAndUnknownIsUnknown()
    {
        QFETCH(QByteArray, zone);
        QFETCH(QString, local);
        const QByteArray savedZone = qgetenv("TZ");
        qputenv("TZ", zone);
        tzset();
        const auto restore = qScopeGuard([&] {
            if (savedZone.isNull())
                qunsetenv("TZ");
            else
                qputenv("TZ", savedZone);
            tzset();
        });

        MessagesModel model;
        testsupport::ModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RecordBatch batch;
        Record r = records(0, 1).record(0);
        r.timestampMs = 1'700'000'000'123; // 2023-11-14T22:13:20.123Z
        batch.append(r);
        r.timestampMs = -1; // the message carries no timestamp
        batch.append(r);
        model.append({batch});

        const QModelIndex known = model.index(0, MessagesModel::TimestampColumn);
        QCOMPARE(known.data().toString(), local);
        QCOMPARE(known.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("2023-11-14T22:13:20.123Z UTC · 1700000000123 ms since the epoch · CreateTime: set by its "
                                "producer"));
        const QModelIndex none = model.index(1, MessagesModel::TimestampColumn);
        QCOMPARE(none.data().toString(), QStringLiteral("unknown"));
        QCOMPARE(none.data(Qt::ToolTipRole).toString(), QStringLiteral("No timestamp: the message carries none (-1)"));
        QCOMPARE(timestamptext::utc(-5), QStringLiteral("unknown"));
        // The record detail: local with its offset, then UTC.
        QCOMPARE(timestamptext::localAndUtc(1'700'000'000'123), local + QStringLiteral(" (2023-11-14T22:13:20.123Z UTC)"));
        QCOMPARE(timestamptext::localAndUtc(-1), QStringLiteral("no timestamp"));
        QCOMPARE(timestamptext::local(0), QDateTime::fromMSecsSinceEpoch(0).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"))
                                              + local.right(6)); // the epoch itself is a time, not unknown
    }

    void payloadsRenderAsJsonTextOrHex()
    {
        kafka::PayloadFormat used;
        bool truncated = false;
        QCOMPARE(kafka::renderPayload("{\"a\":1}", kafka::PayloadFormat::Auto, 1000, &used, &truncated),
                 QStringLiteral("{\n    \"a\": 1\n}\n"));
        QCOMPARE(used, kafka::PayloadFormat::Json);
        kafka::renderPayload("plain words", kafka::PayloadFormat::Auto, 1000, &used, &truncated);
        QCOMPARE(used, kafka::PayloadFormat::Text);
        const QString hex = kafka::renderPayload(QByteArray("\x00\xffok", 4), kafka::PayloadFormat::Auto, 1000, &used, &truncated);
        QCOMPARE(used, kafka::PayloadFormat::Hex);
        QVERIFY2(hex.startsWith(QLatin1String("00000000  00 ff 6f 6b")), qPrintable(hex));
        const QByteArray big(5 * 1024 * 1024, 'x');
        const QString shown = kafka::renderPayload(big, kafka::PayloadFormat::Auto, 256 * 1024, &used, &truncated);
        QVERIFY(truncated);
        QCOMPARE(shown.size(), 256 * 1024);
    }

    // Found by tests/fuzz/fuzz_payload (corpus/payload/deep-nesting-bomb and
    // key-order): QJsonDocument laid out 600 bytes of brackets as some 360 000
    // characters (quadratic in the depth), and sorted keys, dropped
    // duplicates and rewrote numbers, where DESIGN.md promises a re-indent.
    void jsonViewOnlyReindents()
    {
        kafka::PayloadFormat used;
        bool truncated = false;
        QCOMPARE(kafka::renderPayload("{\"b\":1,\"a\":2,\"a\":3,\"n\":1.50,\"big\":12345678901234567890,\"e\":[ ],\"o\":{}}",
                                      kafka::PayloadFormat::Auto, 1000, &used, &truncated),
                 QStringLiteral("{\n    \"b\": 1,\n    \"a\": 2,\n    \"a\": 3,\n    \"n\": 1.50,\n"
                                "    \"big\": 12345678901234567890,\n    \"e\": [],\n    \"o\": {}\n}\n"));
        QCOMPARE(used, kafka::PayloadFormat::Json);
        QCOMPARE(kafka::renderPayload(" [ \"x\\\"]\" , { \"k\" : [ 1 ] } ] ", kafka::PayloadFormat::Json, 1000, &used, &truncated),
                 QStringLiteral("[\n    \"x\\\"]\",\n    {\n        \"k\": [\n            1\n        ]\n    }\n]\n"));
    }
    // JSON asked for but not possible: shown as text, and said why.
    void jsonThatIsNotSaysWhere()
    {
        kafka::PayloadFormat used;
        bool truncated = false;
        QString notJson;
        QCOMPARE(kafka::renderPayload("{\"a\": 1,}", kafka::PayloadFormat::Json, 1000, &used, &truncated, &notJson),
                 QStringLiteral("{\"a\": 1,}"));
        QCOMPARE(used, kafka::PayloadFormat::Text);
        QVERIFY2(notJson.startsWith(QLatin1String("not JSON: ")) && notJson.endsWith(QLatin1String(" at byte 10")),
                 qPrintable(notJson));
        notJson.clear();
        kafka::renderPayload(QByteArray(2000, 'x'), kafka::PayloadFormat::Json, 1000, &used, &truncated, &notJson);
        QCOMPARE(notJson, QStringLiteral("too large to lay out as JSON (over 1000 bytes)"));
        notJson.clear();
        kafka::renderPayload("{\"a\":1}", kafka::PayloadFormat::Json, 1000, &used, &truncated, &notJson);
        QVERIFY(notJson.isEmpty());
        // Found by fuzz_payload (corpus/payload/json-not-utf8): Qt's reader took
        // a string with bytes that are not UTF-8, and the view showed them replaced.
        notJson.clear();
        kafka::renderPayload("{\"a\":\"\xc3\\\\\"}", kafka::PayloadFormat::Json, 1000, &used, &truncated, &notJson);
        QCOMPARE(used, kafka::PayloadFormat::Text);
        QCOMPARE(notJson, QStringLiteral("not JSON: not UTF-8 text"));
    }
    void jsonViewIsBounded()
    {
        kafka::PayloadFormat used;
        bool truncated = false;
        const QByteArray bomb = QByteArray(300, '[') + QByteArray(300, ']');
        const QString shown = kafka::renderPayload(bomb, kafka::PayloadFormat::Auto, 256 * 1024, &used, &truncated);
        QCOMPARE(used, kafka::PayloadFormat::Text);
        QCOMPARE(shown, QString::fromLatin1(bomb));
    }

    void exportFormatsKeepBytesExact()
    {
        Record r = records(7, 1).record(0);
        r.headers = {{"h", QByteArray("\xff", 1)}};
        const QJsonObject json = QJsonDocument::fromJson(kafka::toJsonLine(r)).object();
        QCOMPARE(json.value(QLatin1String("key")).toString(), QStringLiteral("key-7"));
        QCOMPARE(json.value(QLatin1String("offset")).toInteger(), 2);
        QCOMPARE(kafka::toCsvLine(r), QByteArray("t,1,2,1700000000007,key-7,\"{\"\"n\"\": 7, \"\"tag\"\": \"\"needle\"\"}\",h=base64:/w==\r\n"));
    }

    // Found by tests/fuzz/fuzz_recordformat (its seeds in corpus/recordformat
    // hold these): each of these records read back as another one.
    void csvExportReadsBackUnambiguously_data()
    {
        QTest::addColumn<QByteArray>("key"); // "<null>" for none
        QTest::addColumn<QList<kafka::Header>>("headers");
        QTest::addColumn<QByteArray>("csv");
        QTest::newRow("null key") << QByteArray("<null>") << QList<kafka::Header>{} << QByteArray("t,0,5,9,,v,\r\n");
        QTest::newRow("empty key") << QByteArray("") << QList<kafka::Header>{} << QByteArray("t,0,5,9,\"\",v,\r\n");
        QTest::newRow("key that reads as base64") << QByteArray("base64:AAAA") << QList<kafka::Header>{}
                                                 << QByteArray("t,0,5,9,base64:YmFzZTY0OkFBQUE=,v,\r\n");
        QTest::newRow("header separators") << QByteArray("k")
                                           << QList<kafka::Header>{{"a;b", "c;d"}, {"e=f", "g=h"}, {"a;", "x"}}
                                           << QByteArray("t,0,5,9,k,v,base64:YTti=base64:Yztk;base64:ZT1m=g=h;base64:YTs=x\r\n");
        QTest::newRow("header name not UTF-8") << QByteArray("k") << QList<kafka::Header>{{QByteArray("\xff"), "v"}}
                                               << QByteArray("t,0,5,9,k,v,base64:/w=v\r\n");
    }
    void csvExportReadsBackUnambiguously()
    {
        QFETCH(QByteArray, key);
        QFETCH(QList<kafka::Header>, headers);
        QFETCH(QByteArray, csv);
        Record r{QStringLiteral("t"), 0, 5, 9, key, "v", headers, key != "<null>", true};
        if (!r.hasKey)
            r.key.clear();
        QCOMPARE(kafka::toCsvLine(r), csv);
    }

    // Also found by fuzz_recordformat (corpus/recordformat/bom-found,
    // bom-name-found): a leading byte order mark was lost from the JSON text.
    void jsonExportKeepsBytes()
    {
        const Record r{QStringLiteral("t"), 0, 5, 9, "\xef\xbb\xbfk", "v", {}, true, true};
        const QJsonObject json = QJsonDocument::fromJson(kafka::toJsonLine(r)).object();
        QCOMPARE(json.value(QLatin1String("key")).toString(), QStringLiteral("77u/aw=="));
        QCOMPARE(json.value(QLatin1String("key_encoding")).toString(), QStringLiteral("base64"));
    }
    // A header name that is not UTF-8 went through QString::fromUtf8
    // (replacement characters) while the CSV export kept it: seen when
    // writing fuzz_recordformat's reader.
    void jsonExportKeepsHeaderNameBytes()
    {
        const Record r{QStringLiteral("t"), 0, 5, 9, {}, "v", {{QByteArray("\xff"), "v"}}, false, true};
        const QJsonObject header = QJsonDocument::fromJson(kafka::toJsonLine(r))
                                       .object()
                                       .value(QLatin1String("headers"))
                                       .toArray()
                                       .first()
                                       .toObject();
        QCOMPARE(header.value(QLatin1String("name")).toString(), QStringLiteral("/w=="));
        QCOMPARE(header.value(QLatin1String("name_encoding")).toString(), QStringLiteral("base64"));
    }
};

KAFKADESK_GUITEST_MAIN(TestConsumerModels)
#include "test_consumermodels.moc"
