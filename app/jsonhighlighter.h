#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

// Colours the JSON the detail view lays out (one member or element a line,
// as kafka::renderPayload writes it): member names, strings, numbers and
// true/false/null. It only colours: the text is never changed. Switched on
// only for JSON that renderPayload laid out, which is bounded in size.
class JsonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);
    void setEnabled(bool enabled);

protected:
    void highlightBlock(const QString &text) override;

private:
    bool m_enabled = false;
    QTextCharFormat m_name;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};
