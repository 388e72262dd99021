// produce's line reader (kafka/linereader.*): any bytes, arriving in any
// pieces, with any line limit. The lines it hands out must be the input's
// lines exactly, each line longer than the limit reported once as TooLong
// in its place, and nothing after the end.
#include "kafka/linereader.h"

#include "fuzzcheck.h"

#include <QList>

#include <fuzzer/FuzzedDataProvider.h>

#include <sys/socket.h>
#include <unistd.h>

using kafka::LineReader;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider input(data, size);
    const qsizetype maxLineBytes = input.ConsumeIntegralInRange<qsizetype>(0, 64);
    // How the input arrives: a datagram per read(2), so that each read
    // returns exactly one piece, as a pipe may.
    QList<qsizetype> pieces;
    for (int n = input.ConsumeIntegralInRange(0, 16); n > 0; --n)
        pieces.append(input.ConsumeIntegralInRange<qsizetype>(1, 64));
    const std::string rest = input.ConsumeRemainingBytesAsString();
    const QByteArray bytes(rest.data(), qsizetype(rest.size()));
    if (bytes.size() > 16 * 1024)
        return 0; // all of it has to fit in the socket's buffer before reading starts

    int fds[2];
    FUZZ_CHECK(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) == 0);
    qsizetype sent = 0;
    for (qsizetype piece : pieces) {
        if (sent == bytes.size())
            break;
        piece = std::min(piece, bytes.size() - sent);
        FUZZ_CHECK(::write(fds[1], bytes.constData() + sent, size_t(piece)) == ssize_t(piece));
        sent += piece;
    }
    if (sent < bytes.size())
        FUZZ_CHECK(::write(fds[1], bytes.constData() + sent, size_t(bytes.size() - sent)) == ssize_t(bytes.size() - sent));
    ::close(fds[1]);

    QList<QByteArray> lines = bytes.split('\n');
    if (bytes.endsWith('\n') || bytes.isEmpty())
        lines.removeLast();
    LineReader reader(fds[0], maxLineBytes);
    for (const QByteArray &expected : lines) {
        QByteArray line = "stale";
        const LineReader::Status status = reader.next(&line);
        if (expected.size() > maxLineBytes) {
            FUZZ_CHECK(status == LineReader::Status::TooLong);
        } else {
            FUZZ_CHECK(status == LineReader::Status::Line);
            FUZZ_CHECK(line == expected);
        }
    }
    QByteArray line;
    FUZZ_CHECK(reader.next(&line) == LineReader::Status::End);
    FUZZ_CHECK(reader.next(&line) == LineReader::Status::End);
    ::close(fds[0]);
    return 0;
}
