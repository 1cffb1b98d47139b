#include "app/studio/data_page.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStringList>
#include <QVBoxLayout>
#include <algorithm>
#include <chrono>

#include "widgets/data_panel.h"

namespace secateur::studio {
namespace {

QStringList searchedFolders() {
    QStringList folders;
    for (const auto& folder : dataSearchPath()) folders << QString::fromStdString(folder.string());
    return folders;
}

}  // namespace

DataPage::DataPage(QWidget* parent) : QWidget(parent) {
    panel_ = new widgets::DataPanel;
    source_ = new QLabel;
    auto* useFolder = new QPushButton(tr("Use a folder of my own…"));
    useFolder->setToolTip(
        tr("A folder with one subfolder per class, holding .wav recordings or "
           ".csv series (rows: time steps, columns: channels)"));
    connect(useFolder, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Folder of class subfolders"),
            spec_.folder.empty() ? QDir::homePath() : QString::fromStdString(spec_.folder));
        if (!folder.isEmpty()) Q_EMIT folderChosen(folder);
    });
    auto* top = new QHBoxLayout;
    top->addWidget(source_, 1);
    top->addWidget(useFolder);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(panel_, 1);
    connect(panel_, &widgets::DataPanel::downloadRequested, this, &DataPage::download);
    connect(panel_, &widgets::DataPanel::cancelDownloadRequested, this, &DataPage::cancelDownload);
    connect(panel_, &widgets::DataPanel::sampleRequested, this, &DataPage::showSample);
}

DataPage::~DataPage() {
    if (keepDownloading_) *keepDownloading_ = false;
}

void DataPage::setProject(const Project& project) {
    source_->setText(
        !project.usesData() ? tr("Data: the synthetic task")
        : project.task == "folder"
            ? tr("Data: your folder %1").arg(QString::fromStdString(project.data.folder))
            : tr("Data: the registered dataset %1").arg(QString::fromStdString(project.task)));
    if (!project.usesData()) {
        hasSpec_ = false;
        data_.reset();
        ++generation_;
        preparing_ = false;
        panel_->showMessage(
            tr("The synthetic task has no dataset: its samples are made up "
               "(random patterns in noise) to try the search quickly. Choose a "
               "dataset as the project's task to see real data here."));
        Q_EMIT settled();
        return;
    }
    const DataSpec spec = project.dataSpec();
    if (hasSpec_ && spec == spec_) return;
    spec_ = spec;
    hasSpec_ = true;
    prepare();
}

void DataPage::prepare() {
    const uint64_t generation = ++generation_;
    preparing_ = true;
    data_.reset();
    panel_->showLoading(tr("Preparing %1 (its features are cached after the first time)…")
                            .arg(QString::fromStdString(spec_.label())));
    const DataSpec spec = spec_;
    jobs_.spawn(QStringLiteral("data preparation"), [this, spec, generation] {
        std::shared_ptr<const DataTask> data;
        QString message, problem;
        try {
            data = std::make_shared<const DataTask>(makeDataTask(spec));
        } catch (...) {
            message = errorMessage(std::current_exception());
            try {  // a registered dataset whose files are missing can be downloaded
                if (!spec.dataset.empty()) {
                    const DatasetInfo info = findDataset(spec.dataset);
                    const DatasetCheck check = verifyDataset(info, false);
                    if (!check.complete()) problem = QString::fromStdString(check.problem(info));
                }
            } catch (...) {
            }
        }
        return std::function<void()>([this, generation, data, message, problem, spec] {
            if (generation != generation_) return;  // another project since
            preparing_ = false;
            if (data) {
                data_ = data;
                panel_->setSummary(data->summary);
                showSample(QStringLiteral("train"), 0);
            } else if (!problem.isEmpty()) {
                panel_->showMissing(problem, searchedFolders(), true);
            } else if (!spec.folder.empty()) {
                panel_->showMissing(message, {QString::fromStdString(spec.folder)}, false);
            } else {
                panel_->showMissing(message, searchedFolders(), false);
            }
            Q_EMIT settled();
        });
    });
}

void DataPage::showSample(const QString& split, qint64 index) {
    if (!data_) return;
    for (const SplitSummary& s : data_->summary.splits) {
        if (QString::fromStdString(s.name) != split || s.samples <= 0) continue;
        try {
            panel_->setSample(
                drawSample(*data_, s.name, ((index % s.samples) + s.samples) % s.samples));
        } catch (const std::exception& e) {
            panel_->showError(QString::fromStdString(e.what()));
        }
        return;
    }
}

void DataPage::download() {
    if (downloading_ || spec_.dataset.empty()) return;
    downloading_ = true;
    keepDownloading_ = std::make_shared<std::atomic<bool>>(true);
    const auto keepGoing = keepDownloading_;
    const std::string name = spec_.dataset;
    jobs_.spawn(QStringLiteral("data download"), [this, name, keepGoing] {
        using Clock = std::chrono::steady_clock;
        auto lastPost = Clock::now() - std::chrono::seconds(1);
        QString message;
        try {
            fetchDataset(
                findDataset(name),
                [&](const FetchProgress& p) {
                    const auto now = Clock::now();
                    if (p.finished < p.files && now - lastPost < std::chrono::milliseconds(100))
                        return;
                    lastPost = now;
                    deliverLater(this, [this, p] {
                        if (downloading_)
                            panel_->setDownloadProgress(
                                QString::fromStdString(p.path),
                                static_cast<int>(std::min(p.finished + 1, p.files)),
                                static_cast<int>(p.files), p.received, p.total);
                    });
                },
                [keepGoing] { return keepGoing->load(); });
        } catch (...) {
            message = errorMessage(std::current_exception());
        }
        const bool cancelled = !keepGoing->load();
        return std::function<void()>([this, message, cancelled] {
            downloading_ = false;
            if (cancelled)
                panel_->showError(
                    tr("Download cancelled; the files already fetched are kept and "
                       "a partial file resumes next time."));
            else if (!message.isEmpty())
                panel_->showError(message);
            else
                prepare();
            Q_EMIT settled();
        });
    });
}

void DataPage::cancelDownload() {
    if (keepDownloading_) *keepDownloading_ = false;
}

}  // namespace secateur::studio
