#include "kafka/producerworker.h"
#include "kafka/sandbox.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace kafka;

class TestProducerWorker : public QObject {
    Q_OBJECT

    std::unique_ptr<Sandbox> m_sandbox;
    QThread m_thread;
    ProducerWorker *m_worker = nullptr;

private slots:
    void init()
    {
        auto sandbox = Sandbox::start(3);
        QVERIFY(sandbox.ok());
        m_sandbox = std::move(sandbox).value();
        QVERIFY(!m_sandbox->createTopic(TopicSpec{QStringLiteral("t"), 6, 3}));

        m_worker = new ProducerWorker({m_sandbox->bootstrapServers(), {}});
        m_worker->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        m_thread.start();
        QSignalSpy opened(m_worker, &ProducerWorker::opened);
        QMetaObject::invokeMethod(m_worker, &ProducerWorker::open, Qt::QueuedConnection);
        QVERIFY(opened.wait(5000));
    }
    void cleanup()
    {
        m_thread.quit();
        QVERIFY(m_thread.wait(10000));
        m_sandbox.reset();
    }

    void deliveriesArriveInBatchesFromTheWorkerThread()
    {
        constexpr int Batches = 10;
        constexpr int PerBatch = 2000;
        qint64 delivered = 0;
        int batchSignals = 0;
        bool allOnWorkerThread = true;
        // Direct connection: runs where the signal is emitted.
        connect(m_worker, &ProducerWorker::delivered, this,
                [&](const QList<Delivery> &batch) {
                    allOnWorkerThread &= QThread::currentThread() == &m_thread;
                    for (const Delivery &d : batch)
                        delivered += d.delivered() ? 1 : 0;
                    ++batchSignals;
                },
                Qt::DirectConnection);
        QSignalSpy rejected(m_worker, &ProducerWorker::rejected);

        for (int b = 0; b < Batches; ++b) {
            QList<ProduceRequest> batch;
            for (int i = 0; i < PerBatch; ++i)
                batch.append({QStringLiteral("t"), QByteArray::number(b * PerBatch + i), QByteArray(100, 'x'), {}, -1});
            QMetaObject::invokeMethod(m_worker, "produce", Qt::QueuedConnection,
                                      Q_ARG(QList<kafka::ProduceRequest>, batch));
        }
        QTRY_COMPARE_WITH_TIMEOUT(delivered, qint64(Batches * PerBatch), 30000);
        QCOMPARE(rejected.count(), 0);
        QVERIFY(allOnWorkerThread);
        // Batched: far fewer batchSignals than messages.
        QVERIFY2(batchSignals < Batches * PerBatch / 20, qPrintable(QString::number(batchSignals)));

        QSignalSpy flushed(m_worker, &ProducerWorker::flushed);
        QMetaObject::invokeMethod(m_worker, "flush", Qt::QueuedConnection, Q_ARG(int, 5000));
        QVERIFY(flushed.wait(10000));
        QCOMPARE(flushed.first().first().toLongLong(), 0);
    }

    // Before metadata arrives librdkafka accepts a message for a partition
    // that does not exist and fails it in its delivery report; afterwards it
    // refuses it at once. Either way each message ends as a visible failure.
    void missingPartitionEndsAsVisibleFailures()
    {
        int failures = 0;
        QStringList reasons;
        connect(m_worker, &ProducerWorker::delivered, this, [&](const QList<Delivery> &batch) {
            for (const Delivery &d : batch) {
                failures += d.delivered() ? 0 : 1;
                reasons.append(d.errorText());
            }
        });
        connect(m_worker, &ProducerWorker::rejected, this, [&](int count, const QString &reason) {
            failures += count;
            reasons.append(reason);
        });
        const QList<ProduceRequest> batch{{QStringLiteral("t"), std::nullopt, "a", {}, 42},
                                          {QStringLiteral("t"), std::nullopt, "b", {}, 43}};
        for (int round = 0; round < 2; ++round) // the second round runs with metadata known
            QMetaObject::invokeMethod(m_worker, "produce", Qt::QueuedConnection,
                                      Q_ARG(QList<kafka::ProduceRequest>, batch));
        QTRY_COMPARE_WITH_TIMEOUT(failures, 4, 15000);
        for (const QString &reason : std::as_const(reasons))
            QVERIFY2(reason.contains(QLatin1String("Unknown partition")), qPrintable(reason));
    }

    void badConfigFailsOnOpen()
    {
        ProducerWorker worker({QStringLiteral("localhost:9092"), {{QStringLiteral("no.such.key"), QStringLiteral("1")}}});
        QSignalSpy failed(&worker, &ProducerWorker::failed);
        worker.open();
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QLatin1String("no.such.key")));
    }
};

QTEST_GUILESS_MAIN(TestProducerWorker)
#include "test_producerworker.moc"
