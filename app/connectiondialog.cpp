#include "connectiondialog.h"

#include "appearance.h"
#include "appprofiles.h"
#include "recentconnections.h"
#include "ui_connectiondialog.h"
#include "whenready.h"

#include "kafka/connectioncheck.h"
#include "kafka/networkpool.h"

#include <QEvent>
#include <QFileDialog>
#include <QPushButton>

#include <limits>

namespace {

using Protocol = kafka::SecuritySettings::Protocol;
using Mechanism = kafka::SecuritySettings::Mechanism;

constexpr Protocol Protocols[] = {Protocol::Plaintext, Protocol::Ssl, Protocol::SaslPlaintext, Protocol::SaslSsl};
constexpr Mechanism Mechanisms[] = {Mechanism::Plain, Mechanism::ScramSha256, Mechanism::ScramSha512,
                                    Mechanism::OAuthBearer};

QString uniqueName(const QString &base)
{
    if (!AppProfiles::store().contains(base))
        return base;
    for (int i = 2;; ++i) {
        const QString name = QStringLiteral("%1 %2").arg(base).arg(i);
        if (!AppProfiles::store().contains(name))
            return name;
    }
}

} // namespace

void ConnectionDialog::colourWarnings()
{
    const QString colour = appearance::errorText(palette()).name();
    m_ui->verifyWarning->setStyleSheet(QStringLiteral("color: %1; font-weight: bold;").arg(colour));
    m_ui->errorLabel->setStyleSheet(QStringLiteral("color: %1;").arg(colour));
}

void ConnectionDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        colourWarnings();
    QDialog::changeEvent(event);
}

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ConnectionDialog>()), m_recent(RecentConnections::load())
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    m_ui->errorLabel->hide();
    colourWarnings();
    // A long bootstrap list is taken whole: a line edit's default limit
    // (32,767 characters) would cut it, unseen, in the middle of a host.
    m_ui->bootstrapEdit->setMaxLength(std::numeric_limits<int>::max());
    for (Protocol protocol : Protocols)
        m_ui->protocolCombo->addItem(kafka::SecuritySettings::protocolName(protocol), int(protocol));
    for (Mechanism mechanism : Mechanisms)
        m_ui->mechanismCombo->addItem(kafka::SecuritySettings::mechanismName(mechanism), int(mechanism));

    m_ui->recentCombo->addItem(tr("(new connection)"));
    for (const auto &spec : std::as_const(m_recent))
        m_ui->recentCombo->addItem(spec.displayName());
    m_ui->recentCombo->setEnabled(!m_recent.isEmpty());
    connect(m_ui->recentCombo, &QComboBox::activated, this, &ConnectionDialog::applyRecent);

    connect(m_ui->protocolCombo, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateSecurityForm);
    connect(m_ui->mechanismCombo, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateSecurityForm);
    connect(m_ui->tokenEndpointEdit, &QLineEdit::textChanged, this, &ConnectionDialog::updateSecurityForm);
    connect(m_ui->verifyCheck, &QCheckBox::toggled, this, &ConnectionDialog::updateSecurityForm);
    connect(m_ui->bootstrapRadio, &QRadioButton::toggled, this, &ConnectionDialog::updateSecurityForm);
    connect(m_ui->caBrowse, &QPushButton::clicked, this, [this] { browse(m_ui->caEdit, tr("CA certificates (PEM)")); });
    connect(m_ui->certBrowse, &QPushButton::clicked, this, [this] { browse(m_ui->certEdit, tr("Client certificate")); });
    connect(m_ui->keyBrowse, &QPushButton::clicked, this, [this] { browse(m_ui->keyEdit, tr("Client key (PEM)")); });

    connect(m_ui->profileList, &QListWidget::currentTextChanged, this, &ConnectionDialog::selectProfile);
    connect(m_ui->newProfileButton, &QPushButton::clicked, this, &ConnectionDialog::newProfile);
    connect(m_ui->saveProfileButton, &QPushButton::clicked, this, &ConnectionDialog::saveProfile);
    connect(m_ui->duplicateProfileButton, &QPushButton::clicked, this, &ConnectionDialog::duplicateProfile);
    connect(m_ui->renameProfileButton, &QPushButton::clicked, this, &ConnectionDialog::renameProfile);
    connect(m_ui->deleteProfileButton, &QPushButton::clicked, this, &ConnectionDialog::deleteProfile);
    connect(m_ui->testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_ui->sandboxButton, &QPushButton::clicked, this, &ConnectionDialog::openSandbox);

    reloadProfiles(QString());
    if (!m_recent.isEmpty()) {
        m_ui->recentCombo->setCurrentIndex(1);
        setSpec(m_recent.first());
    }
    updateSecurityForm();
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::applyRecent(int index)
{
    if (index >= 1 && index <= m_recent.size())
        setSpec(m_recent[index - 1]);
}

void ConnectionDialog::setSpec(const kafka::ConnectionSpec &spec)
{
    (spec.isSandbox() ? m_ui->sandboxRadio : m_ui->bootstrapRadio)->setChecked(true);
    m_ui->brokersSpin->setValue(spec.sandboxBrokers);
    m_ui->bootstrapEdit->setText(spec.bootstrapServers);
    QStringList lines;
    for (const auto &[key, value] : spec.properties)
        lines.append(key + QLatin1Char('=') + value);
    m_ui->propertiesEdit->setPlainText(lines.join(QLatin1Char('\n')));
}

QString ConnectionDialog::errorText() const
{
    return m_ui->errorLabel->isHidden() ? QString() : m_ui->errorLabel->text();
}

kafka::SchemaRegistrySettings ConnectionDialog::schemaRegistry() const
{
    return profileFromForm().schemaRegistry();
}

QString ConnectionDialog::selectedProfile() const
{
    const QListWidgetItem *item = m_ui->profileList->currentItem();
    return item ? item->text() : QString();
}

QString ConnectionDialog::profileStatus() const
{
    return m_ui->profileStatus->text();
}

QString ConnectionDialog::testReport() const
{
    return m_ui->testResult->toPlainText();
}

void ConnectionDialog::showError(const kafka::Error &error)
{
    m_ui->errorLabel->setText(error.message);
    m_ui->errorLabel->setVisible(bool(error));
}

void ConnectionDialog::showStatus(const QString &text)
{
    m_ui->profileStatus->setText(text);
}

void ConnectionDialog::updateSecurityForm()
{
    const bool cluster = m_ui->bootstrapRadio->isChecked();
    m_ui->securityBox->setEnabled(cluster);
    const auto protocol = Protocol(m_ui->protocolCombo->currentData().toInt());
    const auto mechanism = Mechanism(m_ui->mechanismCombo->currentData().toInt());
    const bool sasl = protocol == Protocol::SaslPlaintext || protocol == Protocol::SaslSsl;
    const bool tls = protocol == Protocol::Ssl || protocol == Protocol::SaslSsl;
    const bool oauth = sasl && mechanism == Mechanism::OAuthBearer;
    const bool oidc = oauth && !m_ui->tokenEndpointEdit->text().trimmed().isEmpty();
    m_ui->mechanismCombo->setEnabled(sasl);
    m_ui->usernameEdit->setEnabled(sasl && !oidc);
    m_ui->passwordEdit->setEnabled(sasl && !oauth);
    for (QWidget *w : {static_cast<QWidget *>(m_ui->tokenEndpointEdit), static_cast<QWidget *>(m_ui->clientIdEdit),
                       static_cast<QWidget *>(m_ui->clientSecretEdit), static_cast<QWidget *>(m_ui->scopeEdit)})
        w->setEnabled(oauth);
    for (QWidget *w : {static_cast<QWidget *>(m_ui->caEdit), static_cast<QWidget *>(m_ui->caBrowse),
                       static_cast<QWidget *>(m_ui->certEdit), static_cast<QWidget *>(m_ui->certBrowse),
                       static_cast<QWidget *>(m_ui->keyEdit), static_cast<QWidget *>(m_ui->keyBrowse),
                       static_cast<QWidget *>(m_ui->keyPasswordEdit), static_cast<QWidget *>(m_ui->verifyCheck)})
        w->setEnabled(tls);
    kafka::SecuritySettings probe;
    probe.protocol = protocol;
    probe.verifyServer = m_ui->verifyCheck->isChecked();
    const QStringList warnings = cluster ? probe.warnings() : QStringList();
    m_ui->verifyWarning->setText(warnings.join(u' '));
    m_ui->verifyWarning->setVisible(!warnings.isEmpty());
}

void ConnectionDialog::browse(QLineEdit *edit, const QString &title)
{
    auto *dialog = new QFileDialog(this, title, edit->text());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, edit, &QLineEdit::setText);
    dialog->open();
}

profiles::Profile ConnectionDialog::profileFromForm() const
{
    profiles::Profile p;
    p.name = m_ui->nameEdit->text().trimmed();
    p.sandbox = m_ui->sandboxRadio->isChecked();
    p.sandboxBrokers = m_ui->brokersSpin->value();
    p.bootstrapServers = m_ui->bootstrapEdit->text().trimmed();
    kafka::SecuritySettings &s = p.security;
    s.protocol = Protocol(m_ui->protocolCombo->currentData().toInt());
    s.mechanism = Mechanism(m_ui->mechanismCombo->currentData().toInt());
    const auto take = [](const QLineEdit *edit, QString *field) {
        if (edit->isEnabled())
            *field = edit->text().trimmed();
    };
    take(m_ui->usernameEdit, &s.username);
    take(m_ui->tokenEndpointEdit, &s.tokenEndpoint);
    take(m_ui->clientIdEdit, &s.clientId);
    take(m_ui->scopeEdit, &s.scope);
    take(m_ui->caEdit, &s.caFile);
    take(m_ui->certEdit, &s.certificateFile);
    take(m_ui->keyEdit, &s.keyFile);
    // Secrets exactly as typed: a space may belong to them.
    if (m_ui->passwordEdit->isEnabled())
        s.password = m_ui->passwordEdit->text();
    if (m_ui->clientSecretEdit->isEnabled())
        s.clientSecret = m_ui->clientSecretEdit->text();
    if (m_ui->keyPasswordEdit->isEnabled())
        s.keyPassword = m_ui->keyPasswordEdit->text();
    s.verifyServer = m_ui->verifyCheck->isChecked() || !s.usesTls();
    const auto properties = kafka::parseProperties(m_ui->propertiesEdit->toPlainText());
    if (properties.ok())
        p.extraProperties = properties.value();
    p.readOnly = m_ui->readOnlyCheck->isChecked();
    p.schemaRegistryUrl = m_ui->registryUrlEdit->text().trimmed();
    p.schemaRegistryUser = m_ui->registryUserEdit->text().trimmed();
    p.schemaRegistryPassword = m_ui->registryPasswordEdit->text();
    return p;
}

void ConnectionDialog::setProfile(const profiles::Profile &p)
{
    m_ui->nameEdit->setText(p.name);
    (p.sandbox ? m_ui->sandboxRadio : m_ui->bootstrapRadio)->setChecked(true);
    m_ui->brokersSpin->setValue(p.sandboxBrokers);
    m_ui->bootstrapEdit->setText(p.bootstrapServers);
    const kafka::SecuritySettings &s = p.security;
    m_ui->protocolCombo->setCurrentIndex(m_ui->protocolCombo->findData(int(s.protocol)));
    m_ui->mechanismCombo->setCurrentIndex(m_ui->mechanismCombo->findData(int(s.mechanism)));
    m_ui->usernameEdit->setText(s.username);
    m_ui->passwordEdit->setText(s.password);
    m_ui->tokenEndpointEdit->setText(s.tokenEndpoint);
    m_ui->clientIdEdit->setText(s.clientId);
    m_ui->clientSecretEdit->setText(s.clientSecret);
    m_ui->scopeEdit->setText(s.scope);
    m_ui->caEdit->setText(s.caFile);
    m_ui->certEdit->setText(s.certificateFile);
    m_ui->keyEdit->setText(s.keyFile);
    m_ui->keyPasswordEdit->setText(s.keyPassword);
    m_ui->verifyCheck->setChecked(s.verifyServer);
    QStringList lines;
    for (const auto &[key, value] : p.extraProperties)
        lines.append(key + u'=' + value);
    m_ui->propertiesEdit->setPlainText(lines.join(u'\n'));
    m_ui->readOnlyCheck->setChecked(p.readOnly);
    m_ui->registryUrlEdit->setText(p.schemaRegistryUrl);
    m_ui->registryUserEdit->setText(p.schemaRegistryUser);
    m_ui->registryPasswordEdit->setText(p.schemaRegistryPassword);
    updateSecurityForm();
}

void ConnectionDialog::reloadProfiles(const QString &select)
{
    const QSignalBlocker quiet(m_ui->profileList);
    m_ui->profileList->clear();
    m_ui->profileList->addItems(AppProfiles::store().names());
    const auto found = m_ui->profileList->findItems(select, Qt::MatchExactly);
    if (!select.isEmpty() && !found.isEmpty())
        m_ui->profileList->setCurrentItem(found.first());
    const bool selected = m_ui->profileList->currentItem() != nullptr;
    for (QPushButton *button : {m_ui->duplicateProfileButton, m_ui->renameProfileButton, m_ui->deleteProfileButton})
        button->setEnabled(selected);
}

void ConnectionDialog::selectProfile(const QString &name)
{
    ++m_selection;
    for (QPushButton *button : {m_ui->duplicateProfileButton, m_ui->renameProfileButton, m_ui->deleteProfileButton})
        button->setEnabled(!name.isEmpty());
    const auto profile = AppProfiles::store().find(name);
    if (!profile)
        return;
    setProfile(*profile);
    showError({});
    showStatus(tr("Reading the secrets of '%1' from the keychain…").arg(name));
    whenReady(this, AppProfiles::secrets().fill(*profile),
              [this, selection = m_selection, name](const profiles::SecretsOutcome &outcome) {
                  if (selection != m_selection)
                      return; // the user moved on
                  // What the user typed meanwhile stays.
                  const auto fill = [](QLineEdit *edit, const QString &secret) {
                      if (edit->text().isEmpty())
                          edit->setText(secret);
                  };
                  fill(m_ui->passwordEdit, outcome.profile.security.password);
                  fill(m_ui->clientSecretEdit, outcome.profile.security.clientSecret);
                  fill(m_ui->keyPasswordEdit, outcome.profile.security.keyPassword);
                  fill(m_ui->registryPasswordEdit, outcome.profile.schemaRegistryPassword);
                  QStringList said = outcome.notes;
                  if (outcome.error)
                      said.prepend(outcome.error.message);
                  showStatus(said.isEmpty() ? tr("Profile '%1'.").arg(name) : said.join(u'\n'));
                  emit secretsLoaded();
              });
}

void ConnectionDialog::newProfile()
{
    ++m_selection;
    {
        const QSignalBlocker quiet(m_ui->profileList);
        m_ui->profileList->setCurrentItem(nullptr);
        m_ui->profileList->clearSelection();
    }
    profiles::Profile fresh;
    fresh.name = uniqueName(tr("New profile"));
    fresh.bootstrapServers = QStringLiteral("localhost:9092");
    setProfile(fresh);
    showError({});
    showStatus(tr("Fill in the form, then save the profile."));
    m_ui->nameEdit->setFocus();
    m_ui->nameEdit->selectAll();
    for (QPushButton *button : {m_ui->duplicateProfileButton, m_ui->renameProfileButton, m_ui->deleteProfileButton})
        button->setEnabled(false);
}

void ConnectionDialog::saveProfile()
{
    const profiles::Profile profile = profileFromForm();
    if (auto err = kafka::parseProperties(m_ui->propertiesEdit->toPlainText()); !err.ok())
        return showError(err.error());
    if (auto err = AppProfiles::store().save(profile))
        return showError(err);
    showError({});
    reloadProfiles(profile.name);
    ++m_selection; // the form is the profile: no keychain answer replaces it
    showStatus(tr("Saved '%1'; storing its secrets in the keychain…").arg(profile.name));
    whenReady(this, AppProfiles::secrets().store(profile), [this, name = profile.name](const profiles::SecretsOutcome &o) {
        QStringList said = o.notes;
        if (o.error)
            said.prepend(o.error.message);
        showStatus(said.isEmpty() ? tr("Saved '%1'.").arg(name) : said.join(u'\n'));
        emit secretsSaved();
    });
}

void ConnectionDialog::duplicateProfile()
{
    const auto original = AppProfiles::store().find(selectedProfile());
    if (!original)
        return;
    profiles::Profile copy = *original;
    copy.name = uniqueName(tr("%1 copy").arg(original->name));
    if (auto err = AppProfiles::store().save(copy))
        return showError(err);
    reloadProfiles(copy.name);
    setProfile(copy);
    const quint64 selection = ++m_selection;
    showStatus(tr("Copying the secrets of '%1'…").arg(original->name));
    whenReady(this, AppProfiles::secrets().copy(original->name, copy.name),
              [this, selection, name = copy.name](const profiles::SecretsOutcome &o) {
                  QStringList said = o.notes;
                  if (o.error)
                      said.prepend(o.error.message);
                  // Read back once they are there (keychain jobs run in order).
                  if (selection == m_selection)
                      selectProfile(name);
                  showStatus(said.isEmpty() ? tr("Made '%1'.").arg(name) : said.join(u'\n'));
                  emit secretsSaved();
              });
}

void ConnectionDialog::renameProfile()
{
    const QString from = selectedProfile();
    const QString to = m_ui->nameEdit->text().trimmed();
    if (from.isEmpty())
        return;
    if (from == to)
        return showError(kafka::Error::invalid(tr("Type the new name in the Profile name field, then Rename.")));
    if (auto err = AppProfiles::store().rename(from, to))
        return showError(err);
    showError({});
    ++m_selection;
    reloadProfiles(to);
    showStatus(tr("Moving the secrets of '%1' to '%2'…").arg(from, to));
    whenReady(this, AppProfiles::secrets().move(from, to), [this, to](const profiles::SecretsOutcome &o) {
        QStringList said = o.notes;
        if (o.error)
            said.prepend(o.error.message);
        showStatus(said.isEmpty() ? tr("Renamed to '%1'.").arg(to) : said.join(u'\n'));
        emit secretsSaved();
    });
}

void ConnectionDialog::deleteProfile()
{
    const QString name = selectedProfile();
    if (name.isEmpty())
        return;
    if (auto err = AppProfiles::store().remove(name))
        return showError(err);
    ++m_selection;
    reloadProfiles(QString());
    showStatus(tr("Deleted '%1'; removing its secrets from the keychain…").arg(name));
    whenReady(this, AppProfiles::secrets().remove(name), [this, name](const profiles::SecretsOutcome &o) {
        showStatus(o.error ? o.error.message : tr("Deleted '%1' and its secrets.").arg(name));
        emit secretsSaved();
    });
}

void ConnectionDialog::testConnection()
{
    const profiles::Profile profile = profileFromForm();
    if (profile.sandbox) {
        m_ui->testResult->setPlainText(tr("The sandbox runs inside this window: there is nothing to reach yet."));
        emit tested();
        return;
    }
    // The name is not needed to test.
    profiles::Profile unnamed = profile;
    if (unnamed.name.isEmpty())
        unnamed.name = QStringLiteral("test");
    if (auto err = unnamed.validateForConnecting()) {
        m_ui->testResult->setPlainText(err.message);
        emit tested();
        return;
    }
    const quint64 test = ++m_test;
    m_ui->testButton->setEnabled(false);
    m_ui->testResult->setPlainText(tr("Testing %1…").arg(profile.bootstrapServers));
    const kafka::ClientConfig config = unnamed.clientConfig();
    whenReady(this, kafka::runOnNetworkPool([config] { return kafka::checkConnection(config); }),
              [this, test](const kafka::ConnectionReport &report) {
                  if (test != m_test)
                      return;
                  m_ui->testButton->setEnabled(true);
                  m_ui->testResult->setPlainText(report.text().trimmed());
                  emit tested();
              });
}

void ConnectionDialog::openSandbox()
{
    m_spec = kafka::ConnectionSpec::sandbox(3);
    m_readOnlyReason.clear();
    QDialog::accept();
}

void ConnectionDialog::accept()
{
    kafka::ConnectionSpec spec;
    spec.kind = m_ui->sandboxRadio->isChecked() ? kafka::ConnectionSpec::Kind::Sandbox
                                                : kafka::ConnectionSpec::Kind::Bootstrap;
    spec.sandboxBrokers = m_ui->brokersSpin->value();
    spec.bootstrapServers = m_ui->bootstrapEdit->text().trimmed();

    const profiles::Profile profile = profileFromForm();
    kafka::Error error;
    auto properties = kafka::parseProperties(m_ui->propertiesEdit->toPlainText());
    if (properties.ok()) {
        // The form's security first, then the user's own properties (later wins).
        if (!spec.isSandbox() && profile.security.protocol != Protocol::Plaintext) {
            error = profile.security.validate();
            spec.properties = profile.security.toProperties();
        }
        spec.properties += properties.value();
        if (!error)
            error = spec.validate();
    } else {
        error = properties.error();
    }
    if (error) {
        showError(error);
        const bool serversAreBad = !spec.isSandbox() && kafka::validateBootstrapServers(spec.bootstrapServers);
        if (serversAreBad)
            m_ui->bootstrapEdit->setFocus();
        else if (!properties.ok() || profile.security.protocol == Protocol::Plaintext)
            m_ui->propertiesEdit->setFocus();
        return;
    }
    // A secret typed for a saved profile is kept (in the keychain, or for
    // this run), so that it is asked for once.
    if (!selectedProfile().isEmpty() && selectedProfile() == profile.name)
        AppProfiles::secrets().store(profile);
    m_readOnlyReason = profile.readOnly ? tr("Profile %1 is read-only: changes to the cluster are disabled.")
                                              .arg(profile.name.isEmpty() ? tr("(unnamed)") : profile.name)
                                        : QString();
    m_spec = spec;
    QDialog::accept();
}
