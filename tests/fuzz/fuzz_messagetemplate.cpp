// Message templates (kafka/messagetemplate.*): any text. An expansion must
// be the template with each placeholder ({i}, {uuid}, {now}, {random}),
// read left to right, replaced by what it stands for, and everything else
// (other braces included) kept byte for byte.
#include "kafka/messagetemplate.h"

#include "fuzzcheck.h"

#include <QRegularExpression>

#include <fuzzer/FuzzedDataProvider.h>

namespace {

// A pattern that matches exactly the expansions of `text` for `index`,
// built by a reading of the documentation independent of the parser's.
// Bytes stand as the Latin-1 characters of the same value.
QString expansionPattern(const QByteArray &text, qint64 index, bool *hasPlaceholders)
{
    const QList<std::pair<QByteArray, QString>> placeholders{
        {"{i}", QString::number(index)},
        {"{uuid}", QStringLiteral("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")},
        {"{now}", QStringLiteral("[0-9]+")},
        {"{random}", QStringLiteral("[0-9]+")},
    };
    QString pattern = QStringLiteral("\\A");
    *hasPlaceholders = false;
    for (qsizetype pos = 0; pos < text.size();) {
        bool matched = false;
        for (const auto &[name, replacement] : placeholders) {
            if (text.mid(pos, name.size()) == name) {
                pattern += QStringLiteral("(?:") + replacement + QLatin1Char(')');
                pos += name.size();
                matched = *hasPlaceholders = true;
                break;
            }
        }
        if (!matched)
            pattern += QStringLiteral("\\x{%1}").arg(uchar(text[pos++]), 0, 16); // never read as part of an escape
    }
    return pattern + QStringLiteral("\\z");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider input(data, size);
    const qint64 index = input.ConsumeIntegral<qint64>();
    const std::string rest = input.ConsumeRemainingBytesAsString();
    const QByteArray text(rest.data(), qsizetype(rest.size()));

    const kafka::MessageTemplate parsed(text);
    const QByteArray out = parsed.expand(index);
    bool hasPlaceholders = false;
    const QString pattern = expansionPattern(text, index, &hasPlaceholders);
    FUZZ_CHECK(parsed.hasPlaceholders() == hasPlaceholders);
    if (!hasPlaceholders) {
        FUZZ_CHECK(out == text);
        return 0;
    }
    const QRegularExpression expansion(pattern, QRegularExpression::DotMatchesEverythingOption);
    FUZZ_CHECK(expansion.isValid());
    FUZZ_CHECK(expansion.match(QString::fromLatin1(out)).hasMatch());
    return 0;
}
