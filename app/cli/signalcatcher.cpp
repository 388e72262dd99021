#include "signalcatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace cli {

namespace {
int signalFds[2] = {-1, -1};
volatile std::sig_atomic_t lastSignal = 0;
volatile std::sig_atomic_t signalCount = 0;

void onSignalCaught(int signal)
{
    lastSignal = signal;
    signalCount = signalCount + 1;
    const char byte = char(signal);
    [[maybe_unused]] const auto written = ::write(signalFds[0], &byte, 1);
}
} // namespace

SignalCatcher::SignalCatcher(QObject *parent) : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, signalFds) != 0)
        qFatal("socketpair failed");
    lastSignal = 0;
    signalCount = 0;
    m_notifier = new QSocketNotifier(signalFds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalCatcher::onSignal);

    struct sigaction action = {};
    action.sa_handler = onSignalCaught;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // not SA_RESTART: see caught()
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

SignalCatcher::~SignalCatcher()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    ::close(signalFds[0]);
    ::close(signalFds[1]);
}

int SignalCatcher::count()
{
    return signalCount;
}

int SignalCatcher::lastCaught()
{
    return lastSignal;
}

QString SignalCatcher::name(int signal)
{
    switch (signal) {
    case SIGINT: return QStringLiteral("SIGINT");
    case SIGTERM: return QStringLiteral("SIGTERM");
    default: return QStringLiteral("signal %1").arg(signal);
    }
}

void SignalCatcher::onSignal()
{
    char byte = 0;
    [[maybe_unused]] const auto read = ::read(signalFds[1], &byte, 1);
    QCoreApplication::quit();
}

} // namespace cli
