#pragma once

#include <QDialog>

class QBoxLayout;
class QDialogButtonBox;
class QLabel;

// What the dialogs of one change to the cluster (add partitions, truncate)
// share below their own fields: a note about this cluster (the sandbox
// refuses the request), the request's failure in red and selectable, and
// the buttons.
class ClusterActionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ClusterActionDialog(QWidget *parent = nullptr);

    // Empty while no failure is shown.
    QString errorText() const;
    void setNote(const QString &note);

protected:
    // Adds the note, the error line and then `buttons` to `layout`.
    void addMessagesAndButtons(QBoxLayout *layout, QDialogButtonBox *buttons);
    void showError(const QString &message);
    void clearError();

private:
    QLabel *m_note;
    QLabel *m_error;
};
