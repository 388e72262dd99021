#pragma once

#include <QColor>
#include <QObject>
#include <QPalette>
#include <QString>

// The window's colours: the system's own (light or dark, as the desktop was
// when the app started), or a light or a dark palette the user chose in
// View → Colours. Qt 6.4 has no QStyleHints::colorScheme, so "is the system
// dark" is read from the palette the platform gave the application before
// anything changed it. Also the few colours the app adds to text (errors,
// warnings, success, dimmed notes), picked to read on the palette in use.
namespace appearance {

enum class Scheme { System, Light, Dark };

// The palette the application started with (the platform's). Captured the
// first time any function here runs: call one before changing the palette.
QPalette systemPalette();
bool isDark(const QPalette &palette);
bool systemIsDark();

QPalette lightPalette();
QPalette darkPalette();

// Sets the application palette for the scheme (no settings written).
void apply(Scheme scheme);
Scheme current();
// Stored in the settings as "system", "light" or "dark"; anything else is System.
QString schemeKey(Scheme scheme);
Scheme schemeFromKey(const QString &key);

// Text colours that read on the given palette's window and base.
QColor errorText(const QPalette &palette);
QColor warningText(const QPalette &palette);
QColor successText(const QPalette &palette);
QColor dimText(const QPalette &palette);

} // namespace appearance
