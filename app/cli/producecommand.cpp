#include "producecommand.h"

#include "kafka/linereader.h"
#include "registryoptions.h"
#include "signalcatcher.h"
#include "subcommandparser.h"

#include "kafka/clientconfig.h"
#include "kafka/deliverytally.h"
#include "kafka/producer.h"
#include "kafka/schemaencoder.h"
#include "kafka/topicspec.h"

#include <QScopeGuard>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace cli {

namespace {

// librdkafka's own default is 5 minutes; a script should hear sooner that
// messages cannot be delivered. -X message.timeout.ms=... overrides it.
const QString DefaultMessageTimeoutMs = QStringLiteral("30000");
constexpr std::chrono::seconds ReachableTimeout{10};
// How long produce waits for delivery reports between looks at signals.
constexpr std::chrono::milliseconds FlushSlice{200};
constexpr int PollEvery = 1000; // messages between serving delivery reports

} // namespace

std::optional<ProduceOptions> parseProduceOptions(const QStringList &arguments, int *exitCode)
{
    SubcommandParser parser(QStringLiteral("produce"),
                            QStringLiteral("Produces one message per line of standard input (or FILE) to TOPIC.\n"
                                           "With --format json each line is a JSON object with key, value and "
                                           "headers,\nas `kafkadesk consume --format json` and Export... write them "
                                           "(a replay).\n"
                                           "Prints 'delivered N, failed M' on stderr and exits 0 only if M is 0."));
    const ClientOptions client(QStringLiteral("Topic to produce to."));
    const QCommandLineOption key(QStringLiteral("k"), QStringLiteral("Key for every message."), QStringLiteral("KEY"));
    const QCommandLineOption keySeparator(
        QStringLiteral("K"), QStringLiteral("Split each line at the first SEP into key and value."), QStringLiteral("SEP"));
    const QCommandLineOption header(QStringLiteral("H"), QStringLiteral("Header for every message; repeatable."),
                                    QStringLiteral("NAME=VALUE"));
    const QCommandLineOption partition(QStringLiteral("p"),
                                       QStringLiteral("Partition (default: chosen by the partitioner)."),
                                       QStringLiteral("PARTITION"));
    const QCommandLineOption file(QStringLiteral("f"), QStringLiteral("Read lines from FILE instead of stdin."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("text (default: the line is the value) or json (the line is a "
                                                   "message: key, value, headers; base64 where marked)."),
                                    QStringLiteral("FORMAT"));
    const QCommandLineOption keepPartitions(QStringLiteral("keep-partitions"),
                                            QStringLiteral("With --format json: send each message to the partition "
                                                           "its line names (default: the partitioner chooses)."));
    const QCommandLineOption keepTimestamps(QStringLiteral("keep-timestamps"),
                                            QStringLiteral("With --format json: give each message the timestamp its "
                                                           "line names (default: the time it is sent)."));
    const RegistryOptions registry(QStringLiteral("The Schema Registry at URL (with --value-subject)."));
    const QCommandLineOption valueSubject(QStringLiteral("value-subject"),
                                          QStringLiteral("Encode each value (JSON) with the latest schema of SUBJECT in "
                                                         "the registry, in its wire format."),
                                          QStringLiteral("SUBJECT"));
    const QCommandLineOption valueAvsc(QStringLiteral("value-avsc"),
                                       QStringLiteral("Encode each value (Avro's JSON encoding) as bare Avro binary "
                                                      "with the .avsc FILE."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption valueProto(QStringLiteral("value-proto"),
                                        QStringLiteral("Encode each value (Protobuf's JSON) as a bare message of "
                                                       "--value-type from the .proto FILE (its imports found beside it)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption valueType(QStringLiteral("value-type"),
                                       QStringLiteral("Protobuf: the message type to encode, by its full name "
                                                      "(default with --value-subject: the schema's first)."),
                                       QStringLiteral("NAME"));
    parser.addOptions({client.brokers, client.topic, key, keySeparator, header, partition, file, format, keepPartitions,
                       keepTimestamps});
    parser.addOptions(registry.all());
    parser.addOptions({valueSubject, valueAvsc, valueProto, valueType, client.property});
    parser.addOptions(client.profileOptions());
    // Sent (or opened) exactly as given, as kcat does.
    parser.takeAsBytes({key, keySeparator, header, file});
    const auto fail = [&](const QString &message) {
        *exitCode = parser.usageError(message);
        return std::nullopt;
    };
    if (const auto exit = parser.parse(arguments)) {
        *exitCode = *exit;
        return std::nullopt;
    }

    ProduceOptions options;
    // Standard input carries the messages.
    if (parser.isSet(client.passwordStdin) && !parser.isSet(file))
        return fail(QStringLiteral("standard input carries the messages: give the password with --password-file, or "
                                   "the messages with -f"));
    auto config = client.config(parser, {{QStringLiteral("message.timeout.ms"), DefaultMessageTimeoutMs}},
                                ClientOptions::Access::Write);
    if (!config.ok()) {
        *exitCode = ClientOptions::exitFor(parser, config.error());
        return std::nullopt;
    }
    options.config = config.value();
    options.topic = parser.value(client.topic);
    if (auto err = kafka::TopicSpec{options.topic, 1, 1}.validate())
        return fail(err.message);
    if (parser.isSet(key))
        options.fixedKey = parser.bytes(key);
    if (parser.isSet(keySeparator)) {
        options.keySeparator = parser.bytes(keySeparator);
        if (options.keySeparator.isEmpty())
            return fail(QStringLiteral("-K needs a non-empty separator"));
    }
    for (const QByteArray &h : parser.byteValues(header)) {
        const qsizetype eq = h.indexOf('=');
        if (eq <= 0)
            return fail(QStringLiteral("header '%1' is not NAME=VALUE").arg(QString::fromUtf8(h)));
        options.headers.append({h.left(eq), h.mid(eq + 1)});
    }
    if (parser.isSet(partition)) {
        bool ok = false;
        options.partition = parser.value(partition).toInt(&ok);
        if (!ok || options.partition < 0)
            return fail(QStringLiteral("-p takes a partition number (0 or more)"));
    }
    options.file = parser.bytes(file);
    const auto json = isJsonFormat(parser, format);
    if (!json.ok())
        return fail(json.error().message);
    options.json = json.value();
    options.jsonUse = {parser.isSet(keepPartitions), parser.isSet(keepTimestamps)};
    if (!options.json && (options.jsonUse.partition || options.jsonUse.timestamp))
        return fail(QStringLiteral("--keep-partitions and --keep-timestamps read JSON lines: add --format json"));
    if (options.json && (parser.isSet(key) || parser.isSet(keySeparator) || parser.isSet(header)))
        return fail(QStringLiteral("with --format json each line carries its own key and headers: leave out -k, -K "
                                   "and -H"));
    if (options.jsonUse.partition && parser.isSet(partition))
        return fail(QStringLiteral("-p and --keep-partitions both choose the partition: use one"));

    // A schema for the values: one source of it.
    const int sources = int(parser.isSet(valueSubject)) + int(parser.isSet(valueAvsc)) + int(parser.isSet(valueProto));
    if (sources > 1)
        return fail(QStringLiteral("--value-subject, --value-avsc and --value-proto each name the schema: use one"));
    if (registry.anySet(parser) && !parser.isSet(valueSubject))
        return fail(QStringLiteral("--schema-registry, --registry-user and --registry-password-file go with "
                                   "--value-subject"));
    if (parser.isSet(valueType) && !parser.isSet(valueProto) && !parser.isSet(valueSubject))
        return fail(QStringLiteral("--value-type names a Protobuf message type: it goes with --value-proto or "
                                   "--value-subject"));
    if (parser.isSet(valueProto) && !parser.isSet(valueType))
        return fail(QStringLiteral("--value-proto needs --value-type NAME: the message type to encode"));
    if (sources == 1) {
        ProduceOptions::ValueSchema schema;
        schema.messageType = parser.value(valueType);
        if (parser.isSet(valueSubject)) {
            schema.subject = parser.value(valueSubject);
            const auto settings = registry.settings(parser, parser.value(client.profile));
            if (!settings.ok()) {
                *exitCode = ClientOptions::exitFor(parser, settings.error());
                return std::nullopt;
            }
            if (!settings.value())
                return fail(QStringLiteral("--value-subject needs --schema-registry URL (or a --profile that names a "
                                           "registry)"));
            schema.registry = *settings.value();
        } else {
            schema.file = parser.isSet(valueAvsc) ? parser.value(valueAvsc) : parser.value(valueProto);
            const QString suffix = parser.isSet(valueAvsc) ? QStringLiteral(".avsc") : QStringLiteral(".proto");
            if (!schema.file.endsWith(suffix))
                return fail(QStringLiteral("%1 takes a %2 file, not '%3'")
                                .arg(parser.isSet(valueAvsc) ? QStringLiteral("--value-avsc") : QStringLiteral("--value-proto"),
                                     suffix, schema.file));
        }
        options.valueSchema = schema;
    }
    return options;
}

namespace {

// What the producer said about itself (no broker answering, a fatal
// error), on stderr as it happens: a script's user sees it before the
// messages time out.
void reportClientErrors(kafka::Producer &producer)
{
    for (const QString &error : producer.takeClientErrors())
        std::fprintf(stderr, "kafkadesk produce: %s\n", qPrintable(error));
}

// The message a line stands for; for JSON lines, or why the line is none.
kafka::Result<kafka::ProduceRequest> requestFor(const ProduceOptions &options, QByteArray line)
{
    kafka::ProduceRequest request{options.topic, options.fixedKey, {}, options.headers, options.partition};
    if (options.json)
        return kafka::parseJsonMessage(line, std::move(request), options.jsonUse);
    const qsizetype separator = options.keySeparator.isEmpty() ? -1 : line.indexOf(options.keySeparator);
    if (separator >= 0) {
        request.key = line.left(separator);
        line.remove(0, separator + options.keySeparator.size());
    }
    request.value = std::move(line);
    return request;
}

// The value's JSON encoded with the schema, or why it does not match.
kafka::Result<kafka::ProduceRequest> encoded(const kafka::SchemaEncoder *encoder, kafka::ProduceRequest request)
{
    // A tombstone stays one: it has no value to encode.
    if (!encoder || request.tombstone)
        return request;
    auto bytes = encoder->encode(request.value);
    if (!bytes.ok())
        return bytes.error();
    request.value = bytes.value();
    return request;
}

} // namespace

int runProduce(const QStringList &arguments)
{
    int exitCode = 0;
    const auto options = parseProduceOptions(arguments, &exitCode);
    if (!options)
        return exitCode;

    int fd = STDIN_FILENO;
    if (!options->file.isEmpty()) {
        // Opened by its bytes: a file name need not be UTF-8.
        fd = ::open(options->file.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            std::fprintf(stderr, "kafkadesk produce: cannot read %s: %s\n", options->file.constData(),
                         std::strerror(errno));
            return 2;
        }
    }
    const auto closeInput = qScopeGuard([fd] {
        if (fd != STDIN_FILENO)
            ::close(fd);
    });

    // The schema first: a subject that is not there ends the run before a
    // message is read.
    std::shared_ptr<const kafka::SchemaEncoder> encoder;
    if (const auto &schema = options->valueSchema) {
        auto made = schema->subject.isEmpty()
                        ? kafka::SchemaEncoder::forLocalFile(schema->file, schema->messageType)
                        : kafka::SchemaEncoder::forSubject(schema->registry, schema->subject, schema->messageType);
        if (!made.ok()) {
            std::fprintf(stderr, "kafkadesk produce: %s\n", qPrintable(made.error().message));
            return schema->subject.isEmpty() ? 2 : 1;
        }
        encoder = made.value();
        std::fprintf(stderr, "kafkadesk produce: encoding values with %s\n", qPrintable(encoder->description()));
    }

    auto producer = kafka::Producer::create(options->config);
    if (!producer.ok()) {
        std::fprintf(stderr, "kafkadesk produce: %s\n", qPrintable(producer.error().message));
        return 2;
    }
    kafka::Producer &out = *producer.value();
    // From here on a signal ends the run with its summary, at any phase.
    SignalCatcher catcher;
    const auto interrupted = [](const QString &what) {
        std::fprintf(stderr, "kafkadesk produce: interrupted by %s: %s\n",
                     qPrintable(SignalCatcher::name(SignalCatcher::lastCaught())), qPrintable(what));
    };

    const auto check = [&out](std::chrono::milliseconds slice) { return out.checkReachable(slice); };
    if (auto err = waitUntilReachable(check, ReachableTimeout)) {
        if (SignalCatcher::count() > 0)
            interrupted(QStringLiteral("stopped while connecting"));
        else
            std::fprintf(stderr, "kafkadesk produce: %s\n", qPrintable(err.message));
        std::fprintf(stderr, "delivered 0, failed 0\n");
        return 1;
    }

    kafka::DeliveryTally tally;
    kafka::LineReader input(fd, qsizetype(out.maxMessageBytes()));
    const QString tooLong =
        QStringLiteral("line longer than message.max.bytes (%1 bytes), not sent").arg(out.maxMessageBytes());
    bool readAll = false;
    while (SignalCatcher::count() == 0) {
        QByteArray line;
        const kafka::LineReader::Status status = input.next(&line);
        if (status == kafka::LineReader::Status::End) {
            readAll = true;
            break;
        }
        if (status == kafka::LineReader::Status::Interrupted)
            continue; // the loop's condition looks at the signal
        if (status == kafka::LineReader::Status::Failed) {
            std::fprintf(stderr, "kafkadesk produce: cannot read the input: %s\n", qPrintable(input.errorText()));
            break;
        }
        ++tally.sent;
        if (status == kafka::LineReader::Status::TooLong) {
            tally.fail(tooLong);
        } else if (auto request = requestFor(*options, std::move(line)); !request.ok()) {
            // Said line by line as it comes (the tally keeps one reason for
            // them all, so a file of bad lines cannot grow it).
            std::fprintf(stderr, "kafkadesk produce: line %lld: %s\n", tally.sent, qPrintable(request.error().message));
            tally.fail(QStringLiteral("not a JSON message (each line is said above)"));
        } else if (auto message = encoded(encoder.get(), request.value()); !message.ok()) {
            std::fprintf(stderr, "kafkadesk produce: line %lld: %s\n", tally.sent, qPrintable(message.error().message));
            tally.fail(QStringLiteral("value does not match the schema (each line is said above)"));
        } else if (auto err = out.produce(message.value())) {
            tally.fail(err.message);
        }
        if (tally.sent % PollEvery == 0) {
            tally.add(out.poll());
            reportClientErrors(out);
        }
    }
    const int signalsWhileReading = SignalCatcher::count();
    if (signalsWhileReading > 0)
        interrupted(QStringLiteral("stopped reading the input; waiting for the deliveries of %1 message(s) "
                                   "(a second signal gives up on them)").arg(out.inFlight()));

    // Every accepted message gets a report within message.timeout.ms. A
    // signal while waiting for them gives up on the rest, which then fail
    // as purged, so the counts still add up.
    bool purged = false;
    while (out.inFlight() > 0) {
        if (!purged && SignalCatcher::count() > signalsWhileReading) {
            interrupted(QStringLiteral("gave up on %1 message(s) not yet delivered").arg(out.inFlight()));
            out.purge();
            purged = true;
        }
        tally.add(out.flush(FlushSlice));
        reportClientErrors(out);
    }
    tally.add(out.poll());
    reportClientErrors(out);

    for (auto it = tally.failureReasons.cbegin(); it != tally.failureReasons.cend(); ++it)
        std::fprintf(stderr, "failed: %lld × %s\n", it.value(), qPrintable(it.key()));
    // Delivered, but not as asked: say so (the exit status is about delivery).
    if (const QString notice = out.compressionNotice(); !notice.isEmpty())
        std::fprintf(stderr, "kafkadesk produce: warning: %s\n", qPrintable(notice));
    std::fprintf(stderr, "delivered %lld, failed %lld\n", tally.delivered, tally.failed);
    // Stopped before the end of the input: not everything was sent.
    return tally.failed == 0 && readAll ? 0 : 1;
}

} // namespace cli
