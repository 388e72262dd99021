#pragma once

#include "error.h"
#include "producer.h"

#include <QMetaType>
#include <QString>

#include <memory>

namespace kafka {

// What a bulk run produces: `count` messages from a template (key, value and
// header values may hold MessageTemplate placeholders), or one message per
// line of a file: the line as the value, or a JSON object per line with
// "key", "value" and "headers" ({"name": "value", ...}).
struct BulkSpec {
    enum class Source { Template, Lines, JsonLines };

    Source source = Source::Template;
    ProduceRequest message; // the template; for files, the topic, partition and defaults
    qint64 count = 0;       // for Source::Template
    QString filePath;       // for the file sources
};

// Hands out a bulk run's messages one by one. Reading a file happens in
// open(), on the caller's thread (the producer worker's).
class BulkSource {
public:
    static Result<std::unique_ptr<BulkSource>> open(const BulkSpec &spec);
    virtual ~BulkSource() = default;

    virtual qint64 total() const = 0;
    virtual bool atEnd() const = 0;
    // The next message, or why it cannot be produced (a bad JSON line);
    // either way the source moves on.
    virtual Result<ProduceRequest> next() = 0;
};

} // namespace kafka

Q_DECLARE_METATYPE(kafka::BulkSpec)
