#include "appearance.h"

#include <QApplication>
#include <QStyle>

namespace appearance {

namespace {
Scheme g_current = Scheme::System;
} // namespace

QPalette systemPalette()
{
    // The first call sees the platform's palette: nothing here has set one yet.
    static const QPalette palette = QApplication::palette();
    return palette;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool systemIsDark()
{
    // GTK_THEME=Adwaita:dark is how a GNOME user asks one program for dark;
    // the platform palette does not always follow it.
    if (qEnvironmentVariable("GTK_THEME").endsWith(QLatin1String(":dark"), Qt::CaseInsensitive))
        return true;
    return isDark(systemPalette());
}

QPalette lightPalette()
{
    QPalette palette = QApplication::style()->standardPalette();
    // Fusion's standard palette is light; a platform style's may not be.
    return isDark(palette) ? QPalette(QColor(0xef, 0xef, 0xef)) : palette;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x3e, 0x3e));
    p.setColor(QPalette::Mid, QColor(0x6a, 0x6a, 0x6a));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb3));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xff));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
    return p;
}

void apply(Scheme scheme)
{
    const QPalette before = systemPalette(); // captured before the first change
    g_current = scheme;
    // Left alone, the application follows the platform's palette, also when
    // the desktop changes it while we run; set once, it no longer would.
    static bool set = false;
    if (scheme == Scheme::System && !set && isDark(before) == systemIsDark())
        return;
    set = true;
    switch (scheme) {
    case Scheme::System: QApplication::setPalette(before); break;
    case Scheme::Light: QApplication::setPalette(lightPalette()); break;
    case Scheme::Dark: QApplication::setPalette(darkPalette()); break;
    }
    if (scheme == Scheme::System && systemIsDark() && !isDark(before))
        QApplication::setPalette(darkPalette()); // GTK_THEME asked for dark; the platform did not
}

Scheme current()
{
    return g_current;
}

QString schemeKey(Scheme scheme)
{
    switch (scheme) {
    case Scheme::Light: return QStringLiteral("light");
    case Scheme::Dark: return QStringLiteral("dark");
    case Scheme::System: break;
    }
    return QStringLiteral("system");
}

Scheme schemeFromKey(const QString &key)
{
    if (key == QLatin1String("light"))
        return Scheme::Light;
    if (key == QLatin1String("dark"))
        return Scheme::Dark;
    return Scheme::System;
}

// Pairs chosen for at least 4.5:1 contrast on white and on #1e1e1e–#2b2b2b.
QColor errorText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
}

QColor warningText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0xc1, 0x07) : QColor(0x8a, 0x4b, 0x00);
}

QColor successText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x81, 0xc7, 0x84) : QColor(0x1b, 0x6e, 0x3a);
}

QColor dimText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xa8, 0xa8, 0xa8) : QColor(0x66, 0x66, 0x66);
}

} // namespace appearance
