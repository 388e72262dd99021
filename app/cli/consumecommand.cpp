#include "consumecommand.h"

#include "signalquitter.h"
#include "subcommandparser.h"

#include "kafka/consumer.h"
#include "kafka/recordformat.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

namespace cli {

namespace {

constexpr std::chrono::seconds StartTimeout{10};
constexpr qint64 StartTimeoutMs = std::chrono::milliseconds(StartTimeout).count();
constexpr std::chrono::milliseconds PollTimeout{100};
constexpr int PollBatch = 1000;

struct Options {
    kafka::ConsumerSpec spec;
    qint64 count = -1;     // -1: no limit
    qint64 idleMs = -1;    // -1: wait forever
    bool json = false;
};

// The options, or nothing with *exitCode set (help or a usage error, printed).
std::optional<Options> parse(const QStringList &arguments, int *exitCode)
{
    SubcommandParser parser(
        QStringLiteral("consume"),
        QStringLiteral("Prints the messages of TOPIC (one per line; --format json for one JSON object per line).\n"
                       "Without -g it reads every partition from --from, committing nothing; with -g it joins the group\n"
                       "and resumes from the group's committed offsets, committing what it printed when it stops."));
    const ClientOptions client(QStringLiteral("Topic(s) to consume, comma-separated."));
    const QCommandLineOption group(QStringList{QStringLiteral("g"), QStringLiteral("group")},
                                   QStringLiteral("Consumer group id."), QStringLiteral("GROUP"));
    const QCommandLineOption from(QStringLiteral("from"),
                                  QStringLiteral("earliest (default), latest, an OFFSET, or @EPOCH_MS (without -g); "
                                                 "with -g, where to begin when the group has no committed offset."),
                                  QStringLiteral("WHERE"));
    const QCommandLineOption count(QStringList{QStringLiteral("n"), QStringLiteral("count")},
                                   QStringLiteral("Stop after COUNT messages."), QStringLiteral("COUNT"));
    const QCommandLineOption timeout(QStringLiteral("timeout-ms"),
                                     QStringLiteral("Stop after MS milliseconds without a new message."),
                                     QStringLiteral("MS"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("text (default) or json."),
                                    QStringLiteral("FORMAT"));
    parser.addOptions({client.brokers, client.topic, group, from, count, timeout, format, client.property});
    const auto fail = [&](const QString &message) {
        *exitCode = parser.usageError(message);
        return std::nullopt;
    };
    if (const auto exit = parser.parse(arguments)) {
        *exitCode = *exit;
        return std::nullopt;
    }
    auto config = client.config(parser);
    if (!config.ok())
        return fail(config.error().message);

    Options options;
    kafka::ConsumerSpec &spec = options.spec;
    spec.config = config.value();
    spec.topics = parser.value(client.topic).split(QLatin1Char(','), Qt::SkipEmptyParts);
    spec.mode = parser.isSet(group) ? kafka::ConsumerSpec::Mode::Group : kafka::ConsumerSpec::Mode::Manual;
    spec.groupId = parser.value(group);
    // Commit exactly what was printed, not what was fetched beyond -n.
    spec.explicitOffsets = true;

    const QString where = parser.isSet(from) ? parser.value(from) : QStringLiteral("earliest");
    bool ok = true;
    if (where == QLatin1String("earliest")) {
        spec.start = kafka::ConsumerSpec::Start::Earliest;
    } else if (where == QLatin1String("latest")) {
        spec.start = kafka::ConsumerSpec::Start::Latest;
    } else if (where.startsWith(QLatin1Char('@'))) {
        spec.start = kafka::ConsumerSpec::Start::Timestamp;
        spec.startAt = where.mid(1).toLongLong(&ok);
    } else {
        spec.start = kafka::ConsumerSpec::Start::Offset;
        spec.startAt = where.toLongLong(&ok);
    }
    if (!ok || spec.startAt < 0)
        return fail(QStringLiteral("--from takes earliest, latest, an offset or @EPOCH_MS, not '%1'").arg(where));
    if (parser.isSet(count)) {
        options.count = parser.value(count).toLongLong(&ok);
        if (!ok || options.count < 1)
            return fail(QStringLiteral("-n takes a count of 1 or more"));
    }
    if (parser.isSet(timeout)) {
        options.idleMs = parser.value(timeout).toLongLong(&ok);
        if (!ok || options.idleMs < 0)
            return fail(QStringLiteral("--timeout-ms takes milliseconds (0 or more)"));
    }
    const QString formatName = parser.isSet(format) ? parser.value(format) : QStringLiteral("text");
    if (formatName != QLatin1String("text") && formatName != QLatin1String("json"))
        return fail(QStringLiteral("--format is text or json, not '%1'").arg(formatName));
    options.json = formatName == QLatin1String("json");

    if (auto err = spec.validate())
        return fail(err.message);
    return options;
}

} // namespace

int runConsume(const QStringList &arguments)
{
    int exitCode = 0;
    const auto options = parse(arguments, &exitCode);
    if (!options)
        return exitCode;
    auto created = kafka::Consumer::create(options->spec);
    if (!created.ok()) {
        std::fprintf(stderr, "kafkadesk consume: %s\n", qPrintable(created.error().message));
        return 2;
    }
    kafka::Consumer &consumer = *created.value();
    if (auto err = consumer.start(StartTimeout)) {
        std::fprintf(stderr, "kafkadesk consume: %s\n", qPrintable(err.message));
        return 1;
    }

    // Polling runs in the event loop, so that SIGINT/SIGTERM (SignalQuitter)
    // end it between two polls.
    SignalQuitter quitter;
    qint64 printed = 0;
    bool failed = false;
    bool assigned = false;
    QElapsedTimer sinceLast;
    sinceLast.start();
    QTimer pump;
    QObject::connect(&pump, &QTimer::timeout, &pump, [&] {
        const qint64 wanted = options->count < 0 ? PollBatch : std::min<qint64>(PollBatch, options->count - printed);
        const QList<kafka::Record> records = consumer.poll(int(wanted), PollTimeout).records();
        for (const kafka::ConsumerEvent &event : consumer.takeEvents()) {
            // The wait for a new message starts once partitions are assigned.
            if (event.kind == kafka::ConsumerEvent::Kind::Assigned) {
                assigned = true;
                sinceLast.restart();
            }
            // What the cluster cannot do (the sandbox cannot look up offsets
            // by time, say) is said, not hidden; stdout stays the messages.
            if (event.kind == kafka::ConsumerEvent::Kind::Info)
                std::fprintf(stderr, "kafkadesk consume: note: %s\n", qPrintable(event.message));
            // An error here (an offset out of range, a topic that went away)
            // would not mend itself: report it and stop.
            if (event.kind == kafka::ConsumerEvent::Kind::Error) {
                std::fprintf(stderr, "kafkadesk consume: %s\n", qPrintable(event.message));
                failed = true;
                QCoreApplication::quit();
            }
        }
        for (const kafka::Record &record : records) {
            const QByteArray line = options->json ? kafka::toJsonLine(record) : record.value + '\n';
            std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
            consumer.markConsumed(record);
        }
        printed += records.size();
        if (!records.isEmpty()) {
            std::fflush(stdout);
            sinceLast.restart();
        }
        // Joining a group takes seconds (the sandbox waits 3 s for members),
        // so until the first assignment the wait is at least StartTimeout.
        const qint64 idleLimit = assigned ? options->idleMs : std::max<qint64>(options->idleMs, StartTimeoutMs);
        if ((options->count >= 0 && printed >= options->count) || (options->idleMs >= 0 && sinceLast.hasExpired(idleLimit)))
            QCoreApplication::quit();
    });
    pump.start(0);
    QCoreApplication::exec();

    // Leaving the group commits the offsets of what was printed.
    if (auto err = consumer.close())
        std::fprintf(stderr, "kafkadesk consume: %s\n", qPrintable(err.message));
    std::fprintf(stderr, "consumed %lld\n", printed);
    return failed ? 1 : 0;
}

} // namespace cli
