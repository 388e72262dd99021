// Command lines (app/cli/subcommandparser.*, guioptions.*, and the option
// parsing of produce, consume and sandbox): argv is bytes, here
// NUL-separated words of the input, read as argumentsAsBytes() gives them.
// Each parse-only entry point runs whole (none starts a client); what they
// accept must hold what their usage promises, and byte options (keys,
// headers) must come back exactly as given.
#include "cli/consumecommand.h"
#include "cli/guioptions.h"
#include "cli/producecommand.h"
#include "cli/sandboxcommand.h"

#include "kafka/sandbox.h"

#include "fuzzcheck.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>

namespace {

// An option's value is the end of one argument (-kVALUE, --from=VALUE or
// the next argument).
bool isArgumentEnd(const QStringList &arguments, const QByteArray &value)
{
    return std::any_of(arguments.begin(), arguments.end(),
                       [&](const QString &argument) { return argument.toLatin1().endsWith(value); });
}

void parseProduce(const QStringList &arguments)
{
    int exitCode = -1;
    const auto options = cli::parseProduceOptions(arguments, &exitCode);
    if (!options) {
        FUZZ_CHECK(exitCode == 0 || exitCode == 2);
        return;
    }
    FUZZ_CHECK(!options->config.bootstrapServers.isEmpty());
    FUZZ_CHECK(!(kafka::TopicSpec{options->topic, 1, 1}.validate()));
    FUZZ_CHECK(options->partition >= 0 || options->partition == RD_KAFKA_PARTITION_UA);
    if (options->fixedKey)
        FUZZ_CHECK(isArgumentEnd(arguments, *options->fixedKey));
    for (const kafka::Header &h : options->headers)
        FUZZ_CHECK(!h.name.isEmpty() && isArgumentEnd(arguments, h.name + '=' + h.value));
}

void parseConsume(const QStringList &arguments)
{
    int exitCode = -1;
    const auto options = cli::parseConsumeOptions(arguments, &exitCode);
    if (!options) {
        FUZZ_CHECK(exitCode == 0 || exitCode == 2);
        return;
    }
    FUZZ_CHECK(!options->spec.validate());
    FUZZ_CHECK(options->count == -1 || options->count >= 1);
    FUZZ_CHECK(options->idleMs >= -1);
    FUZZ_CHECK(options->spec.startAt >= 0);
}

void parseSandbox(const QStringList &arguments)
{
    int exitCode = -1;
    const auto options = cli::parseSandboxOptions(arguments, &exitCode);
    if (!options) {
        FUZZ_CHECK(exitCode == 0 || exitCode == 2);
        return;
    }
    FUZZ_CHECK(options->brokers >= kafka::Sandbox::MinBrokers && options->brokers <= kafka::Sandbox::MaxBrokers);
    FUZZ_CHECK(!options->topics.isEmpty());
    for (const kafka::TopicSpec &topic : options->topics) {
        FUZZ_CHECK(!topic.validate());
        FUZZ_CHECK(!kafka::Sandbox::checkTopic(topic, options->brokers));
        FUZZ_CHECK(std::count_if(options->topics.begin(), options->topics.end(),
                                 [&](const kafka::TopicSpec &t) { return t.name == topic.name; })
                   == 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider input(data, size);
    const int command = input.ConsumeIntegralInRange(0, 3);
    const std::string rest = input.ConsumeRemainingBytesAsString();
    QStringList arguments;
    if (!rest.empty()) {
        for (const QByteArray &word : QByteArray(rest.data(), qsizetype(rest.size())).split('\0'))
            arguments.append(QString::fromLatin1(word));
    }
    // -X plugin.library.paths=... would dlopen() what it names.
    if (arguments.join(QChar()).contains(QLatin1String("plugin")))
        return 0;
    switch (command) {
    case 0: {
        const auto parsed = cli::parseGuiOptions(QStringList{QStringLiteral("kafkadesk")} + arguments);
        if (const auto *options = std::get_if<cli::GuiOptions>(&parsed); options && options->connectTo)
            FUZZ_CHECK(!options->connectTo->validate());
        break;
    }
    case 1:
        parseProduce(arguments);
        break;
    case 2:
        parseConsume(arguments);
        break;
    case 3:
        parseSandbox(arguments);
        break;
    }
    return 0;
}
