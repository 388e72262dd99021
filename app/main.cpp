#include "cli/aclscommand.h"
#include "cli/brokerscommand.h"
#include "cli/configscommand.h"
#include "cli/consumecommand.h"
#include "cli/groupscommand.h"
#include "cli/guioptions.h"
#include "cli/producecommand.h"
#include "cli/profilescommand.h"
#include "cli/sandboxcommand.h"
#include "cli/subcommandparser.h"
#include "cli/topicscommand.h"
#include "mainwindow.h"
#include "settingswriter.h"

#include "kafka/networkpool.h"

#include <QApplication>
#include <QIcon>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <variant>

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

// Subcommands run headless, without a display: `kafkadesk sandbox|produce|consume|topics|configs|brokers|groups|acls|profiles ...`.
using Command = int (*)(const QStringList &arguments);

Command findCommand(const char *name)
{
    if (std::strcmp(name, "sandbox") == 0)
        return cli::runSandbox;
    if (std::strcmp(name, "produce") == 0)
        return cli::runProduce;
    if (std::strcmp(name, "consume") == 0)
        return cli::runConsume;
    if (std::strcmp(name, "topics") == 0)
        return cli::runTopics;
    if (std::strcmp(name, "configs") == 0)
        return cli::runConfigs;
    if (std::strcmp(name, "brokers") == 0)
        return cli::runBrokers;
    if (std::strcmp(name, "groups") == 0)
        return cli::runGroups;
    if (std::strcmp(name, "acls") == 0)
        return cli::runAcls;
    if (std::strcmp(name, "profiles") == 0)
        return cli::runProfiles;
    return nullptr;
}

int runCommand(int argc, char **argv, Command command)
{
    const QStringList arguments = cli::argumentsAsBytes(argc, argv).mid(2);
    QCoreApplication app(argc, argv);
    setApplicationNames();
    return command(arguments);
}

int runGui(int argc, char **argv)
{
    // Before QApplication, which needs a display: --help, --version and
    // usage errors must work without one.
    const auto parsed = cli::parseGuiOptions(cli::argumentsAsBytes(argc, argv));
    if (const int *exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const auto &spec = std::get<cli::GuiOptions>(parsed).connectTo;

    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("Kafka Desk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/kafkadesk.png")));

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
    // feet, and could hang: end the process instead, once the settings the
    // window queued are written (within a bound) and stdio is flushed.
    if (!SettingsWriter::waitForWrites(ReleaseBoundMs))
        std::fprintf(stderr, "kafkadesk: the settings were not written within %d s\n", ReleaseBoundMs / 1000);
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
