// kafkadesk-bench: the app's consume and produce pipelines against kcat and a
// bare librdkafka loop, side by side in one run on one fresh sandbox, so the
// results are ratios that hold on a noisy machine. Not run by CTest.
// The sandbox is `kafkadesk sandbox` in its own process.
//
//   kafkadesk-bench [--messages N] [--json]

#include "consumerpanel.h"
#include "messagesmodel.h"

#include "kafka/clusterclient.h"
#include "kafka/consumer.h"
#include "kafka/deliverytally.h"
#include "kafka/producerworker.h"
#include "kafka/recordbatch.h"
#include "kafka/workerthread.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QComboBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTableView>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <malloc.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

namespace {

constexpr int Partitions = 24;
constexpr int ValueBytes = 100;
constexpr int ConsumeRounds = 3;
constexpr int ProduceRounds = 3;
const QString Topic = QStringLiteral("bench");

struct Results {
    qint64 messages = 0;
    double consumeRaw = 0, consumeKcat = 0, consumeApp = 0;
    double consumeRawHeaders = 0, consumeRawCopies = 0; // the steps between raw and app
    double produceKcat = 0, produceApp = 0;
    double latenessP99 = 0, latenessMax = 0;
    double bytesPerMessage = 0;
    double filterMs = 0;
};

double rate(qint64 messages, qint64 nanoseconds)
{
    return nanoseconds > 0 ? double(messages) * 1e9 / double(nanoseconds) : 0;
}

// CPU time (ms) used so far by this process, all its threads; the sandbox
// runs in its own process and is not counted.
double processCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// CPU time (ms) used by child processes that have ended (kcat runs).
double endedChildrenCpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    const auto ms = [](const timeval &t) { return double(t.tv_sec) * 1e3 + double(t.tv_usec) / 1e3; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

// One consume run: its rate, and the CPU time the consumer's process used
// (on 2 cores shared with the sandbox, CPU spent is rate lost).
struct Consumed {
    double perSecond = 0;
    double cpuMs = 0;
};

// Resident memory after handing freed heap back to the system, so that
// buffers librdkafka has released do not count as the store's.
qint64 residentBytes()
{
    malloc_trim(0);
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

// Runs the event loop, as the app does, until `done` (checked every 10 ms).
// Not a processEvents() loop: spinning would take a core from the pipeline.
void waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer check;
    check.setInterval(10);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() >= timeoutMs)
            loop.quit();
    });
    check.start();
    if (!done())
        loop.exec();
}

QString kcatPath()
{
    const QString path = QStandardPaths::findExecutable(QStringLiteral("kcat"));
    return path.isEmpty() ? QStringLiteral("kcat") : path;
}

// kcat -P of `count` lines, each a ValueBytes-byte message.
double produceWithKcat(const QString &bootstrap, qint64 count)
{
    QTemporaryFile input;
    if (!input.open())
        return 0;
    const QByteArray line = QByteArray(ValueBytes, 'k') + '\n';
    QByteArray chunk;
    for (int i = 0; i < 10000; ++i)
        chunk += line;
    for (qint64 written = 0; written < count; written += 10000)
        input.write(chunk.constData(), qsizetype(std::min<qint64>(10000, count - written)) * line.size());
    input.flush();
    QProcess kcat;
    kcat.setStandardInputFile(input.fileName());
    QElapsedTimer clock;
    clock.start();
    kcat.start(kcatPath(), {QStringLiteral("-P"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), Topic});
    kcat.waitForFinished(-1);
    const qint64 ns = clock.nsecsElapsed();
    if (kcat.exitCode() != 0)
        std::fprintf(stderr, "kcat -P failed: %s\n", kcat.readAllStandardError().constData());
    return rate(count, ns);
}

// Messages the sandbox holds now: it keeps about 5 MB per partition, so a
// run may hold a little less than was produced.
qint64 storedMessages(const QString &bootstrap)
{
    auto client = kafka::ClusterClient::create({bootstrap, {}});
    if (!client.ok())
        return 0;
    auto topic = client.value()->fetchTopic(Topic);
    if (!topic.ok())
        return 0;
    qint64 total = 0;
    for (const auto &partition : topic.value().partitions)
        total += std::max<qint64>(0, partition.messageCount());
    return total;
}

Consumed consumeWithKcat(const QString &bootstrap, qint64 count)
{
    QProcess kcat;
    kcat.setStandardOutputFile(QProcess::nullDevice());
    const double cpuBefore = endedChildrenCpuMs();
    QElapsedTimer clock;
    clock.start();
    kcat.start(kcatPath(), {QStringLiteral("-C"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), Topic,
                            QStringLiteral("-o"), QStringLiteral("beginning"), QStringLiteral("-c"),
                            QString::number(count), QStringLiteral("-q")});
    kcat.waitForFinished(-1);
    return {rate(count, clock.nsecsElapsed()), endedChildrenCpuMs() - cpuBefore};
}

// What the bare loop does with each message besides counting it. The steps
// past Count are the app's first two, without its threads, model or view:
// they show how much of the rate storing messages costs by itself.
enum class RawWork { Count, ReadHeaders, KeepCopies };

// The limit on this machine: librdkafka's own consumer with the settings of
// the app's manual consumer, told the leaders before it assigns as the app's
// is, counting (and doing `work`), and never waiting while messages are queued.
Consumed consumeRaw(const QString &bootstrap, qint64 count, RawWork work = RawWork::Count)
{
    kafka::ConfPtr conf(rd_kafka_conf_new());
    char error[512];
    rd_kafka_conf_set(conf.get(), "bootstrap.servers", bootstrap.toUtf8().constData(), error, sizeof error);
    rd_kafka_conf_set(conf.get(), "group.id", "bench-raw", error, sizeof error);
    rd_kafka_conf_set(conf.get(), "enable.auto.commit", "false", error, sizeof error);
    rd_kafka_conf_set(conf.get(), "enable.auto.offset.store", "false", error, sizeof error);
    for (const auto &[key, value] : kafka::consumerFetchDefaults())
        rd_kafka_conf_set(conf.get(), key.toUtf8().constData(), value.toUtf8().constData(), error, sizeof error);
    kafka::HandlePtr rk(rd_kafka_new(RD_KAFKA_CONSUMER, conf.release(), error, sizeof error));
    rd_kafka_poll_set_consumer(rk.get());
    const double cpuBefore = processCpuMs();
    QElapsedTimer clock;
    clock.start();
    {
        kafka::TopicPtr topic(rd_kafka_topic_new(rk.get(), Topic.toUtf8().constData(), nullptr));
        const rd_kafka_metadata_t *metadata = nullptr;
        if (rd_kafka_metadata(rk.get(), 0, topic.get(), &metadata, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR)
            rd_kafka_metadata_destroy(metadata);
    }
    kafka::PartitionListPtr list(rd_kafka_topic_partition_list_new(Partitions));
    for (int p = 0; p < Partitions; ++p)
        rd_kafka_topic_partition_list_add(list.get(), Topic.toUtf8().constData(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(rk.get(), list.get());
    kafka::QueuePtr queue(rd_kafka_queue_get_consumer(rk.get()));
    std::vector<rd_kafka_message_t *> batch(10000);
    QList<kafka::RecordBatch> kept;
    qint64 seen = 0;
    while (seen < count && clock.elapsed() < 120000) {
        // What is queued, or else the next message: a batch call with a
        // timeout waits out the timeout for a full batch at the end.
        ssize_t n = rd_kafka_consume_batch_queue(queue.get(), 0, batch.data(), batch.size());
        if (n == 0) {
            batch[0] = rd_kafka_consume_queue(queue.get(), 100);
            n = batch[0] ? 1 : 0;
        }
        kafka::RecordBatch copies;
        if (work == RawWork::KeepCopies)
            copies.reserve(n, n * ValueBytes);
        for (ssize_t i = 0; i < n; ++i) {
            rd_kafka_message_t *m = batch[size_t(i)];
            if (!m->err)
                ++seen;
            if (work != RawWork::Count) {
                rd_kafka_headers_t *headers = nullptr;
                rd_kafka_message_headers(m, &headers);
            }
            if (work == RawWork::KeepCopies && !m->err)
                copies.append(Topic, int(m->partition), m->offset, rd_kafka_message_timestamp(m, nullptr), std::nullopt,
                              QByteArrayView(static_cast<const char *>(m->payload), qsizetype(m->len)));
            rd_kafka_message_destroy(m);
        }
        if (!copies.isEmpty())
            kept.append(copies);
    }
    const qint64 ns = clock.nsecsElapsed();
    const double cpuMs = processCpuMs() - cpuBefore;
    queue.reset();
    rd_kafka_consumer_close(rk.get());
    return {rate(seen, ns), cpuMs};
}

// The app's producer path: ProducerWorker's bulk run, every report counted.
double produceWithApp(const QString &bootstrap, qint64 count)
{
    kafka::WorkerThread<kafka::ProducerWorker> thread(
        std::make_unique<kafka::ProducerWorker>(kafka::ClientConfig{bootstrap, {}}), QStringLiteral("producer"));
    kafka::DeliveryTally tally;
    kafka::ProducerWorker *worker = thread.worker();
    QObject context; // receives on this (the GUI) thread, as the panel does
    QObject::connect(worker, &kafka::ProducerWorker::sent, &context, [&tally](qint64 n) { tally.sent += n; });
    QObject::connect(worker, &kafka::ProducerWorker::delivered, &context,
                     [&tally](const QList<kafka::Delivery> &d) { tally.add(d); });
    bool opened = false;
    QObject::connect(worker, &kafka::ProducerWorker::opened, &context, [&opened] { opened = true; });
    QMetaObject::invokeMethod(worker, &kafka::ProducerWorker::open, Qt::QueuedConnection);
    waitUntil([&] { return opened; }, 10000);
    kafka::BulkSpec spec;
    spec.message = {Topic, std::nullopt, QByteArray(ValueBytes, 'a'), {}, RD_KAFKA_PARTITION_UA};
    spec.count = count;
    QElapsedTimer clock;
    clock.start();
    QMetaObject::invokeMethod(worker, "startBulk", Qt::QueuedConnection, Q_ARG(kafka::BulkSpec, spec));
    waitUntil([&] { return tally.finished() >= count; }, 300000);
    const qint64 ns = clock.nsecsElapsed();
    if (tally.failed > 0)
        std::fprintf(stderr, "app produce: %lld failed\n", tally.failed);
    return rate(tally.delivered, ns);
}

// The app's consumer path: a ConsumerPanel (ConsumerWorker into the messages
// model and its view, offscreen), with a 1 ms timer on the GUI thread to
// measure how late the event loop runs.
// `lateness` collects the 1 ms timer's lateness samples (ns) of every run.
// Takes the memory measure into `results`.
Consumed consumeWithApp(const QString &bootstrap, qint64 count, Results &results, QList<qint64> &lateness)
{
    ConsumerPanel panel(QStringLiteral("bench"));
    panel.resize(1000, 700);
    panel.show();
    panel.setConnection({bootstrap, {}}, true);
    panel.setTopics(Topic);
    auto *mode = panel.findChild<QComboBox *>(QStringLiteral("modeCombo"));
    mode->setCurrentIndex(mode->findData(int(kafka::ConsumerSpec::Mode::Manual)));
    QCoreApplication::processEvents();
    const qint64 rssBefore = residentBytes();

    QElapsedTimer tick;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(1);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        lateness.append(tick.nsecsElapsed() - 1'000'000);
        tick.restart();
    });

    QElapsedTimer clock;
    // Timed when the last records reach the model, not at the next check
    // of waitUntil(), which would add up to 10 ms.
    qint64 ns = 0;
    double cpuMs = 0;
    const double cpuBefore = processCpuMs();
    QObject::connect(panel.messagesModel(), &QAbstractItemModel::rowsInserted, &panel, [&] {
        if (ns == 0 && panel.receivedCount() >= count) {
            ns = clock.nsecsElapsed();
            cpuMs = processCpuMs() - cpuBefore;
        }
    });
    clock.start();
    panel.start();
    tick.start();
    timer.start();
    waitUntil([&] { return ns > 0; }, 300000);
    if (ns == 0) {
        ns = clock.nsecsElapsed();
        cpuMs = processCpuMs() - cpuBefore;
    }
    timer.stop();
    const Consumed consumed{rate(panel.receivedCount(), ns), cpuMs};

    // Memory: the store's share, once the consumer and its buffers are gone.
    // Taken in the first round only: later rounds reuse pages that earlier
    // ones freed but the heap kept, and would count too little.
    panel.stop();
    waitUntil([&] { return !panel.isRunning(); }, 30000);
    const qint64 stored = panel.messagesModel()->storedCount();
    if (results.bytesPerMessage == 0 && stored > 0)
        results.bytesPerMessage = double(residentBytes() - rssBefore) / double(stored);
    return consumed;
}

// Filter: ms until a substring filter has scanned 1,000,000 stored 100-byte
// messages, shown in a table view. The sandbox holds fewer, so the store is
// filled directly, in batches as the consumer delivers them.
double filterOverAMillion()
{
    constexpr int Stored = 1'000'000;
    constexpr int BatchSize = 20'000;
    MessagesModel model;
    QTableView view;
    view.setModel(&model);
    view.resize(1000, 700);
    view.show();
    const QByteArray value(ValueBytes, 'v');
    for (int first = 0; first < Stored; first += BatchSize) {
        kafka::RecordBatch batch;
        batch.reserve(BatchSize, qsizetype(BatchSize) * (ValueBytes + 12));
        for (int i = first; i < first + BatchSize; ++i)
            batch.append(Topic, i % Partitions, i / Partitions, 1'700'000'000'000 + i,
                         QByteArrayView(QByteArray("key-" + QByteArray::number(i))), QByteArrayView(value));
        model.append({batch});
    }
    QCoreApplication::processEvents();
    bool finished = false;
    QObject::connect(&model, &MessagesModel::filterFinished, [&finished] { finished = true; });
    QElapsedTimer clock;
    clock.start();
    model.setFilter(MessageFilter(QStringLiteral("needle"), false));
    waitUntil([&] { return finished; }, 60000);
    return double(clock.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Kafka Desk's pipelines against kcat and a bare librdkafka loop."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("End with one JSON object on the last line."));
    const QCommandLineOption messages(QStringLiteral("messages"), QStringLiteral("Messages per run (default 1000000)."),
                                      QStringLiteral("N"), QStringLiteral("1000000"));
    parser.addOptions({json, messages});
    parser.process(app);
    const qint64 count = parser.value(messages).toLongLong();

    // The sandbox runs in its own process (`kafkadesk sandbox`), as it does
    // for kcat: in this process its broker threads would compete with the
    // pipeline being measured.
    QProcess sandbox;
    sandbox.start(QStringLiteral(KAFKADESK_PATH), {QStringLiteral("sandbox"), QStringLiteral("--brokers"), QStringLiteral("3"),
                                                  QStringLiteral("--topic"), QStringLiteral("%1:%2:3").arg(Topic).arg(Partitions)});
    QString bootstrap;
    while (bootstrap.isEmpty() && sandbox.waitForReadyRead(10000)) {
        const QByteArray line = sandbox.readLine().trimmed();
        if (line.startsWith("bootstrap: "))
            bootstrap = QString::fromUtf8(line.mid(11));
    }
    if (bootstrap.isEmpty()) {
        std::fprintf(stderr, "cannot start the sandbox (%s)\n", KAFKADESK_PATH);
        return 2;
    }
    Results r;
    r.messages = count;
    std::fprintf(stderr, "producing %lld messages with kcat...\n", count);
    r.produceKcat = produceWithKcat(bootstrap, count);
    const qint64 stored = storedMessages(bootstrap);
    std::fprintf(stderr, "the sandbox holds %lld of them\n", stored);
    std::fprintf(stderr, "consuming: raw loop, kcat, app...\n");
    // Each pipeline three times, interleaved, keeping its best rate: one
    // slow run on a shared machine says little about the pipeline.
    QList<qint64> lateness;
    for (int round = 0; round < ConsumeRounds; ++round) {
        const Consumed raw = consumeRaw(bootstrap, stored);
        const Consumed headers = consumeRaw(bootstrap, stored, RawWork::ReadHeaders);
        const Consumed copies = consumeRaw(bootstrap, stored, RawWork::KeepCopies);
        const Consumed kcat = consumeWithKcat(bootstrap, stored);
        const Consumed app = consumeWithApp(bootstrap, stored, r, lateness);
        std::fprintf(stderr,
                     "  round %d, msg/s (CPU ms outside the sandbox): raw %.0f (%.0f), +headers %.0f (%.0f), "
                     "+copies %.0f (%.0f), kcat %.0f (%.0f), app %.0f (%.0f)\n",
                     round + 1, raw.perSecond, raw.cpuMs, headers.perSecond, headers.cpuMs, copies.perSecond,
                     copies.cpuMs, kcat.perSecond, kcat.cpuMs, app.perSecond, app.cpuMs);
        r.consumeRaw = std::max(r.consumeRaw, raw.perSecond);
        r.consumeRawHeaders = std::max(r.consumeRawHeaders, headers.perSecond);
        r.consumeRawCopies = std::max(r.consumeRawCopies, copies.perSecond);
        r.consumeKcat = std::max(r.consumeKcat, kcat.perSecond);
        r.consumeApp = std::max(r.consumeApp, app.perSecond);
    }
    std::sort(lateness.begin(), lateness.end());
    if (!lateness.isEmpty()) {
        r.latenessP99 = double(lateness.at(qsizetype(double(lateness.size() - 1) * 0.99))) / 1e6;
        r.latenessMax = double(lateness.last()) / 1e6;
    }
    r.filterMs = filterOverAMillion();
    std::fprintf(stderr, "producing %lld messages with the app...\n", count);
    // Produce: kcat's rate was taken first (it filled the topic); then the
    // app and kcat take turns, each keeping its best.
    for (int round = 0; round < ProduceRounds; ++round) {
        r.produceApp = std::max(r.produceApp, produceWithApp(bootstrap, count));
        r.produceKcat = std::max(r.produceKcat, produceWithKcat(bootstrap, count));
    }

    struct Row {
        const char *what;
        double value;
        QString target;
        bool met;
    };
    const QList<Row> rows{
        {"consume, bare librdkafka loop (msg/s)", r.consumeRaw, QStringLiteral("the limit"), true},
        {"  same loop, reading headers (msg/s)", r.consumeRawHeaders,
         QStringLiteral("%1 x raw").arg(r.consumeRawHeaders / r.consumeRaw, 0, 'f', 2), true},
        {"  same, keeping copies (msg/s)", r.consumeRawCopies,
         QStringLiteral("%1 x raw").arg(r.consumeRawCopies / r.consumeRaw, 0, 'f', 2), true},
        {"consume, kcat -C (msg/s)", r.consumeKcat, QString(), true},
        {"consume, app pipeline (msg/s)", r.consumeApp,
         QStringLiteral("%1 x raw, %2 x kcat (>= 0.9, >= 1.0)")
             .arg(r.consumeApp / r.consumeRaw, 0, 'f', 2)
             .arg(r.consumeApp / r.consumeKcat, 0, 'f', 2),
         r.consumeApp >= 0.9 * r.consumeRaw && r.consumeApp >= r.consumeKcat},
        {"produce, kcat -P (msg/s)", r.produceKcat, QString(), true},
        {"produce, app bulk path (msg/s)", r.produceApp,
         QStringLiteral("%1 x kcat (>= 0.8)").arg(r.produceApp / r.produceKcat, 0, 'f', 2), r.produceApp >= 0.8 * r.produceKcat},
        {"GUI timer lateness p99 (ms)", r.latenessP99, QStringLiteral("<= 16"), r.latenessP99 <= 16},
        {"GUI timer lateness max (ms)", r.latenessMax, QStringLiteral("<= 100"), r.latenessMax <= 100},
        {"resident bytes per stored message", r.bytesPerMessage, QStringLiteral("<= 300"), r.bytesPerMessage <= 300},
        {"substring filter, 1,000,000 stored (ms)", r.filterMs, QStringLiteral("<= 300"), r.filterMs <= 300},
    };
    std::printf("produce %lld, consume %lld messages of %d bytes; %d partitions, 3-broker sandbox, %d cores\n", count,
                stored, ValueBytes, Partitions, QThread::idealThreadCount());
    std::printf("%-40s %14s  %s\n", "measure", "value", "target");
    bool allMet = true;
    for (const Row &row : rows) {
        std::printf("%-40s %14.1f  %s%s\n", row.what, row.value, qPrintable(row.target),
                    row.target.isEmpty() || row.met ? "" : "  MISSED");
        allMet &= row.met;
    }
    if (parser.isSet(json)) {
        const QJsonObject out{
            {QStringLiteral("consume"), QJsonObject{{QStringLiteral("raw"), r.consumeRaw}, {QStringLiteral("kcat"), r.consumeKcat},
                                                    {QStringLiteral("app"), r.consumeApp}}},
            {QStringLiteral("produce"), QJsonObject{{QStringLiteral("kcat"), r.produceKcat}, {QStringLiteral("app"), r.produceApp}}},
            {QStringLiteral("gui_lateness_ms"), QJsonObject{{QStringLiteral("p99"), r.latenessP99}, {QStringLiteral("max"), r.latenessMax}}},
            {QStringLiteral("bytes_per_message"), r.bytesPerMessage},
            {QStringLiteral("filter_ms"), r.filterMs}};
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    }
    std::fflush(stdout);
    sandbox.terminate();
    sandbox.waitForFinished();
    return allMet ? 0 : 1;
}
