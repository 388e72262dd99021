#include "cli/consumecommand.h"
#include "cli/producecommand.h"
#include "cli/sandboxcommand.h"
#include "mainwindow.h"

#include "kafka/connectionspec.h"
#include "kafka/networkpool.h"
#include "kafka/sandbox.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace {

// How long the process waits, after the window has gone, for the old
// connection to be released before it ends without it.
constexpr int ReleaseBoundMs = 5000;

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("KafkaDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("kafkadesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
}

// Subcommands run headless, without a display: `kafkadesk sandbox|produce|consume ...`.
using Command = int (*)(const QStringList &arguments);

Command findCommand(const char *name)
{
    if (std::strcmp(name, "sandbox") == 0)
        return cli::runSandbox;
    if (std::strcmp(name, "produce") == 0)
        return cli::runProduce;
    if (std::strcmp(name, "consume") == 0)
        return cli::runConsume;
    return nullptr;
}

int runCommand(int argc, char **argv, Command command)
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    return command(app.arguments().mid(2));
}

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("Kafka Desk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/kafkadesk.png")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Kafka Desk, a desktop client for Apache Kafka.\n"
        "Subcommands: kafkadesk sandbox --help, kafkadesk produce --help, kafkadesk consume --help"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandboxOption(QStringLiteral("sandbox"),
                                           QStringLiteral("Connect to a new built-in sandbox cluster."));
    const QCommandLineOption brokersOption(QStringLiteral("brokers"),
                                           QStringLiteral("Sandbox broker count, 1 to 9 (default 3)."),
                                           QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption bootstrapOption(QStringLiteral("bootstrap"),
                                             QStringLiteral("Connect to these bootstrap servers."),
                                             QStringLiteral("host:port,..."));
    parser.addOptions({sandboxOption, brokersOption, bootstrapOption});
    parser.process(app);

    const auto fail = [&](const QString &message) {
        std::fprintf(stderr, "kafkadesk: %s\n\n%s", qPrintable(message), qPrintable(parser.helpText()));
        return 2;
    };
    if (parser.isSet(sandboxOption) && parser.isSet(bootstrapOption))
        return fail(QStringLiteral("--sandbox and --bootstrap exclude each other"));
    std::optional<kafka::ConnectionSpec> spec;
    if (parser.isSet(sandboxOption)) {
        bool ok = false;
        spec = kafka::ConnectionSpec::sandbox(parser.value(brokersOption).toInt(&ok));
        if (!ok)
            return fail(QStringLiteral("--brokers takes a number"));
    } else if (parser.isSet(bootstrapOption)) {
        spec = kafka::ConnectionSpec::bootstrap(parser.value(bootstrapOption));
    }
    if (spec) {
        if (auto err = spec->validate())
            return fail(err.message);
    }

    auto window = std::make_unique<MainWindow>();
    window->show();
    if (spec)
        window->connectTo(*spec);
    else
        QTimer::singleShot(0, window.get(), &MainWindow::showConnectDialog);
    const int code = QApplication::exec();

    // The window closed through its quit sequence: every client was stopped
    // and its thread waited for on the event loop, within a bound. A thread
    // still running then is stuck in librdkafka (a consumer's close can look
    // for a group coordinator for ever). Ending normally would run static
    // destructors, and ~QApplication's wait for the thread pool, under its
    // feet, and could hang: end the process instead. Settings are written
    // already (closeEvent syncs them); stdio is flushed here.
    const auto endNow = [code] {
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(code);
    };
    if (!window->abandonedThreads().isEmpty())
        endNow();
    // Releases the connection (its sandbox and cluster client) on a network
    // pool thread. The window is gone by now, so this bounded wait freezes
    // nothing a user sees.
    window.reset();
    if (!kafka::networkPool()->waitForDone(ReleaseBoundMs)) {
        std::fprintf(stderr, "kafkadesk: the connection was not released within %d s; quitting without it\n",
                     ReleaseBoundMs / 1000);
        endNow();
    }
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    if (const Command command = argc > 1 ? findCommand(argv[1]) : nullptr)
        return runCommand(argc, argv, command);
    return runGui(argc, argv);
}
