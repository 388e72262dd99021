#include "guioptions.h"

#include "subcommandparser.h"

#include <librdkafka/rdkafka.h>

#include <QCommandLineParser>

#include <cstdio>

namespace cli {

namespace {

// QApplication takes these out of argv itself, after this parse. They are
// accepted here, not listed in the help (the help names them in one line).
QList<QCommandLineOption> qtGuiOptions()
{
    QList<QCommandLineOption> options;
    const auto add = [&](const char *name, bool takesValue) {
        QCommandLineOption option(QString::fromLatin1(name));
        if (takesValue)
            option.setValueName(QStringLiteral("value"));
        option.setFlags(QCommandLineOption::HiddenFromHelp);
        options.append(option);
    };
    for (const char *name : {"platform", "platformpluginpath", "platformtheme", "plugin", "qmljsdebugger",
                             "qwindowgeometry", "geometry", "qwindowtitle", "title", "qwindowicon", "icon",
                             "session", "style", "stylesheet", "display", "name", "visual"})
        add(name, true);
    for (const char *name : {"reverse", "widgetcount", "nograb", "dograb", "sync"})
        add(name, false);
    return options;
}

} // namespace

std::variant<GuiOptions, int> parseGuiOptions(const QStringList &arguments)
{
    SubcommandParser parser(QString(), QStringLiteral(
        "Kafka Desk, a desktop client for Apache Kafka. Without options it opens the connect dialog.\n"
        "Qt's own options (-platform NAME, -style NAME, -reverse, ...) are accepted as well.\n"
        "Commands without a window: kafkadesk sandbox|produce|consume|topics|configs|brokers|groups|acls [options] "
        "(each has --help)."));
    // Qt's options are single-dash words (-platform), so ours read that way too.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption versionOption(QStringList{QStringLiteral("v"), QStringLiteral("version")},
                                           QStringLiteral("Show the version and exit."));
    const QCommandLineOption sandboxOption(QStringLiteral("sandbox"),
                                           QStringLiteral("Connect to a new built-in sandbox cluster."));
    const QCommandLineOption brokersOption(QStringLiteral("brokers"),
                                           QStringLiteral("Sandbox broker count, 1 to 9 (default 3)."),
                                           QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption bootstrapOption(QStringLiteral("bootstrap"),
                                             QStringLiteral("Connect to these bootstrap servers."),
                                             QStringLiteral("host:port,..."));
    parser.addOptions({versionOption, sandboxOption, brokersOption, bootstrapOption});
    parser.addOptions(qtGuiOptions());
    if (const auto exitCode = parser.parse(arguments.mid(1)))
        return *exitCode;
    if (parser.isSet(versionOption)) {
        std::fputs(qPrintable(versionText() + QLatin1Char('\n')), stdout);
        return 0;
    }

    GuiOptions options;
    if (parser.isSet(sandboxOption) && parser.isSet(bootstrapOption))
        return parser.usageError(QStringLiteral("--sandbox and --bootstrap exclude each other"));
    if (parser.isSet(brokersOption) && !parser.isSet(sandboxOption))
        return parser.usageError(QStringLiteral("--brokers goes with --sandbox"));
    if (parser.isSet(sandboxOption)) {
        bool ok = false;
        options.connectTo = kafka::ConnectionSpec::sandbox(parser.value(brokersOption).toInt(&ok));
        if (!ok)
            return parser.usageError(QStringLiteral("--brokers takes a number"));
    } else if (parser.isSet(bootstrapOption)) {
        options.connectTo = kafka::ConnectionSpec::bootstrap(parser.value(bootstrapOption));
    }
    if (options.connectTo) {
        if (auto err = options.connectTo->validate())
            return parser.usageError(err.message);
    }
    return options;
}

QString versionText()
{
    return QStringLiteral("kafkadesk %1 (librdkafka %2, Qt %3)")
        .arg(QStringLiteral(PROJECT_VERSION), QString::fromLatin1(rd_kafka_version_str()),
             QString::fromLatin1(qVersion()));
}

} // namespace cli
