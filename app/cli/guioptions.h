#pragma once

#include "kafka/connectionspec.h"

#include <QStringList>

#include <optional>
#include <variant>

namespace cli {

// What `kafkadesk [--sandbox [--brokers N] | --bootstrap SERVERS]` asks the
// window to do.
struct GuiOptions {
    // Connect at once; without it the window opens its connect dialog.
    std::optional<kafka::ConnectionSpec> connectTo;
};

// Parses the window's command line (argumentsAsBytes(): all of argv, Qt's own
// options such as -platform or -style included) before any QApplication exists, so that
// --help, --version and usage errors work without a display. Returns the
// options, or the exit code with the help, the version or the usage error
// already printed (0 for help and version, 2 for a usage error).
std::variant<GuiOptions, int> parseGuiOptions(const QStringList &arguments);

// "kafkadesk 0.1.0" and the versions of the libraries it runs on.
QString versionText();

} // namespace cli
