#include "addpartitionsdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

AddPartitionsDialog::AddPartitionsDialog(const QString &topic, int currentCount, QWidget *parent)
    : QDialog(parent),
      m_topic(topic),
      m_total(new QSpinBox(this)),
      m_understood(new QCheckBox(tr("I understand: partitions cannot be removed again, and messages with a key may "
                                    "then go to another partition than before."),
                                 this)),
      m_error(new QLabel(this))
{
    setWindowTitle(tr("Add Partitions — Kafka Desk"));
    setMinimumWidth(460);
    auto *intro = new QLabel(tr("Topic <b>%1</b> has %2 partitions.").arg(topic.toHtmlEscaped()).arg(currentCount), this);
    m_total->setObjectName(QStringLiteral("totalSpin"));
    m_total->setRange(currentCount + 1, 100000);
    m_total->setValue(currentCount + 1);
    m_understood->setObjectName(QStringLiteral("understoodCheck"));
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_add = buttons->addButton(tr("&Add Partitions"), QDialogButtonBox::AcceptRole);
    m_add->setObjectName(QStringLiteral("addButton"));

    auto *form = new QFormLayout;
    form->addRow(tr("New &total:"), m_total);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_understood);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("noteLabel"));
    m_note->setWordWrap(true);
    m_note->hide();
    layout->addWidget(m_note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &AddPartitionsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_understood, &QCheckBox::toggled, this, &AddPartitionsDialog::updateButton);
    updateButton();
}

void AddPartitionsDialog::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

QString AddPartitionsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
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
    m_error->hide();
    updateButton();
    emit addRequested(m_topic, m_total->value());
}

void AddPartitionsDialog::additionFinished(const kafka::Error &error)
{
    m_busy = false;
    updateButton();
    if (!error)
        return QDialog::accept();
    m_error->setText(error.message);
    m_error->show();
}

void AddPartitionsDialog::updateButton()
{
    m_add->setEnabled(!m_busy && m_understood->isChecked());
    m_total->setEnabled(!m_busy);
}
