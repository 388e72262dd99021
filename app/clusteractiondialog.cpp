#include "clusteractiondialog.h"

#include "appearance.h"

#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QLabel>

ClusterActionDialog::ClusterActionDialog(QWidget *parent)
    : QDialog(parent), m_note(new QLabel(this)), m_error(new QLabel(this))
{
    setMinimumWidth(460);
    m_note->setObjectName(QStringLiteral("noteLabel"));
    m_note->setWordWrap(true);
    m_note->hide();
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(appearance::errorText(palette()).name()));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
}

QString ClusterActionDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ClusterActionDialog::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void ClusterActionDialog::addMessagesAndButtons(QBoxLayout *layout, QDialogButtonBox *buttons)
{
    layout->addWidget(m_note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

void ClusterActionDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

void ClusterActionDialog::clearError()
{
    m_error->hide();
}
