#pragma once

#include "kafka/recordbatch.h"

#include <QByteArrayMatcher>
#include <QRegularExpression>

// Which consumed messages to show: a substring (matched on the bytes) or a
// regular expression (matched on the text) in the key, the value or a header
// value, and optionally one partition. A key or value decoded with a schema
// is matched on its JSON text too. An empty filter shows everything.
class MessageFilter {
public:
    MessageFilter() = default;
    MessageFilter(const QString &text, bool regularExpression, int partition = -1);

    bool isEmpty() const { return m_text.isEmpty() && m_partition < 0; }
    bool isValid() const { return !m_regex || m_expression.isValid(); }
    QString errorString() const { return m_expression.errorString(); }
    bool matches(const kafka::RecordView &record) const;

private:
    bool matchesBytes(QByteArrayView bytes) const;

    QString m_text;
    bool m_regex = false;
    int m_partition = -1;
    QByteArrayMatcher m_matcher;
    QRegularExpression m_expression;
};
