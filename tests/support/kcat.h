#pragma once

// kcat, the independent librdkafka command-line client, as the other side of
// integration tests. Its path comes from the KCAT environment variable (set
// by CTest).

#include "guiwatchdog.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

#include <algorithm>
#include <optional>

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

// The JSON objects of a command's output, one per non-empty line
// (`kafkadesk consume --format json`).
inline QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n'))
        if (!line.isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    return objects;
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

// One message as kcat prints it.
struct KcatMessage {
    int partition = -1;
    qint64 timestamp = -1;
    std::optional<QByteArray> key;
    std::optional<QByteArray> value;
    QByteArray headers; // kcat's "name=value,..." text
    friend bool operator==(const KcatMessage &, const KcatMessage &) = default;
};

// Every message of `topic`, per partition in offset order, read by kcat
// with the lengths of key and value before their bytes, so that any byte
// (a newline, a NUL) reads back as itself.
inline QList<KcatMessage> readExactly(const QString &bootstrap, const QString &topic)
{
    const auto result = kcat({QStringLiteral("-C"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic,
                              QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"),
                              QStringLiteral("%p %T %K %S|%k|%s|%h\n")});
    if (!result.finished || result.exitCode != 0)
        qWarning("kcat: %s", result.err.constData());
    QList<KcatMessage> out;
    QByteArrayView rest = result.out;
    while (!rest.isEmpty()) {
        const qsizetype bar = rest.indexOf('|');
        const QList<QByteArray> numbers = rest.first(std::max<qsizetype>(bar, 0)).toByteArray().split(' ');
        if (bar < 0 || numbers.size() != 4) {
            qWarning("kcat: unexpected output: %s", rest.first(std::min<qsizetype>(rest.size(), 200)).toByteArray().constData());
            break;
        }
        KcatMessage seen;
        seen.partition = numbers[0].toInt();
        seen.timestamp = numbers[1].toLongLong();
        const qsizetype keySize = numbers[2].toLongLong(), valueSize = numbers[3].toLongLong();
        rest = rest.sliced(bar + 1);
        if (std::max<qsizetype>(keySize, 0) + std::max<qsizetype>(valueSize, 0) + 2 > rest.size()) {
            qWarning("kcat: output cut short");
            break;
        }
        if (keySize >= 0)
            seen.key = rest.first(keySize).toByteArray();
        rest = rest.sliced(std::max<qsizetype>(keySize, 0) + 1);
        if (valueSize >= 0)
            seen.value = rest.first(valueSize).toByteArray();
        rest = rest.sliced(std::max<qsizetype>(valueSize, 0) + 1);
        const qsizetype end = rest.indexOf('\n');
        if (end < 0)
            break;
        seen.headers = rest.first(end).toByteArray();
        rest = rest.sliced(end + 1);
        out.append(seen);
    }
    std::stable_sort(out.begin(), out.end(), [](const KcatMessage &a, const KcatMessage &b) { return a.partition < b.partition; });
    return out;
}

} // namespace testsupport
