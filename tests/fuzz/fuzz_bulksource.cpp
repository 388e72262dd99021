// Bulk input files (kafka/bulksource.*): one message per line, as text or
// as a JSON object. Any file must give exactly one result per line (a
// message or the reason it cannot be one), and a text line is sent exactly
// as it is in the file, less its line end.
#include "kafka/bulksource.h"

#include "fuzzcheck.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <fuzzer/FuzzedDataProvider.h>

#include <sys/mman.h>
#include <unistd.h>

using namespace kafka;

namespace {

// The file's lines as the documented format has them: split at '\n', a
// '\r' before it dropped, no line after a final '\n'.
QList<QByteArray> linesOf(const QByteArray &contents)
{
    QList<QByteArray> lines = contents.split('\n');
    if (contents.endsWith('\n') || contents.isEmpty())
        lines.removeLast();
    for (QByteArray &line : lines)
        if (line.endsWith('\r'))
            line.chop(1);
    return lines;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider input(data, size);
    BulkSpec spec;
    spec.source = input.ConsumeBool() ? BulkSpec::Source::JsonLines : BulkSpec::Source::Lines;
    spec.message.topic = QStringLiteral("t");
    if (input.ConsumeBool())
        spec.message.key = QByteArray("k{i}");
    const std::string rest = input.ConsumeRemainingBytesAsString();
    const QByteArray contents(rest.data(), qsizetype(rest.size()));

    // The file, in memory: the source reads it by its name.
    const int fd = memfd_create("bulk", MFD_CLOEXEC);
    FUZZ_CHECK(fd >= 0);
    FUZZ_CHECK(::write(fd, contents.constData(), size_t(contents.size())) == ssize_t(contents.size()));
    spec.filePath = QStringLiteral("/proc/self/fd/%1").arg(fd);
    auto opened = BulkSource::open(spec);
    ::close(fd);

    const QList<QByteArray> lines = linesOf(contents);
    FUZZ_CHECK(opened.ok() == !lines.isEmpty());
    if (!opened.ok())
        return 0;
    BulkSource &source = *opened.value();
    // A file is read as its messages are asked for: its count is not known.
    FUZZ_CHECK(source.total() == BulkSource::UnknownTotal);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        FUZZ_CHECK(!source.atEnd());
        const Result<ProduceRequest> message = source.next();
        if (spec.source == BulkSpec::Source::Lines) {
            FUZZ_CHECK(message.ok() && message.value().value == lines[i]);
            FUZZ_CHECK(message.value().key.has_value() == spec.message.key.has_value());
            continue;
        }
        const QJsonDocument document = QJsonDocument::fromJson(lines[i]);
        if (!document.isObject()) {
            FUZZ_CHECK(!message.ok());
            continue;
        }
        const QJsonObject object = document.object();
        const QJsonValue headers = object.value(QLatin1String("headers"));
        FUZZ_CHECK(message.ok() == (headers.isUndefined() || headers.isNull() || headers.isObject()));
        if (!message.ok())
            continue;
        const QJsonValue value = object.value(QLatin1String("value"));
        if (value.isString())
            FUZZ_CHECK(message.value().value == value.toString().toUtf8());
        const QJsonValue key = object.value(QLatin1String("key"));
        if (key.isNull())
            FUZZ_CHECK(!message.value().key);
        else if (key.isString())
            FUZZ_CHECK(message.value().key == key.toString().toUtf8());
        else if (key.isUndefined())
            FUZZ_CHECK(message.value().key.has_value() == spec.message.key.has_value());
        FUZZ_CHECK(message.value().headers.size() == (headers.isObject() ? headers.toObject().size() : 0));
    }
    FUZZ_CHECK(source.atEnd());
    return 0;
}
