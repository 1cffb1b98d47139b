// The data tab: what the project's dataset holds (splits, samples and class counts per split),
// one sample drawn, and, when the files are missing, where they were looked for with a Download
// button and its progress.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

#include "engine/data/dataset.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedLayout;
class QTableWidget;

namespace secateur::widgets {

class SampleView;

class DataPanel : public QWidget {
    Q_OBJECT

public:
    explicit DataPanel(QWidget* parent = nullptr);

    // A page with just this text, e.g. "The synthetic task has no dataset".
    void showMessage(const QString& text);
    // While features are prepared: "Preparing kws (features are cached after the first time)…".
    void showLoading(const QString& text);
    // The splits table: one row per split (samples, then one column per class, then groups).
    void setSummary(const secateur::DataSummary& summary);
    void setSample(const secateur::DataSample& sample);
    // The files are missing or corrupt: the engine's text, the folders looked in, and whether a
    // download can fetch them (a registered dataset; not the user's own folder).
    void showMissing(const QString& problem, const QStringList& folders, bool canDownload);
    // During a download (after downloadRequested): file `file` of `files`, bytes of that file
    // (`total` < 0: unknown).
    void setDownloadProgress(const QString& path, int file, int files, qint64 received,
                             qint64 total);
    // The download or the preparation failed: shown in red on the missing page, which stays.
    void showError(const QString& message);

    // For tests and the window.
    QString pageName() const;  // "message", "loading", "summary" or "missing"
    QString messageText() const;
    QString errorText() const;
    const QTableWidget* splitTable() const { return table_; }
    const SampleView* sampleView() const { return sample_; }
    QPushButton* downloadButton() const { return download_; }
    const QProgressBar* downloadBar() const { return bar_; }
    QComboBox* splitChooser() const { return splitChooser_; }
    QPushButton* nextSampleButton() const { return nextSample_; }

Q_SIGNALS:
    void downloadRequested();
    void cancelDownloadRequested();
    // The user asked for another sample: of this split, the next index after the one shown.
    void sampleRequested(const QString& split, qint64 index);

private:
    // widgets of the four pages
    QStackedLayout* pages_ = nullptr;
    QLabel* message_ = nullptr;
    QLabel* loading_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* notes_ = nullptr;
    QTableWidget* table_ = nullptr;
    SampleView* sample_ = nullptr;
    QLabel* sampleCaption_ = nullptr;
    QComboBox* splitChooser_ = nullptr;
    QPushButton* nextSample_ = nullptr;
    QLabel* problem_ = nullptr;
    QLabel* folders_ = nullptr;
    QLabel* error_ = nullptr;
    QPushButton* download_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QProgressBar* bar_ = nullptr;
    QLabel* barText_ = nullptr;
    secateur::DataSample shown_;
    bool downloading_ = false;
};

}  // namespace secateur::widgets
