#pragma once

#include <QByteArray>
#include <QList>

namespace kafka {

// Text with placeholders, expanded once per message of a bulk run:
//   {i}      the message's index, 0 to N-1
//   {uuid}   a fresh random UUID
//   {now}    the current time, milliseconds since the epoch
//   {random} a random unsigned 32-bit number
// Anything else in braces is kept as written. The text is parsed once, so
// expanding costs only the appends (a template without placeholders is
// returned as is, shared, without a copy).
class MessageTemplate {
public:
    MessageTemplate() = default;
    explicit MessageTemplate(const QByteArray &text);

    bool hasPlaceholders() const { return m_hasPlaceholders; }
    QByteArray expand(qint64 index) const;

private:
    enum class Part { Literal, Index, Uuid, Now, Random };
    struct Segment {
        Part part;
        QByteArray literal;
    };

    QByteArray m_text;
    QList<Segment> m_segments;
    bool m_hasPlaceholders = false;
};

} // namespace kafka
