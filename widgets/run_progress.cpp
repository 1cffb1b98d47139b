#include "widgets/run_progress.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <cmath>
#include <optional>

#include "widgets/palette.h"

namespace secateur::widgets {
namespace {

// Fewer steps than this give a remaining-time estimate too noisy to show.
constexpr int64_t kStepsBeforeEstimate = 5;

QString clockText(double seconds) {
    const auto total = static_cast<qint64>(std::llround(std::max(0.0, seconds)));
    const qint64 hours = total / 3600, minutes = total / 60 % 60, secs = total % 60;
    QString mmss = QStringLiteral("%1:%2").arg(minutes).arg(secs, 2, 10, QLatin1Char('0'));
    if (hours == 0) return mmss;
    return QStringLiteral("%1:%2:%3")
        .arg(hours)
        .arg(minutes, 2, 10, QLatin1Char('0'))
        .arg(secs, 2, 10, QLatin1Char('0'));
}

QColor stateColor(RunState state) {
    switch (state) {
        case RunState::Running:
            return phaseColor(TrainingPhase::Search);
        case RunState::Finished:
            return phaseColor(TrainingPhase::FineTune);
        case RunState::Paused:
            return {240, 160, 0};
        case RunState::Stopping:
            return {230, 110, 0};
        case RunState::Failed:
            return {198, 40, 40};
        case RunState::Ready:
        case RunState::Stopped:
        case RunState::StoppedWhileSeedTrained:
            break;
    }
    return {117, 117, 117};
}

QString barStyle(const QColor& color) {
    return QStringLiteral(
               "QProgressBar { border: 1px solid #c8c8cc; border-radius: 4px; background: #f3f3f5;"
               " text-align: center; color: #202020; min-height: 18px; }"
               "QProgressBar::chunk { background: %1; border-radius: 3px; }")
        .arg(color.lighter(135).name());
}

QString epochsText(int epochs) {
    return epochs == 1 ? RunProgress::tr("1 epoch") : RunProgress::tr("%1 epochs").arg(epochs);
}

}  // namespace

QString runStateText(RunState state) {
    switch (state) {
        case RunState::Ready:
            return RunProgress::tr("Ready");
        case RunState::Running:
            return RunProgress::tr("Running");
        case RunState::Paused:
            return RunProgress::tr("Paused");
        case RunState::Stopping:
            return RunProgress::tr("Stopping…");
        case RunState::Finished:
            return RunProgress::tr("Finished");
        case RunState::Stopped:
            return RunProgress::tr("Stopped");
        case RunState::StoppedWhileSeedTrained:
            return RunProgress::tr("Stopped while the seed trained; Start continues its training");
        case RunState::Failed:
            break;
    }
    return RunProgress::tr("Failed");
}

RunProgress::RunProgress(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(8);

    auto* header = new QHBoxLayout;
    auto* title = new QLabel(tr("Run progress"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    stateLabel_ = new QLabel(this);
    stateLabel_->setAlignment(Qt::AlignCenter);
    header->addWidget(title);
    header->addStretch(1);
    header->addWidget(stateLabel_);
    layout->addLayout(header);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(6);
    grid->setColumnStretch(1, 1);
    for (size_t i = 0; i < rows_.size(); ++i) {
        PhaseRow& row = rows_[i];
        auto* label = new QLabel(phaseLabel(row.phase), this);
        row.bar = new QProgressBar(this);
        row.bar->setStyleSheet(barStyle(phaseColor(row.phase)));
        label->setBuddy(row.bar);
        grid->addWidget(label, static_cast<int>(i), 0);
        grid->addWidget(row.bar, static_cast<int>(i), 1);
    }
    layout->addLayout(grid);

    overallLabel_ = new QLabel(this);
    overallLabel_->setStyleSheet(QStringLiteral("color: #4a4a50;"));
    layout->addWidget(overallLabel_);
    layout->addStretch(1);

    setToolTip(tr("How far the search has got, phase by phase"));
    setWhatsThis(
        tr("A search runs in three phases. Warm-up trains the seed network as it is; search "
           "trains the weights together with the choices of what to keep, trading the task loss "
           "against the cost; fine-tune trains the chosen, now fixed, smaller network. Each bar "
           "counts the training steps (batches) of its phase, and the line below estimates the "
           "time left from the speed so far."));
    reset(0, 0, 0);
}

void RunProgress::reset(int warmupEpochs, int searchEpochs, int finetuneEpochs) {
    const std::array<int, 3> epochs{warmupEpochs, searchEpochs, finetuneEpochs};
    for (size_t i = 0; i < rows_.size(); ++i) {
        rows_[i].epochs = std::max(0, epochs[i]);
        updateBar(rows_[i], 1, 0, false);
    }
    overallLabel_->setText(tr("Not started"));
    setState(RunState::Ready);
}

void RunProgress::setSnapshot(const secateur::Snapshot& s, double elapsedSeconds) {
    const int64_t stepsPerEpoch = std::max<int64_t>(1, s.stepsPerEpoch);
    const std::optional<TrainingPhase> phase = trainingPhaseOf(s.phase);
    const bool finished = phase == TrainingPhase::Done;
    const auto current = std::find_if(rows_.begin(), rows_.end(),
                                      [&phase](const PhaseRow& r) { return phase == r.phase; });
    // Without a reset the snapshot still tells the current phase's epochs.
    if (current != rows_.end() && current->epochs == 0) current->epochs = s.epochsInPhase;

    int64_t offset = 0;
    for (auto it = rows_.begin(); it != rows_.end(); ++it) {
        const int64_t size = stepsPerEpoch * it->epochs;
        int64_t done = s.step - offset;
        if (finished || (current != rows_.end() && it < current)) done = size;
        if (current != rows_.end() && it > current) done = 0;
        updateBar(*it, stepsPerEpoch, done, it == current);
        offset += size;
    }

    const int64_t total = s.totalSteps > 0 ? s.totalSteps : offset;
    QString text =
        tr("Step %1 / %2 · elapsed %3").arg(s.step).arg(total).arg(clockText(elapsedSeconds));
    if (!finished && s.step >= kStepsBeforeEstimate && s.step < total) {
        const double remaining =
            elapsedSeconds * static_cast<double>(total - s.step) / static_cast<double>(s.step);
        text += tr(" · about %1 left").arg(clockText(remaining));
    }
    overallLabel_->setText(text);
}

void RunProgress::updateBar(PhaseRow& row, int64_t stepsPerEpoch, int64_t done, bool current) {
    QProgressBar* bar = row.bar;
    if (row.epochs <= 0) {
        bar->setRange(0, 1);
        bar->setValue(0);
        bar->setFormat(tr("Not used (0 epochs)"));
        return;
    }
    const auto size = static_cast<int>(std::min<int64_t>(stepsPerEpoch * row.epochs, INT_MAX));
    const auto value = static_cast<int>(std::clamp<int64_t>(done, 0, size));
    bar->setRange(0, size);
    bar->setValue(value);
    if (value >= size) {
        bar->setFormat(tr("Done · %1").arg(epochsText(row.epochs)));
    } else if (current) {
        const auto epoch = std::min<int64_t>(value / stepsPerEpoch + 1, row.epochs);
        bar->setFormat(tr("Epoch %1 of %2 · %p%").arg(epoch).arg(row.epochs));
    } else {
        bar->setFormat(value == 0 ? tr("%1 · waiting").arg(epochsText(row.epochs)) : tr("%p%"));
    }
}

void RunProgress::setState(RunState state) {
    if (state_ == state && !stateLabel_->text().isEmpty()) return;
    state_ = state;
    stateLabel_->setText(runStateText(state));
    stateLabel_->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: white; border-radius: 9px;"
                       " padding: 2px 10px; font-weight: 600; }")
            .arg(stateColor(state).name()));
}

QString RunProgress::stateText() const {
    return stateLabel_->text();
}

int RunProgress::phaseValue(TrainingPhase phase) const {
    for (const PhaseRow& row : rows_)
        if (phase == row.phase) return row.epochs > 0 ? row.bar->value() : 0;
    return -1;
}

QString RunProgress::overallText() const {
    return overallLabel_->text();
}

}  // namespace secateur::widgets
