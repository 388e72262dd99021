#include "messagefilter.h"

MessageFilter::MessageFilter(const QString &text, bool regularExpression, int partition)
    : m_text(text), m_regex(regularExpression && !text.isEmpty()), m_partition(partition)
{
    if (m_regex) {
        m_expression.setPattern(text);
        m_expression.optimize();
    } else {
        m_matcher.setPattern(text.toUtf8());
    }
}

bool MessageFilter::matchesBytes(QByteArrayView bytes) const
{
    if (m_regex)
        return m_expression.match(QString::fromUtf8(bytes)).hasMatch();
    return m_matcher.indexIn(bytes) >= 0;
}

bool MessageFilter::matches(const kafka::RecordView &record) const
{
    if (m_partition >= 0 && record.partition() != m_partition)
        return false;
    if (m_text.isEmpty())
        return true;
    if (matchesBytes(record.value()) || matchesBytes(record.key()))
        return true;
    // The JSON a schema made of them (a field's value is in no byte of Avro).
    if (const auto value = record.valueDecoded(); value.isDecoded() && matchesBytes(value.text))
        return true;
    if (const auto key = record.keyDecoded(); key.isDecoded() && matchesBytes(key.text))
        return true;
    for (int h = 0; h < record.headerCount(); ++h)
        if (matchesBytes(record.headerValue(h)))
            return true;
    return false;
}
