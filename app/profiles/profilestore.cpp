#include "profilestore.h"

#include <QSettings>
#include <QUrl>

#include <memory>

namespace profiles {

namespace {

const QString Group = QStringLiteral("profiles");

std::unique_ptr<QSettings> openSettings(const QString &file)
{
    return file.isEmpty() ? std::make_unique<QSettings>() : std::make_unique<QSettings>(file, QSettings::IniFormat);
}

// A QSettings key cannot hold '/' or '\' as such, and its case may be folded
// on some platforms: every name is stored percent-encoded.
QString keyOf(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

QString nameOf(const QString &key)
{
    return QUrl::fromPercentEncoding(key.toLatin1());
}

} // namespace

ProfileStore::ProfileStore(const QString &settingsFile, Writer writer)
    : m_settingsFile(settingsFile), m_writer(std::move(writer))
{
    if (!m_writer) {
        m_writer = [file = m_settingsFile](const QVariantMap &changes) {
            auto settings = openSettings(file);
            for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
                if (it.value().isValid())
                    settings->setValue(it.key(), it.value());
                else
                    settings->remove(it.key());
            }
            settings->sync();
        };
    }
    auto settings = openSettings(m_settingsFile);
    settings->beginGroup(Group);
    const QStringList keys = settings->childGroups();
    for (const QString &key : keys) {
        if (m_profiles.size() >= MaxProfiles)
            break;
        settings->beginGroup(key);
        QVariantMap values;
        for (const QString &field : settings->childKeys())
            values.insert(field, settings->value(field));
        settings->endGroup();
        const QString name = nameOf(key);
        if (!validateProfileName(name))
            m_profiles.insert(name, Profile::fromSettings(name, values));
    }
}

std::optional<Profile> ProfileStore::find(const QString &name) const
{
    const auto it = m_profiles.constFind(name);
    if (it == m_profiles.cend())
        return std::nullopt;
    return *it;
}

kafka::Error ProfileStore::save(const Profile &profile)
{
    if (auto err = profile.validate())
        return err;
    if (!m_profiles.contains(profile.name) && m_profiles.size() >= MaxProfiles)
        return kafka::Error::invalid(QStringLiteral("There are %1 profiles already, the most kept: remove one first.")
                                         .arg(MaxProfiles));
    const Profile stored = profile.withoutSecrets();
    m_profiles.insert(stored.name, stored);
    write(stored.name, stored);
    return {};
}

kafka::Error ProfileStore::add(const Profile &profile)
{
    if (m_profiles.contains(profile.name))
        return kafka::Error::invalid(QStringLiteral("A profile named '%1' exists already.").arg(profile.name));
    return save(profile);
}

kafka::Error ProfileStore::remove(const QString &name)
{
    if (!m_profiles.remove(name))
        return kafka::Error::invalid(QStringLiteral("There is no profile named '%1'.").arg(name));
    write(name, std::nullopt);
    return {};
}

kafka::Error ProfileStore::rename(const QString &from, const QString &to)
{
    const auto profile = find(from);
    if (!profile)
        return kafka::Error::invalid(QStringLiteral("There is no profile named '%1'.").arg(from));
    if (from == to)
        return {};
    if (m_profiles.contains(to))
        return kafka::Error::invalid(QStringLiteral("A profile named '%1' exists already.").arg(to));
    if (auto err = validateProfileName(to))
        return err;
    Profile renamed = *profile;
    renamed.name = to;
    m_profiles.remove(from);
    m_profiles.insert(to, renamed);
    write(from, std::nullopt);
    write(to, renamed);
    return {};
}

void ProfileStore::write(const QString &name, const std::optional<Profile> &profile)
{
    const QString prefix = Group + u'/' + keyOf(name);
    // The whole group goes first (its key sorts before its fields'), so that
    // a field left empty leaves no old value behind.
    QVariantMap changes{{prefix, QVariant()}};
    if (profile) {
        const QVariantMap values = profile->toSettings();
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            changes.insert(prefix + u'/' + it.key(), it.value());
    }
    m_writer(changes);
}

} // namespace profiles
