// The data tab's logic: prepares the project's dataset off the window's thread (features come
// from the cache after the first time), hands its summary and one sample to the data panel,
// and, when the files are missing, downloads them with progress and then prepares them.
#pragma once

#include <QString>
#include <QWidget>
#include <atomic>
#include <memory>

#include "app/studio/background_jobs.h"
#include "engine/data/data_task.h"
#include "engine/project/project.h"

class QLabel;

namespace secateur::widgets {
class DataPanel;
}

namespace secateur::studio {

class DataPage : public QWidget {
    Q_OBJECT
public:
    explicit DataPage(QWidget* parent = nullptr);
    ~DataPage() override;  // stops a download and waits for the threads

    // Shows the project's data, preparing it when it changed since the last call.
    void setProject(const Project& project);
    void download();
    void cancelDownload();
    void showSample(const QString& split, qint64 index);

    widgets::DataPanel* panel() const { return panel_; }
    bool isBusy() const { return preparing_ || downloading_; }
    // The prepared data shown, if any.
    const DataTask* data() const { return data_.get(); }

Q_SIGNALS:
    // The panel shows a prepared dataset, or why it cannot.
    void settled();
    // The user picked a folder of class subfolders to use as the project's data.
    void folderChosen(const QString& folder);

private:
    void prepare();

    widgets::DataPanel* panel_ = nullptr;
    QLabel* source_ = nullptr;
    DataSpec spec_;
    bool hasSpec_ = false;
    std::shared_ptr<const DataTask> data_;
    uint64_t generation_ = 0;
    bool preparing_ = false, downloading_ = false;
    std::shared_ptr<std::atomic<bool>> keepDownloading_;
    BackgroundJobs jobs_{this};
};

}  // namespace secateur::studio
