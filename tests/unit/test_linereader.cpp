#include "kafka/linereader.h"

#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

using kafka::LineReader;

// produce's line reader, fed in pieces: a datagram socket hands each piece
// to one read(2), as a pipe may when the writer is slow.
class TestLineReader : public QObject {
    Q_OBJECT
private slots:
    void lines_data()
    {
        QTest::addColumn<QList<QByteArray>>("pieces");
        QTest::addColumn<int>("maxLineBytes");
        QTest::addColumn<QByteArray>("expected"); // what next() gives, '|'-separated
        QTest::newRow("lines") << QList<QByteArray>{"one\ntwo\n"} << 10 << QByteArray("one|two|<end>");
        QTest::newRow("last line without its newline") << QList<QByteArray>{"a\nb"} << 10 << QByteArray("a|b|<end>");
        QTest::newRow("empty lines") << QList<QByteArray>{"\n\n"} << 10 << QByteArray("||<end>");
        QTest::newRow("bytes kept") << QList<QByteArray>{QByteArray("a\0\xff\r\n", 5)} << 10
                                    << QByteArray("a\0\xff\r|<end>", 10);
        QTest::newRow("exactly the limit") << QList<QByteArray>{"abc\nabcd\n"} << 3 << QByteArray("abc|<too long>|<end>");
        QTest::newRow("line split across pieces") << QList<QByteArray>{"ab", "c\nd"} << 3 << QByteArray("abc|d|<end>");
        QTest::newRow("too long across pieces") << QList<QByteArray>{"aaaa", "aa\nb\n"} << 3
                                                << QByteArray("<too long>|b|<end>");
        // Found by tests/fuzz/fuzz_linereader (corpus/linereader/too-long-at-end):
        // the tail of an overlong last line came back as a line of its own.
        QTest::newRow("too long at the end, its tail in a later piece") << QList<QByteArray>{"aaaa", "aa"} << 3
                                                                         << QByteArray("<too long>|<end>");
    }
    void lines()
    {
        QFETCH(QList<QByteArray>, pieces);
        QFETCH(int, maxLineBytes);
        QFETCH(QByteArray, expected);
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds), 0);
        for (const QByteArray &piece : pieces)
            QCOMPARE(::write(fds[1], piece.constData(), size_t(piece.size())), ssize_t(piece.size()));
        ::close(fds[1]);

        LineReader reader(fds[0], maxLineBytes);
        QList<QByteArray> got;
        for (int i = 0; i < 10; ++i) {
            QByteArray line;
            const LineReader::Status status = reader.next(&line);
            got.append(status == LineReader::Status::Line      ? line
                       : status == LineReader::Status::TooLong ? QByteArray("<too long>")
                       : status == LineReader::Status::End     ? QByteArray("<end>")
                                                               : QByteArray("<failed>"));
            if (status != LineReader::Status::Line && status != LineReader::Status::TooLong)
                break;
        }
        ::close(fds[0]);
        QCOMPARE(got.join('|'), expected);
    }
};

QTEST_GUILESS_MAIN(TestLineReader)
#include "test_linereader.moc"
