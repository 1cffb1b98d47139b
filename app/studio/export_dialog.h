// Exports a run's searched network: pick the run, the format and the file; shows where it went.
#pragma once

#include <QDialog>

#include "app/studio/run_history.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace secateur::studio {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const RunHistory& history, const QString& selectedRun, QWidget* parent = nullptr);

    void setTarget(const QString& path);
    QString target() const;
    // Writes the file; false (with the reason shown in the dialog) on failure.
    bool exportNow();
    QString writtenFile() const { return written_; }

private:
    void suggestTarget();

    const RunHistory& history_;
    QComboBox* run_;
    QComboBox* format_;
    QLineEdit* target_;
    QLabel* result_;
    QPushButton* openFolder_;
    QString written_;
};

}  // namespace secateur::studio
