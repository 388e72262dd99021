#pragma once

#include <QCommandLineParser>
#include <QString>

namespace cli {

// The parser's help with the usage line naming the subcommand as users type
// it ("kafkadesk produce [options]"); QCommandLineParser names the executable.
inline QString subcommandHelp(const QCommandLineParser &parser, const QString &subcommand)
{
    const QString text = parser.helpText();
    return QStringLiteral("Usage: kafkadesk ") + subcommand + text.mid(text.indexOf(QLatin1String(" [options]")));
}

} // namespace cli
