#pragma once

// kcat, the independent librdkafka command-line client, as the other side of
// integration tests. Its path comes from the KCAT environment variable (set
// by CTest).

#include "guiwatchdog.h"

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace testsupport {

struct ProcessResult {
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline ProcessResult run(const QString &program, const QStringList &args, const QByteArray &input = {},
                         int timeoutMs = 60000)
{
    const TestSideBlocking allow("the test runs a process and waits for it");
    QProcess process;
    process.start(program, args);
    ProcessResult result;
    if (!process.waitForStarted())
        return result;
    process.write(input);
    process.closeWriteChannel();
    result.finished = process.waitForFinished(timeoutMs);
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

inline QString kcatPath()
{
    const QString path = qEnvironmentVariable("KCAT");
    return path.isEmpty() ? QStringLiteral("kcat") : path;
}

// The kafkadesk binary under test (KAFKADESK, set by CTest).
inline QString kafkadesk()
{
    return qEnvironmentVariable("KAFKADESK");
}

inline ProcessResult kcat(const QStringList &args, const QByteArray &input = {}, int timeoutMs = 60000)
{
    return run(kcatPath(), args, input, timeoutMs);
}

// Produces `count` lines ("message-0" ...) to one partition; true when kcat
// reports success (kcat -P exits non-zero if any message failed).
inline bool produceLines(const QString &bootstrap, const QString &topic, int partition, int count)
{
    QByteArray lines;
    for (int i = 0; i < count; ++i)
        lines += "message-" + QByteArray::number(i) + '\n';
    const auto result = kcat({QStringLiteral("-P"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic,
                              QStringLiteral("-p"), QString::number(partition)},
                             lines);
    return result.finished && result.exitCode == 0;
}

// Produces keyed lines ("KEY<tab>VALUE\n"...) to one partition, each message
// with the header `header` (NAME=VALUE); true when kcat reports success.
inline bool produceKeyed(const QString &bootstrap, const QString &topic, int partition, const QByteArray &lines,
                         const QString &header)
{
    const auto result = kcat({QStringLiteral("-P"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic,
                              QStringLiteral("-p"), QString::number(partition), QStringLiteral("-K"), QStringLiteral("\t"),
                              QStringLiteral("-H"), header},
                             lines);
    return result.finished && result.exitCode == 0;
}

} // namespace testsupport
