#include "addpartitionsdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

AddPartitionsDialog::AddPartitionsDialog(const QString &topic, int currentCount, QWidget *parent)
    : ClusterActionDialog(parent),
      m_topic(topic),
      m_total(new QSpinBox(this)),
      m_understood(new QCheckBox(tr("I understand: partitions cannot be removed again, and messages with a key may "
                                    "then go to another partition than before."),
                                 this))
{
    setWindowTitle(tr("Add Partitions — Kafka Desk"));
    auto *intro = new QLabel(tr("Topic <b>%1</b> has %2 partitions.").arg(topic.toHtmlEscaped()).arg(currentCount), this);
    m_total->setObjectName(QStringLiteral("totalSpin"));
    m_total->setRange(currentCount + 1, 100000);
    m_total->setValue(currentCount + 1);
    m_understood->setObjectName(QStringLiteral("understoodCheck"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_add = buttons->addButton(tr("&Add Partitions"), QDialogButtonBox::AcceptRole);
    m_add->setObjectName(QStringLiteral("addButton"));

    auto *form = new QFormLayout;
    form->addRow(tr("New &total:"), m_total);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_understood);
    addMessagesAndButtons(layout, buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &AddPartitionsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_understood, &QCheckBox::toggled, this, &AddPartitionsDialog::updateButton);
    updateButton();
}

void AddPartitionsDialog::setNewTotal(int total)
{
    m_total->setValue(total);
}

void AddPartitionsDialog::confirm(bool understood)
{
    m_understood->setChecked(understood);
}

void AddPartitionsDialog::accept()
{
    if (m_busy || !m_understood->isChecked())
        return;
    m_busy = true;
    clearError();
    updateButton();
    emit addRequested(m_topic, m_total->value());
}

void AddPartitionsDialog::additionFinished(const kafka::Error &error)
{
    m_busy = false;
    updateButton();
    if (!error)
        return QDialog::accept();
    showError(error.message);
}

void AddPartitionsDialog::updateButton()
{
    m_add->setEnabled(!m_busy && m_understood->isChecked());
    m_total->setEnabled(!m_busy);
}
