#pragma once

#include "consumer.h"
#include "schemadecoder.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>
#include <mutex>

namespace kafka {

// Owns a Consumer on the thread it is moved to (DESIGN.md). It polls in
// slices: each slice waits at most BatchMs for a record and takes at most
// BatchRecords, then yields to the event loop so that pause, commit and stop
// get their turn. Records leave together as soon as the consumer has caught
// up, but at most once per MinEmitIntervalMs; while more is waiting (a full
// slice) they are gathered for up to EmitIntervalMs. Under load the GUI
// thread gets ten large hand-overs a second rather than hundreds of small
// ones (and repaints as often).
// Rebalances are handled inside the Consumer; what happened leaves as
// events().
class ConsumerWorker : public QObject {
    Q_OBJECT
public:
    static constexpr int BatchRecords = 20000;
    static constexpr int BatchMs = 50;
    static constexpr int EmitIntervalMs = 100;
    static constexpr int MinEmitIntervalMs = 50;
    static constexpr int ProgressIntervalMs = 1000;

    explicit ConsumerWorker(ConsumerSpec spec, QObject *parent = nullptr);
    ~ConsumerWorker() override;

public slots:
    // Creates and starts the consumer; emits started() or failed().
    void start();
    void pause();
    void resume();
    void commit();
    // Leaves the group (committing with auto commit) and emits stopped(),
    // once. A consumer that failed for good (a Fatal event) stops by itself.
    void stop();
    // Records polled from now on leave with their keys and values decoded
    // by `decoder` (null: none) beside their bytes (decodeBatch): those in
    // the registry's wire format, or every value with a local schema. On
    // this thread, so a registry slow to answer holds the poll loop, never
    // the window: a registry out of reach costs at most its timeout once per
    // SchemaDecoder::FailureMemory for all ids together; one that answers,
    // but slowly, costs its answer time once per new schema id. Unlike the
    // slots, callable from any thread (a lock of its own): a functor queued
    // to this thread is handed over under Qt's uninstrumented lock, which
    // TSan reports as a race on its captures.
    void setDecoder(std::shared_ptr<kafka::SchemaDecoder> decoder, bool localSchema);

signals:
    void started();
    // The consumer could not start (and is not running).
    void failed(const QString &message);
    void records(const QList<kafka::RecordBatch> &batches);
    void events(const QList<kafka::ConsumerEvent> &events);
    void progress(const QList<kafka::PartitionProgress> &partitions, const QString &memberId);
    void stopped();

private:
    void pollSlice();
    void reportProgress();
    void emitEvents();
    void emitRecords();
    void reportError(const Error &err);

    ConsumerSpec m_spec;
    std::unique_ptr<Consumer> m_consumer;
    QTimer *m_progressTimer = nullptr;
    QList<RecordBatch> m_pending; // polled, not emitted yet
    QElapsedTimer m_sinceEmit; // since records last left
    bool m_stopped = false;
    std::mutex m_decoderLock; // guards the two below
    std::shared_ptr<SchemaDecoder> m_decoder;
    bool m_localSchema = false;
};

} // namespace kafka

Q_DECLARE_METATYPE(kafka::ConsumerSpec)
