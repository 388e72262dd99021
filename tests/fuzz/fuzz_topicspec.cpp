// Topic specs (kafka/topicspec.*): NAME:PARTITIONS[:RF] as given to
// `kafkadesk sandbox --topic`. Whatever is accepted is a valid topic by
// Kafka's rules, and reads back the same when written out again.
#include "kafka/topicspec.h"

#include "fuzzcheck.h"

using namespace kafka;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<TopicSpec> parsed = parseTopicSpec(text);
    if (!parsed.ok())
        return 0;
    const TopicSpec &spec = parsed.value();
    FUZZ_CHECK(!spec.validate());
    FUZZ_CHECK(!spec.name.isEmpty() && spec.name.size() <= 249 && spec.partitions >= 1 && spec.replicationFactor >= 1);
    for (const QChar c : spec.name)
        FUZZ_CHECK(c.isLetterOrNumber() ? c.unicode() < 128 : QStringLiteral("._-").contains(c));
    const auto again = parseTopicSpec(QStringLiteral("%1:%2:%3").arg(spec.name).arg(spec.partitions).arg(spec.replicationFactor));
    FUZZ_CHECK(again.ok() && again.value().name == spec.name && again.value().partitions == spec.partitions
          && again.value().replicationFactor == spec.replicationFactor);
    return 0;
}
