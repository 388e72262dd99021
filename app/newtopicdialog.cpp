#include "newtopicdialog.h"

#include "appearance.h"
#include "ui_newtopicdialog.h"

#include "kafka/configadmin.h"

#include <QPlainTextEdit>
#include <QPushButton>

#include <algorithm>

NewTopicDialog::NewTopicDialog(const QStringList &existingTopics, int brokerCount, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::NewTopicDialog>()), m_existingTopics(existingTopics)
{
    m_ui->setupUi(this);
    m_ui->errorLabel->setStyleSheet(QStringLiteral("color: %1;").arg(appearance::errorText(palette()).name()));
    // A note, dimmed but readable: palette(mid) read at under 3:1 on a dark window.
    m_ui->noteLabel->setStyleSheet(QStringLiteral("color: %1;").arg(appearance::dimText(palette()).name()));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("C&reate"));
    m_ui->errorLabel->hide();
    m_ui->noteLabel->hide();
    m_ui->replicationSpin->setMaximum(std::max(1, brokerCount));
    m_ui->replicationSpin->setValue(std::clamp(3, 1, std::max(1, brokerCount)));
    m_ui->replicationSpin->setToolTip(tr("At most the number of brokers (%1).").arg(brokerCount));
    m_configs = new QPlainTextEdit(this);
    m_configs->setObjectName(QStringLiteral("configsEdit"));
    m_configs->setPlaceholderText(tr("NAME=VALUE per line, e.g. retention.ms=86400000 (optional)"));
    m_configs->setTabChangesFocus(true);
    m_configs->setMaximumHeight(fontMetrics().height() * 5);
    m_ui->formLayout->addRow(tr("Topic &configs:"), m_configs);
}

NewTopicDialog::~NewTopicDialog() = default;

void NewTopicDialog::setNote(const QString &note)
{
    m_ui->noteLabel->setText(note);
    m_ui->noteLabel->setVisible(!note.isEmpty());
}

kafka::TopicSpec NewTopicDialog::spec() const
{
    auto configs = kafka::parseConfigLines(m_configs->toPlainText());
    return {m_ui->nameEdit->text().trimmed(), m_ui->partitionsSpin->value(), m_ui->replicationSpin->value(),
            configs.ok() ? configs.value() : QList<std::pair<QString, QString>>{}};
}

QString NewTopicDialog::errorText() const
{
    return m_ui->errorLabel->isHidden() ? QString() : m_ui->errorLabel->text();
}

void NewTopicDialog::accept()
{
    const auto configs = kafka::parseConfigLines(m_configs->toPlainText());
    if (!configs.ok())
        return showError(tr("Topic configs: %1").arg(configs.error().message));
    const kafka::TopicSpec topic = spec();
    if (auto err = topic.validate())
        return showError(err.message);
    if (m_existingTopics.contains(topic.name))
        return showError(tr("Topic '%1' already exists.").arg(topic.name));
    m_ui->errorLabel->hide();
    setBusy(true);
    emit createRequested(topic);
}

void NewTopicDialog::creationFinished(const kafka::Error &error)
{
    setBusy(false);
    if (error)
        return showError(error.message);
    QDialog::accept();
}

void NewTopicDialog::showError(const QString &message)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->show();
    m_ui->nameEdit->setFocus();
}

void NewTopicDialog::setBusy(bool busy)
{
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(busy ? tr("Creating…") : tr("C&reate"));
}
