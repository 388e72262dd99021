#include "consumecommand.h"

#include "registryoptions.h"
#include "signalcatcher.h"
#include "subcommandparser.h"


#include "kafka/consumer.h"
#include "kafka/decodedpart.h"
#include "kafka/recordformat.h"
#include "kafka/sandbox.h"


#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <poll.h>
#include <unistd.h>

namespace cli {

namespace {

constexpr std::chrono::seconds StartTimeout{10};
constexpr qint64 StartTimeoutMs = std::chrono::milliseconds(StartTimeout).count();
constexpr std::chrono::milliseconds PollTimeout{100};
constexpr int PollBatch = 1000;

} // namespace

std::optional<ConsumeOptions> parseConsumeOptions(const QStringList &arguments, int *exitCode)
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
    const RegistryOptions registry(QStringLiteral("Decode keys and values in the Schema Registry's wire format "
                                                  "(Avro, Protobuf, JSON Schema) with the registry at URL."));
    const QCommandLineOption valueAvsc(QStringLiteral("value-avsc"),
                                       QStringLiteral("Decode values with the Avro schema in FILE (bare Avro, or the "
                                                      "wire format without asking a registry)."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption valueProto(QStringLiteral("value-proto"),
                                        QStringLiteral("Decode values in the wire format with the .proto FILE (its "
                                                       "imports found beside it), without asking a registry."),
                                        QStringLiteral("FILE"));
    parser.addOptions({client.brokers, client.topic, group, from, count, timeout, format});
    parser.addOptions(registry.all());
    parser.addOptions({valueAvsc, valueProto, client.property});
    parser.addOptions(client.profileOptions());
    const auto fail = [&](const QString &message) {
        *exitCode = parser.usageError(message);
        return std::nullopt;
    };
    if (const auto exit = parser.parse(arguments)) {
        *exitCode = *exit;
        return std::nullopt;
    }
    auto config = client.config(parser);
    if (!config.ok()) {
        *exitCode = ClientOptions::exitFor(parser, config.error());
        return std::nullopt;
    }

    ConsumeOptions options;
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
    const auto json = isJsonFormat(parser, format);
    if (!json.ok())
        return fail(json.error().message);
    options.json = json.value();

    if ((parser.isSet(registry.user) || parser.isSet(registry.passwordFile)) && !parser.isSet(registry.url)
        && !parser.isSet(client.profile))
        return fail(QStringLiteral("--registry-user and --registry-password-file go with --schema-registry "
                                   "(or a --profile that names a registry)"));
    const auto registrySettings = registry.settings(parser, parser.value(client.profile));
    if (!registrySettings.ok()) {
        *exitCode = ClientOptions::exitFor(parser, registrySettings.error());
        return std::nullopt;
    }
    if (registrySettings.value()) {
        options.keyDecoder = std::make_shared<kafka::SchemaDecoder>(*registrySettings.value());
        options.valueDecoder = options.keyDecoder;
    }
    if (parser.isSet(valueAvsc) && parser.isSet(valueProto))
        return fail(QStringLiteral("--value-avsc and --value-proto exclude each other"));
    if (parser.isSet(valueAvsc) || parser.isSet(valueProto)) {
        const QString path = parser.isSet(valueAvsc) ? parser.value(valueAvsc) : parser.value(valueProto);
        if (parser.isSet(valueAvsc) != path.endsWith(QLatin1String(".avsc")))
            return fail(QStringLiteral("%1 takes a %2 file, not '%3'")
                            .arg(parser.isSet(valueAvsc) ? QStringLiteral("--value-avsc") : QStringLiteral("--value-proto"),
                                 parser.isSet(valueAvsc) ? QStringLiteral(".avsc") : QStringLiteral(".proto"), path));
        auto decoder = kafka::localSchemaDecoder(path);
        if (!decoder.ok())
            return fail(decoder.error().message);
        options.valueDecoder = decoder.value();
    }

    if (auto err = spec.validate())
        return fail(err.message);
    return options;
}

namespace {

// Creates the consumer and starts it once the cluster answers (waiting in
// slices, so that a signal is heard at once). A group consumer on the
// sandbox gets the short session the sandbox needs for the group's next
// run to join at once (what the GUI does too); the user's -X still wins.
kafka::Result<std::unique_ptr<kafka::Consumer>> connect(kafka::ConsumerSpec spec)
{
    auto created = kafka::Consumer::create(spec);
    if (!created.ok())
        return created.error();
    const auto reachable = [&](std::chrono::milliseconds slice) { return created.value()->checkReachable(slice); };
    if (auto err = waitUntilReachable(reachable, StartTimeout))
        return err;
    if (spec.mode == kafka::ConsumerSpec::Mode::Group
        && kafka::Sandbox::isSandboxClusterId(created.value()->clusterId())) {
        spec.config.properties = kafka::Sandbox::groupConsumerProperties() + spec.config.properties;
        created = kafka::Consumer::create(spec);
        if (!created.ok())
            return created.error();
    }
    if (auto err = created.value()->start(StartTimeout))
        return err;
    return created;
}

// True once nobody can read stdout: the reading end of a pipe was closed
// (POLLERR) or a terminal hung up (POLLHUP). Without this, a consumer of a
// quiet topic would only find out at its next write, however late.
bool outputClosed()
{
    pollfd out{STDOUT_FILENO, 0, 0};
    return ::poll(&out, 1, 0) == 1 && (out.revents & (POLLERR | POLLHUP)) != 0;
}

} // namespace

int runConsume(const QStringList &arguments)
{
    int exitCode = 0;
    const auto options = parseConsumeOptions(arguments, &exitCode);
    if (!options)
        return exitCode;

    // From here on SIGINT or SIGTERM ends the run with "consumed N", exit 0,
    // at any phase; a closed stdout is an EPIPE to report, not a SIGPIPE.
    SignalCatcher catcher;
    std::signal(SIGPIPE, SIG_IGN);
    const auto stopped = [] {
        std::fprintf(stderr, "kafkadesk consume: stopped by %s\n",
                     qPrintable(SignalCatcher::name(SignalCatcher::lastCaught())));
    };

    auto consumer = connect(options->spec);
    if (!consumer.ok()) {
        if (SignalCatcher::count() > 0) {
            stopped();
            std::fprintf(stderr, "consumed 0\n");
            return 0;
        }
        std::fprintf(stderr, "kafkadesk consume: %s\n", qPrintable(consumer.error().message));
        return consumer.error().code == RD_KAFKA_RESP_ERR__INVALID_ARG ? 2 : 1;
    }
    kafka::Consumer &in = *consumer.value();

    // Polling runs in the event loop, so that a signal (SignalCatcher) ends
    // it between two polls.
    qint64 printed = 0;
    bool failed = false;
    bool assigned = false;
    QElapsedTimer sinceLast;
    sinceLast.start();
    QTimer pump;
    const auto fail = [&](const QString &message) {
        std::fprintf(stderr, "kafkadesk consume: %s\n", qPrintable(message));
        failed = true;
        pump.stop();
        QCoreApplication::quit();
    };
    QObject::connect(&pump, &QTimer::timeout, &pump, [&] {
        // Whoever reads our output has gone (`consume | head -1` on a quiet
        // topic): there is nobody to print for.
        if (outputClosed())
            return fail(QStringLiteral("standard output was closed; stopping"));
        const qint64 wanted = options->count < 0 ? PollBatch : std::min<qint64>(PollBatch, options->count - printed);
        const QList<kafka::Record> records = in.poll(int(wanted), PollTimeout).records();
        for (const kafka::ConsumerEvent &event : in.takeEvents()) {
            // The wait for a new message starts once partitions are assigned.
            if (event.kind == kafka::ConsumerEvent::Kind::Assigned) {
                assigned = true;
                sinceLast.restart();
            }
            // What the cluster cannot do (the sandbox cannot look up offsets
            // by time, say) is said, not hidden; stdout stays the messages.
            if (event.kind == kafka::ConsumerEvent::Kind::Info || event.kind == kafka::ConsumerEvent::Kind::Recovered)
                std::fprintf(stderr, "kafkadesk consume: note: %s\n", qPrintable(event.message));
            // No broker answering (or a TLS or SASL step failing) may mend
            // itself: the consumer keeps trying, and a script sees why its
            // output paused (and, with --timeout-ms, ends as idle).
            if (event.kind == kafka::ConsumerEvent::Kind::Warning)
                std::fprintf(stderr, "kafkadesk consume: warning: %s\n", qPrintable(event.message));
            // An error here (an offset out of range, a topic that went away,
            // librdkafka's fatal error) would not mend itself: report it and stop.
            if (event.kind == kafka::ConsumerEvent::Kind::Error || event.kind == kafka::ConsumerEvent::Kind::Fatal)
                return fail(event.message);
        }
        if (!records.isEmpty()) {
            const bool localValues = options->valueDecoder && options->valueDecoder != options->keyDecoder;
            for (const kafka::Record &record : records) {
                const kafka::DecodedPart key =
                    options->json ? kafka::decodePart(options->keyDecoder.get(), false, record.hasKey, record.key)
                                  : kafka::DecodedPart{};
                const kafka::DecodedPart value =
                    kafka::decodePart(options->valueDecoder.get(), localValues, record.hasValue, record.value);
                // A message that does not decode is still printed, as it is.
                for (const auto &[part, decoding] : {std::pair{"key", &key}, std::pair{"value", &value}}) {
                    if (decoding->isFailed())
                        std::fprintf(stderr, "kafkadesk consume: %s [%d] offset %lld: %s: %s\n", qPrintable(record.topic),
                                     record.partition, record.offset, part, qPrintable(decoding->error));
                }
                const QByteArray line = options->json ? kafka::toJsonLineDecoded(record, key, value)
                                                      : (value.isDecoded() ? value.json : record.value) + '\n';
                std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
            }
            // Only what reached the output counts as printed (and is committed).
            if (std::fflush(stdout) != 0 || std::ferror(stdout))
                return fail(QStringLiteral("cannot write to standard output: %1; stopping")
                                .arg(QString::fromLocal8Bit(std::strerror(errno))));
            for (const kafka::Record &record : records)
                in.markConsumed(record);
            printed += records.size();
            sinceLast.restart();
        }
        // Joining a group takes seconds (the sandbox waits 3 s for members),
        // so until the first assignment the wait is at least StartTimeout.
        const qint64 idleLimit = assigned ? options->idleMs : std::max<qint64>(options->idleMs, StartTimeoutMs);
        if ((options->count >= 0 && printed >= options->count) || (options->idleMs >= 0 && sinceLast.hasExpired(idleLimit)))
            QCoreApplication::quit();
    });
    // A signal that came while connecting is already counted; the event loop
    // would not hear of it again.
    if (SignalCatcher::count() == 0) {
        pump.start(0);
        QCoreApplication::exec();
    }
    if (SignalCatcher::count() > 0)
        stopped();

    // Leaving the group commits the offsets of what was printed.
    if (auto err = in.close())
        std::fprintf(stderr, "kafkadesk consume: %s\n", qPrintable(err.message));
    std::fprintf(stderr, "consumed %lld\n", printed);
    return failed ? 1 : 0;
}

} // namespace cli
