#include "connectiondialog.h"

#include "recentconnections.h"
#include "ui_connectiondialog.h"

#include <QPushButton>

#include <limits>

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ConnectionDialog>()), m_recent(RecentConnections::load())
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    m_ui->errorLabel->hide();
    // A long bootstrap list is taken whole: a line edit's default limit
    // (32,767 characters) would cut it, unseen, in the middle of a host.
    m_ui->bootstrapEdit->setMaxLength(std::numeric_limits<int>::max());

    m_ui->recentCombo->addItem(tr("(new connection)"));
    for (const auto &spec : std::as_const(m_recent))
        m_ui->recentCombo->addItem(spec.displayName());
    m_ui->recentCombo->setEnabled(!m_recent.isEmpty());
    connect(m_ui->recentCombo, &QComboBox::activated, this, &ConnectionDialog::applyRecent);
    if (!m_recent.isEmpty()) {
        m_ui->recentCombo->setCurrentIndex(1);
        setSpec(m_recent.first());
    }
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

void ConnectionDialog::accept()
{
    kafka::ConnectionSpec spec;
    spec.kind = m_ui->sandboxRadio->isChecked() ? kafka::ConnectionSpec::Kind::Sandbox
                                                : kafka::ConnectionSpec::Kind::Bootstrap;
    spec.sandboxBrokers = m_ui->brokersSpin->value();
    spec.bootstrapServers = m_ui->bootstrapEdit->text().trimmed();

    kafka::Error error;
    auto properties = kafka::parseProperties(m_ui->propertiesEdit->toPlainText());
    if (properties.ok()) {
        spec.properties = properties.value();
        error = spec.validate();
    } else {
        error = properties.error();
    }
    if (error) {
        m_ui->errorLabel->setText(error.message);
        m_ui->errorLabel->show();
        const bool serversAreBad = !spec.isSandbox() && kafka::validateBootstrapServers(spec.bootstrapServers);
        if (serversAreBad)
            m_ui->bootstrapEdit->setFocus();
        else
            m_ui->propertiesEdit->setFocus();
        return;
    }
    m_spec = spec;
    QDialog::accept();
}
