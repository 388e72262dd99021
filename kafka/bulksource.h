#pragma once

#include "error.h"
#include "jsonmessage.h"
#include "producer.h"

#include <QMetaType>
#include <QString>

#include <memory>

namespace kafka {

// What a bulk run produces: `count` messages from a template (key, value and
// header values may hold MessageTemplate placeholders), or one message per
// line of a file: the line as the value, or a JSON object per line
// (parseJsonMessage: key, value, headers, and what the export writes).
struct BulkSpec {
    enum class Source { Template, Lines, JsonLines };

    Source source = Source::Template;
    ProduceRequest message; // the template; for files, the topic, partition and defaults
    qint64 count = 0;       // for Source::Template
    QString filePath;       // for the file sources
    JsonLineUse jsonUse;    // for Source::JsonLines: whether the lines' partitions and timestamps are used
};

// Hands out a bulk run's messages one by one, on the caller's thread (the
// producer worker's). A file is read as its messages are asked for, never
// whole: its memory is bounded by maxLineBytes (the producer's
// message.max.bytes; a longer line is an error naming it, and is skipped),
// not by the file's size.
class BulkSource {
public:
    // total() of a file: its lines are known once it has been read to the end.
    static constexpr qint64 UnknownTotal = -1;
    // librdkafka's default message.max.bytes.
    static constexpr qint64 DefaultMaxLineBytes = 1'000'000;

    static Result<std::unique_ptr<BulkSource>> open(const BulkSpec &spec, qint64 maxLineBytes = DefaultMaxLineBytes);
    virtual ~BulkSource() = default;

    // How many messages in all, or UnknownTotal.
    virtual qint64 total() const = 0;
    virtual bool atEnd() const = 0;
    // The next message, or why it cannot be produced (a bad JSON line, a
    // line too long, a read error); either way the source moves on.
    virtual Result<ProduceRequest> next() = 0;
    // The most file bytes held at once (0 for a template).
    virtual qsizetype peakBufferedBytes() const { return 0; }
};

} // namespace kafka

Q_DECLARE_METATYPE(kafka::BulkSpec)
