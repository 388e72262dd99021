// Keeps the man page (packaging/kafkadesk.1) in step with the program: every
// option each command's --help lists is described in that command's part of
// the man page, and the man page describes no option the command lacks.

#include "kcat.h"

#include <QFile>
#include <QRegularExpression>
#include <QtTest>

namespace {

using OptionSet = QSet<QString>;

// "-b", "--brokers" from help lines such as "  -b, --brokers <SERVERS>  Bootstrap ...".
OptionSet optionsInHelp(const QString &help)
{
    OptionSet options;
    const qsizetype start = help.indexOf(QLatin1String("\nOptions:\n"));
    if (start < 0)
        return options;
    static const QRegularExpression optionLine(QStringLiteral("^  (-[^ ].*?)(?:  |$)"));
    static const QRegularExpression name(QStringLiteral("(?:^|[ ,])(--?[A-Za-z][A-Za-z0-9-]*)"));
    for (const QString &line : help.mid(start).split(QLatin1Char('\n'))) {
        const auto match = optionLine.match(line);
        if (!match.hasMatch())
            continue;
        for (const auto &m : name.globalMatch(match.captured(1)))
            options.insert(m.captured(1));
    }
    return options;
}

// The roff text with the escapes this page uses undone: "\-" is "-", and font
// changes are dropped.
QString plainRoff(QString text)
{
    text.replace(QLatin1String("\\-"), QLatin1String("-"));
    static const QRegularExpression font(QStringLiteral("\\\\f[BIRP]"));
    text.remove(font);
    return text;
}

// The options named in the tag lines (the line after each .TP) of the part
// of the page from `from` up to the next line starting with one of `ends`.
OptionSet optionsInManSection(const QString &page, const QString &from, const QStringList &ends)
{
    OptionSet options;
    const QStringList lines = page.split(QLatin1Char('\n'));
    const qsizetype start = lines.indexOf(from);
    if (start < 0)
        return options;
    static const QRegularExpression name(QStringLiteral("(?:^|[ ,\"])(--?[A-Za-z][A-Za-z0-9-]*)"));
    for (qsizetype i = start + 1; i + 1 < lines.size(); ++i) {
        if (std::any_of(ends.begin(), ends.end(), [&](const QString &end) { return lines[i].startsWith(end); }))
            break;
        if (lines[i] != QLatin1String(".TP"))
            continue;
        QString tag = lines[i + 1];
        tag.remove(QRegularExpression(QStringLiteral("^\\.[A-Z]+ ")));
        for (const auto &m : name.globalMatch(tag))
            options.insert(m.captured(1));
    }
    return options;
}

QString sorted(const OptionSet &options)
{
    QStringList list(options.begin(), options.end());
    list.sort();
    return list.join(QLatin1Char(' '));
}

} // namespace

class TestManPage : public QObject {
    Q_OBJECT

private slots:
    void everyOptionDescribed_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("section");
        QTest::newRow("window") << QString() << QStringLiteral(".SH OPTIONS");
        for (const char *command : {"sandbox", "produce", "consume", "topics list", "topics describe", "topics create",
                                    "topics delete", "topics add-partitions", "topics truncate", "configs get",
                                    "configs set", "brokers", "groups list", "groups describe", "groups reset-offsets",
                                    "groups delete", "groups delete-offsets", "acls list", "acls create", "acls delete",
                                    "profiles add", "profiles edit", "profiles test"})
            QTest::newRow(command) << QString::fromLatin1(command)
                                   << QStringLiteral(".SS kafkadesk ") + QString::fromLatin1(command);
    }

    void everyOptionDescribed()
    {
        QFETCH(QString, command);
        QFETCH(QString, section);

        QFile file(QStringLiteral(KAFKADESK_MANPAGE));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QString page = plainRoff(QString::fromUtf8(file.readAll()));

        QStringList arguments;
        if (!command.isEmpty())
            arguments << command.split(QLatin1Char(' ')); // "topics list": a command and its action
        arguments << QStringLiteral("--help");
        const auto help = testsupport::run(testsupport::kafkadesk(), arguments);
        QVERIFY(help.finished);
        QCOMPARE(help.exitCode, 0);
        OptionSet inHelp = optionsInHelp(QString::fromUtf8(help.out));
        QVERIFY2(inHelp.contains(QStringLiteral("--help")), help.out.constData());

        OptionSet inPage = optionsInManSection(page, section, {QStringLiteral(".SS"), QStringLiteral(".SH")});
        if (!command.isEmpty()) {
            // The page says once, after the commands, that each takes -h, --help.
            QVERIFY(page.contains(QLatin1String("Every command also takes\n.BR -h \", \" --help")));
            inHelp -= OptionSet{QStringLiteral("-h"), QStringLiteral("--help")};
        }
        QVERIFY2(inHelp.size() >= 2, qPrintable(sorted(inHelp)));
        QVERIFY2(inPage == inHelp, qPrintable(QStringLiteral("--help: %1\nman page: %2").arg(sorted(inHelp), sorted(inPage))));
    }
};

QTEST_GUILESS_MAIN(TestManPage)
#include "test_manpage.moc"
