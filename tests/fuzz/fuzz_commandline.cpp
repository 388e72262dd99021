// Command lines (app/cli/subcommandparser.*, app/cli/guioptions.*): argv is
// bytes, here NUL-separated words of the input, read as argumentsAsBytes()
// gives them. The window's own command line is parsed whole (it starts no
// client); a subcommand's shared parsing is driven through
// SubcommandParser and ClientOptions::config, the part produce and consume
// run before they connect. Byte options must come back exactly as given.
#include "cli/guioptions.h"
#include "fuzzcheck.h"
#include "cli/subcommandparser.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>

namespace {

void parseSubcommand(const QStringList &arguments)
{
    cli::SubcommandParser parser(QStringLiteral("produce"), QStringLiteral("Fuzzed."));
    const cli::ClientOptions client(QStringLiteral("Topic."));
    const QCommandLineOption key(QStringLiteral("k"), QStringLiteral("Key."), QStringLiteral("KEY"));
    const QCommandLineOption header(QStringLiteral("H"), QStringLiteral("Header."), QStringLiteral("NAME=VALUE"));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("Where."), QStringLiteral("WHERE"));
    parser.addOptions({client.brokers, client.topic, key, header, from, client.property});
    parser.takeAsBytes({key, header});
    if (parser.parse(arguments))
        return; // help or a usage error
    // An option's value is the end of one argument (-kVALUE, --from=VALUE
    // or the next one): bytes for a byte option, exactly; text decoded from
    // UTF-8 for the others, which parse() refused when they were not.
    const auto isArgumentEnd = [&](const QByteArray &value) {
        return std::any_of(arguments.begin(), arguments.end(),
                           [&](const QString &argument) { return argument.toLatin1().endsWith(value); });
    };
    for (const QByteArray &value : parser.byteValues(key))
        FUZZ_CHECK(isArgumentEnd(value));
    for (const QString &value : parser.values(from))
        FUZZ_CHECK(isArgumentEnd(value.toUtf8()));
    const auto config = client.config(parser);
    if (config.ok())
        FUZZ_CHECK(!config.value().bootstrapServers.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider input(data, size);
    const bool window = input.ConsumeBool();
    const std::string rest = input.ConsumeRemainingBytesAsString();
    QStringList arguments;
    if (window)
        arguments.append(QStringLiteral("kafkadesk"));
    if (!rest.empty()) {
        for (const QByteArray &word : QByteArray(rest.data(), qsizetype(rest.size())).split('\0'))
            arguments.append(QString::fromLatin1(word));
    }
    // plugin.library.paths would dlopen() what it names.
    if (arguments.join(QChar()).contains(QLatin1String("plugin")))
        return 0;
    if (window)
        [[maybe_unused]] const auto options = cli::parseGuiOptions(arguments);
    else
        parseSubcommand(arguments);
    return 0;
}
