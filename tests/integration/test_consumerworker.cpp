#include "kafka/consumerworker.h"
#include "kafka/threadreaper.h"
#include "kafka/workerthread.h"

#include "kafka/producer.h"
#include "kafka/sandbox.h"

#include "kcat.h"
#include "testcluster.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QTest>
#include <QTimer>

using namespace kafka;

namespace {
// The sandbox can keep a departed member until its session times out, so
// the group's session timeout is kept short.
const Property ShortSession{QStringLiteral("session.timeout.ms"), QStringLiteral("6000")};
} // namespace

// What one consumer in the test has seen, gathered on the test's thread.
struct Seen {
    QList<Record> records;
    QList<TopicPartition> assignment;
    QList<ConsumerEvent> events;
    bool stopped = false;
    QString failure;
};

// Time budgets: the QTRY/wait limits of the test functions (two rows of the
// group test), settle() and cleanup (30 s per function run) add up to 865 s,
// so tests/CMakeLists.txt gives the test a CTest TIMEOUT of 900 s (both
// variants). Change both together.
class TestConsumerWorker : public QObject {
    Q_OBJECT

    std::unique_ptr<testsupport::TestCluster> m_cluster;
    // A test's own sandbox, for faults (slow or downed brokers); released
    // after the consumers that use it have ended.
    std::unique_ptr<Sandbox> m_privateSandbox;
    QString m_topic;
    std::vector<std::unique_ptr<WorkerThread<ConsumerWorker>>> m_threads;
    std::vector<std::unique_ptr<Seen>> m_seen;

    Seen &startConsumer(const ConsumerSpec &spec)
    {
        m_threads.push_back(std::make_unique<WorkerThread<ConsumerWorker>>(std::make_unique<ConsumerWorker>(spec),
                                                                          QStringLiteral("consumer")));
        m_seen.push_back(std::make_unique<Seen>());
        Seen *seen = m_seen.back().get();
        ConsumerWorker *worker = m_threads.back()->worker();
        connect(worker, &ConsumerWorker::records, this, [seen](const QList<RecordBatch> &batches) {
            for (const RecordBatch &batch : batches)
                seen->records += batch.records();
        });
        connect(worker, &ConsumerWorker::events, this, [seen](const QList<ConsumerEvent> &events) {
            for (const ConsumerEvent &e : events) {
                seen->events.append(e);
                if (e.kind == ConsumerEvent::Kind::Assigned)
                    seen->assignment += e.partitions;
                if (e.kind == ConsumerEvent::Kind::Revoked)
                    for (const TopicPartition &tp : e.partitions)
                        seen->assignment.removeAll(tp);
            }
        });
        connect(worker, &ConsumerWorker::failed, this, [seen](const QString &message) { seen->failure = message; });
        connect(worker, &ConsumerWorker::stopped, this, [seen] { seen->stopped = true; });
        QMetaObject::invokeMethod(worker, &ConsumerWorker::start, Qt::QueuedConnection);
        return *seen;
    }

    ConsumerSpec groupSpec(const QString &group) const
    {
        ConsumerSpec spec;
        spec.config = {m_cluster->bootstrapServers(), {ShortSession}};
        spec.topics = {m_topic};
        spec.groupId = group;
        return spec;
    }

    bool produce(int partition, int first, int count)
    {
        QByteArray lines;
        for (int i = first; i < first + count; ++i)
            lines += "k" + QByteArray::number(i) + "\tv" + QByteArray::number(i) + '\n';
        return testsupport::produceKeyed(m_cluster->bootstrapServers(), m_topic, partition, lines,
                                         QStringLiteral("n=%1").arg(partition));
    }

    // One sentinel message more on each of the topic's six partitions, keyed
    // "end-ROUND-PARTITION".
    bool produceSentinels(int round)
    {
        for (int p = 0; p < 6; ++p)
            if (!testsupport::produceKeyed(m_cluster->bootstrapServers(), m_topic, p,
                                           QStringLiteral("end-%1-%2\tsentinel\n").arg(round).arg(p).toUtf8(),
                                           QStringLiteral("n=%1").arg(p)))
                return false;
        return true;
    }

    // How many times the consumers saw each key.
    static QHash<QByteArray, int> seenKeys(const QList<const Seen *> &consumers)
    {
        QHash<QByteArray, int> keys;
        for (const Seen *s : consumers)
            for (const Record &r : s->records)
                ++keys[r.key];
        return keys;
    }

    // Lets the stream settle before anything is counted: writes a sentinel
    // to every partition and waits until `consumers` have seen all six. A
    // partition is read in order, so by then whatever was written before has
    // arrived, and a duplicate would be in the count, not on its way.
    bool settle(const QList<const Seen *> &consumers, int round)
    {
        if (!produceSentinels(round))
            return false;
        return QTest::qWaitFor(
            [&] {
                const QHash<QByteArray, int> keys = seenKeys(consumers);
                for (int p = 0; p < 6; ++p)
                    if (!keys.contains(QStringLiteral("end-%1-%2").arg(round).arg(p).toUtf8()))
                        return false;
                return true;
            },
            15000);
    }

    // What is wrong with `seen` against: keys k<first>..k<first+count-1> and
    // the sentinels of `rounds`, each exactly `times` (at least once when
    // times is 0), and nothing else. Empty when all is well.
    static QString check(const QHash<QByteArray, int> &seen, int first, int count, QList<int> rounds, int times = 1)
    {
        QSet<QByteArray> expected;
        for (int i = first; i < first + count; ++i)
            expected.insert("k" + QByteArray::number(i));
        for (int round : rounds)
            for (int p = 0; p < 6; ++p)
                expected.insert(QStringLiteral("end-%1-%2").arg(round).arg(p).toUtf8());
        QStringList wrong;
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            if (!expected.contains(it.key()))
                wrong.append(QStringLiteral("%1 seen but never written").arg(QString::fromUtf8(it.key())));
            else if (times > 0 && it.value() != times)
                wrong.append(QStringLiteral("%1 seen %2 times").arg(QString::fromUtf8(it.key())).arg(it.value()));
        for (const QByteArray &key : std::as_const(expected))
            if (!seen.contains(key))
                wrong.append(QStringLiteral("%1 not seen").arg(QString::fromUtf8(key)));
        wrong.sort();
        return wrong.join(QStringLiteral("; "));
    }

private slots:
    void init()
    {
        auto cluster = testsupport::TestCluster::start(3);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_topic = m_cluster->name(QStringLiteral("t"));
        QVERIFY(!m_cluster->createTopic(TopicSpec{m_topic, 6, 3}));
    }
    void cleanup()
    {
        m_threads.clear();
        // Letting go of a WorkerThread does not wait for it: the consumers
        // close on their own threads, and the sandbox they talk to must
        // outlive that.
        QTRY_COMPARE_WITH_TIMEOUT(ThreadReaper::processWide()->liveCount(), 0, 30000);
        m_seen.clear();
        m_cluster.reset();
        m_privateSandbox.reset();
    }

    void manualConsumerReadsExactlyWhatKcatWrote()
    {
        for (int p = 0; p < 6; ++p)
            QVERIFY(produce(p, p * 100, 100));
        ConsumerSpec spec;
        spec.config = {m_cluster->bootstrapServers(), {}};
        spec.topics = {m_topic};
        spec.mode = ConsumerSpec::Mode::Manual;
        Seen &seen = startConsumer(spec);
        QTRY_COMPARE_WITH_TIMEOUT(seen.records.size(), 600, 15000);
        // Checked once the stream has settled, not when the count first matched.
        QVERIFY(settle({&seen}, 1));
        QCOMPARE(check(seenKeys({&seen}), 0, 600, {1}), QString());
        QCOMPARE(seen.records.size(), 606);
        QVERIFY(seen.failure.isEmpty());
        for (const Record &r : std::as_const(seen.records)) {
            if (r.key.startsWith("end-"))
                continue;
            const int i = r.key.mid(1).toInt();
            QCOMPARE(r.partition, i / 100);
            QCOMPARE(r.offset, qint64(i % 100));
            QCOMPARE(r.value, "v" + QByteArray::number(i));
            QCOMPARE(r.headers, (QList<Header>{{"n", QByteArray::number(r.partition)}}));
            QVERIFY(r.hasKey && r.hasValue);
        }
    }

    // Three consumers of one group share six partitions, two each; when one
    // leaves, the other two take over its partitions, and across the group
    // every message is seen, once with cooperative rebalancing.
    void threeConsumersShareAGroupAndTakeOverWhenOneLeaves_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::newRow("cooperative") << QStringLiteral("cooperative-sticky");
        QTest::newRow("eager") << QStringLiteral("range");
    }
    void threeConsumersShareAGroupAndTakeOverWhenOneLeaves()
    {
        QFETCH(QString, strategy);
        const bool eager = strategy == QLatin1String("range");
        ConsumerSpec spec = groupSpec(m_cluster->name(QStringLiteral("g")));
        spec.assignmentStrategy = strategy;
        Seen &a = startConsumer(spec);
        Seen &b = startConsumer(spec);
        Seen &c = startConsumer(spec);
        QTRY_VERIFY_WITH_TIMEOUT(a.assignment.size() == 2 && b.assignment.size() == 2 && c.assignment.size() == 2, 30000);
        QSet<TopicPartition> all;
        for (const Seen *s : {&a, &b, &c})
            for (const TopicPartition &tp : s->assignment)
                all.insert(tp);
        QCOMPARE(all.size(), 6);

        for (int p = 0; p < 6; ++p)
            QVERIFY(produce(p, p * 50, 50));
        QTRY_COMPARE_WITH_TIMEOUT(a.records.size() + b.records.size() + c.records.size(), 300, 15000);
        // Counted once settled: each message once, and nothing more to come.
        QVERIFY(settle({&a, &b, &c}, 1));
        QCOMPARE(check(seenKeys({&a, &b, &c}), 0, 300, {1}), QString());
        QCOMPARE(a.records.size() + b.records.size() + c.records.size(), 306);
        // Each consumer sees only its own partitions.
        for (const Seen *s : {&a, &b, &c})
            for (const Record &r : s->records)
                QVERIFY(s->assignment.contains(TopicPartition{m_topic, r.partition}));

        QMetaObject::invokeMethod(m_threads[2]->worker(), &ConsumerWorker::stop, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(c.stopped, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(a.assignment.size() + b.assignment.size() == 6, 30000);

        for (int p = 0; p < 6; ++p)
            QVERIFY(produce(p, 300 + p * 50, 50));
        const auto distinctKeys = [&] {
            QSet<QByteArray> keys;
            for (const Seen *s : {&a, &b, &c})
                for (const Record &r : s->records)
                    keys.insert(r.key);
            return keys.size();
        };
        QTRY_COMPARE_WITH_TIMEOUT(distinctKeys(), 606, 15000); // none missing
        // Counted once settled, not at the instant the last key first came.
        QVERIFY(settle({&a, &b}, 2));
        const qsizetype shown = a.records.size() + b.records.size() + c.records.size();
        if (eager) {
            // Eager rebalancing revokes every partition; the sandbox refuses
            // commits while the group rebalances, so the next owner may start
            // from an older commit: at least once, not exactly once. Still
            // nothing missing, and nothing that was never written.
            QCOMPARE(check(seenKeys({&a, &b, &c}), 0, 600, {1, 2}, 0), QString());
            qInfo() << "eager rebalance: shown" << shown << "for 612 messages";
        } else {
            QCOMPARE(check(seenKeys({&a, &b, &c}), 0, 600, {1, 2}), QString()); // none twice
            QCOMPARE(shown, 612);
        }
        QVERIFY(std::any_of(c.events.cbegin(), c.events.cend(),
                            [](const ConsumerEvent &e) { return e.kind == ConsumerEvent::Kind::Revoked; }));
    }

    void progressShowsLagAsHighWatermarkMinusCommitted()
    {
        QVERIFY(produce(0, 0, 30));
        ConsumerSpec spec = groupSpec(m_cluster->name(QStringLiteral("lag")));
        spec.autoCommit = false;
        Seen &seen = startConsumer(spec);
        QList<PartitionProgress> latest;
        connect(m_threads.back()->worker(), &ConsumerWorker::progress, this,
                [&latest](const QList<PartitionProgress> &p) { latest = p; });
        QTRY_COMPARE_WITH_TIMEOUT(seen.records.size(), 30, 20000);
        const auto partition0 = [&latest] {
            for (const PartitionProgress &p : latest)
                if (p.partition.partition == 0)
                    return p;
            return PartitionProgress{};
        };
        // Nothing committed yet: lag counts from the position.
        QTRY_COMPARE_WITH_TIMEOUT(partition0().position, 30, 5000);
        QCOMPARE(partition0().highWatermark, 30);
        QCOMPARE(partition0().committed, -1);
        QMetaObject::invokeMethod(m_threads.back()->worker(), &ConsumerWorker::commit, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(partition0().committed, 30, 5000);
        QVERIFY(produce(0, 30, 12));
        QTRY_COMPARE_WITH_TIMEOUT(partition0().highWatermark, 42, 5000);
        QCOMPARE(partition0().lag(), partition0().highWatermark - partition0().committed);
        QCOMPARE(partition0().lag(), 12);
    }

    void bytesArriveUntouchedEvenFiveMegabytes()
    {
        const QByteArray big(5 * 1024 * 1024 - 1024, 'x');
        const QByteArray binary("\x00\xff\xfe", 3);
        const auto produced = testsupport::kcat({QStringLiteral("-P"), QStringLiteral("-b"), m_cluster->bootstrapServers(),
                                                 QStringLiteral("-t"), m_topic, QStringLiteral("-p"),
                                                 QStringLiteral("1"), QStringLiteral("-D"), QStringLiteral("|"),
                                                 QStringLiteral("-X"), QStringLiteral("message.max.bytes=10000000")},
                                                binary + '|' + big);
        QVERIFY2(produced.exitCode == 0, produced.err.constData());
        ConsumerSpec spec;
        spec.config = {m_cluster->bootstrapServers(), {}};
        spec.topics = {m_topic};
        spec.mode = ConsumerSpec::Mode::Manual;
        spec.partitions = {1};
        Seen &seen = startConsumer(spec);
        QTRY_COMPARE_WITH_TIMEOUT(seen.records.size(), 2, 20000);
        QCOMPARE(seen.records[0].value, binary);
        QCOMPARE(seen.records[1].value.size(), big.size());
        QVERIFY(seen.records[1].value == big);
    }

    // Progress (every second) must not make the poll loop wait on the
    // network. The group's coordinator answers slowly (1 s) while the
    // partition's leader, another broker, answers at once; a message every
    // 20 ms must keep coming out of the worker without the half-second
    // stalls that asking the coordinator for committed offsets caused.
    void slowCoordinatorDoesNotStallThePollLoop()
    {
        auto started = Sandbox::start(2);
        QVERIFY(started.ok());
        m_privateSandbox = std::move(started).value();
        Sandbox &sandbox = *m_privateSandbox;
        const QString topic = QStringLiteral("steady"), group = QStringLiteral("slow-coordinator");
        QVERIFY(!sandbox.createTopic({topic, 1, 1}));
        QVERIFY(!sandbox.setPartitionLeader(topic, 0, 2));
        QVERIFY(!sandbox.setGroupCoordinator(group, 1));
        QVERIFY(!sandbox.setBrokerRtt(1, 1000));
        ConsumerSpec spec;
        // Fetches wait at most 20 ms for data, rather than 500: the gaps
        // measured are then the poll loop's, not the fetcher's.
        spec.config = {sandbox.bootstrapServers(), {ShortSession, {QStringLiteral("fetch.wait.max.ms"), QStringLiteral("20")}}};
        spec.topics = {topic};
        spec.groupId = group;
        Seen &seen = startConsumer(spec);
        QList<qint64> arrivals; // ms, when each hand-over of records came
        QElapsedTimer clock;
        clock.start();
        QObject measuring; // declared after what it writes to: disconnects first
        connect(m_threads.back()->worker(), &ConsumerWorker::records, &measuring,
                [&arrivals, &clock](const QList<RecordBatch> &) { arrivals.append(clock.elapsed()); });
        QTRY_VERIFY_WITH_TIMEOUT(!seen.assignment.isEmpty(), 30000);

        auto producer = Producer::create({sandbox.bootstrapServers(), {}});
        QVERIFY(producer.ok());
        int sent = 0;
        QTimer steady;
        connect(&steady, &QTimer::timeout, this, [&] {
            producer.value()->produce({topic, QByteArray::number(sent), QByteArrayLiteral("v"), {}, 0});
            producer.value()->poll();
            ++sent;
        });
        steady.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(seen.records.size() >= 200, 30000);
        steady.stop();
        // From the first hand-over on, the longest wait for the next one.
        // Caught up, the worker hands records over every 50 to 100 ms.
        qint64 longest = 0;
        for (qsizetype i = 1; i < arrivals.size(); ++i)
            longest = std::max(longest, arrivals[i] - arrivals[i - 1]);
        qInfo("%lld hand-overs, the longest gap %lld ms", qlonglong(arrivals.size()), longest);
        QVERIFY2(longest < 300, qPrintable(QString::number(longest)));
    }

    // No broker answering is a warning the consumer comes out of: it keeps
    // trying, says when the brokers answer again, and goes on consuming.
    void allBrokersDownIsAWarningUntilTheyAnswerAgain()
    {
        const QString topic = QStringLiteral("fragile");
        m_privateSandbox = testsupport::TestCluster::privateSandbox(topic);
        Sandbox *sandbox = m_privateSandbox.get();
        QVERIFY(sandbox);
        ConsumerSpec spec;
        spec.config = {sandbox->bootstrapServers(), {}};
        spec.topics = {topic};
        spec.mode = ConsumerSpec::Mode::Manual;
        Seen &seen = startConsumer(spec);
        QTRY_VERIFY_WITH_TIMEOUT(!seen.assignment.isEmpty(), 15000);
        const auto events = [&seen](ConsumerEvent::Kind kind) {
            QStringList found;
            for (const ConsumerEvent &e : std::as_const(seen.events))
                if (e.kind == kind)
                    found.append(e.message);
            return found;
        };
        const auto all = [&seen] {
            QStringList lines;
            for (const ConsumerEvent &e : std::as_const(seen.events))
                lines.append(QStringLiteral("%1: %2").arg(int(e.kind)).arg(e.message));
            return lines.join(QLatin1Char('\n'));
        };

        QVERIFY(!sandbox->setBrokerDown(1, true));
        QTRY_VERIFY2_WITH_TIMEOUT(!events(ConsumerEvent::Kind::Warning).isEmpty(), qPrintable(all()), 10000);
        QVERIFY2(events(ConsumerEvent::Kind::Warning).first().contains(QLatin1String("No broker answers")), qPrintable(all()));
        QVERIFY(events(ConsumerEvent::Kind::Error).isEmpty());
        QVERIFY(!seen.stopped);

        QVERIFY(!sandbox->setBrokerDown(1, false));
        QTRY_VERIFY2_WITH_TIMEOUT(!events(ConsumerEvent::Kind::Recovered).isEmpty(), qPrintable(all()), 15000);
        auto producer = Producer::create({sandbox->bootstrapServers(), {}});
        QVERIFY(producer.ok());
        QVERIFY(!producer.value()->produce({topic, QByteArrayLiteral("after"), QByteArrayLiteral("v"), {}, 0}));
        producer.value()->flush(std::chrono::seconds(10));
        QTRY_VERIFY_WITH_TIMEOUT(!seen.records.isEmpty() && seen.records.last().key == "after", 15000);
        QVERIFY2(events(ConsumerEvent::Kind::Error).isEmpty(), qPrintable(all()));
        QVERIFY(!seen.stopped);
    }

    // A fatal error (librdkafka's: here a static member fenced by another
    // with its group.instance.id) stops the consumer, saying why.
    void fatalErrorStopsTheConsumerWithTheReason()
    {
        const QString topic = QStringLiteral("fenced");
        m_privateSandbox = testsupport::TestCluster::privateSandbox(topic);
        QVERIFY(m_privateSandbox);
        ConsumerSpec spec;
        spec.config = {m_privateSandbox->bootstrapServers(),
                       {ShortSession, {QStringLiteral("group.instance.id"), QStringLiteral("the-only-one")},
                        {QStringLiteral("heartbeat.interval.ms"), QStringLiteral("500")}}};
        spec.topics = {topic};
        spec.groupId = QStringLiteral("static");
        Seen &seen = startConsumer(spec);
        QTRY_VERIFY_WITH_TIMEOUT(!seen.assignment.isEmpty(), 30000);
        m_privateSandbox->failNextRequests(Sandbox::ApiKey::Heartbeat, 1, RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID);
        QTRY_VERIFY_WITH_TIMEOUT(seen.stopped, 15000);
        const auto fatal = std::find_if(seen.events.cbegin(), seen.events.cend(),
                                        [](const ConsumerEvent &e) { return e.kind == ConsumerEvent::Kind::Fatal; });
        QVERIFY(fatal != seen.events.cend());
        QVERIFY2(fatal->message.contains(QLatin1String("stopped for good")) && fatal->message.contains(QLatin1String("fenced")),
                 qPrintable(fatal->message));
    }

    void missingPartitionOrTopicFailsWithAReason()
    {
        ConsumerSpec spec;
        spec.config = {m_cluster->bootstrapServers(), {}};
        spec.topics = {m_topic};
        spec.mode = ConsumerSpec::Mode::Manual;
        spec.partitions = {9};
        Seen &seen = startConsumer(spec);
        QTRY_VERIFY_WITH_TIMEOUT(!seen.failure.isEmpty(), 15000);
        QCOMPARE(seen.failure, QStringLiteral("Topic '%1' has no partition 9 (it has 6, numbered from 0).").arg(m_topic));
        const QString missing = m_cluster->name(QStringLiteral("nope"));
        spec.topics = {missing};
        Seen &other = startConsumer(spec);
        QTRY_COMPARE_WITH_TIMEOUT(other.failure, QStringLiteral("Topic '%1' does not exist.").arg(missing), 15000);
    }
};

QTEST_GUILESS_MAIN(TestConsumerWorker)
#include "test_consumerworker.moc"
