// Client properties and connections (kafka/clientconfig.*,
// kafka/connectionspec.*): the key=value text of the connect dialog and of
// -X, the bootstrap list, and a connection as the recent-connections list
// keeps it. Checks that parsed properties are well formed, that what the
// settings file gets back is what was saved (less the secrets), and feeds
// both to librdkafka's own validation.
#include "kafka/clientconfig.h"
#include "kafka/connectionspec.h"

#include "fuzzcheck.h"

#include <fuzzer/FuzzedDataProvider.h>

using namespace kafka;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider input(data, size);
    const std::string servers = input.ConsumeRandomLengthString(128);
    const std::string rest = input.ConsumeRemainingBytesAsString();
    const QString text = QString::fromUtf8(rest.data(), qsizetype(rest.size()));

    const QString bootstrap = QString::fromUtf8(servers.data(), qsizetype(servers.size()));
    if (!validateBootstrapServers(bootstrap)) {
        for (const QString &server : bootstrap.trimmed().split(QLatin1Char(','))) {
            const QString trimmed = server.trimmed();
            const qsizetype colon = trimmed.lastIndexOf(QLatin1Char(':'));
            FUZZ_CHECK(colon > 0);
            const int port = trimmed.mid(colon + 1).toInt();
            FUZZ_CHECK(port >= 1 && port <= 65535);
        }
    }

    const Result<Properties> parsed = parseProperties(text);
    if (!parsed.ok())
        return 0;
    const Properties &properties = parsed.value();
    FUZZ_CHECK(properties.size() <= text.count(QLatin1Char('\n')) + 1);
    for (const auto &[key, value] : properties) {
        FUZZ_CHECK(!key.isEmpty() && key == key.trimmed() && value == value.trimmed());
        FUZZ_CHECK(!key.contains(QLatin1Char('=')) && !key.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\n')));
        FUZZ_CHECK(!key.startsWith(QLatin1Char('#')));
    }

    // What the recent-connections list saves comes back as it was, secrets left out.
    ConnectionSpec spec = ConnectionSpec::bootstrap(bootstrap);
    spec.properties = properties;
    ConnectionSpec expected = spec;
    expected.properties.removeIf([](const Property &p) { return ConnectionSpec::isSecretProperty(p.first); });
    FUZZ_CHECK(ConnectionSpec::fromVariant(spec.toVariant()) == expected);

    // librdkafka's validation, minus the one property that loads code
    // (plugin.library.paths dlopen()s what it names).
    for (const auto &[key, value] : properties)
        if (key.contains(QLatin1String("plugin")))
            return 0;
    [[maybe_unused]] const Error err = ClientConfig{bootstrap, properties}.validate();
    return 0;
}
