#include "widgets/layer_table_model.h"

#include <QColor>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <map>

#include "widgets/layer_decision_format.h"

namespace secateur::widgets {
namespace {

// The system locale, always with thousands separators (the C locale leaves them out).
QLocale numberLocale() {
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale;
}

// {5} -> "5", {5, 5} -> "5x5".
QString shape(const std::vector<int64_t>& sizes) {
    return joinSizes(sizes, QLatin1Char('x'));
}

// "5 / 9": current against the seed, or "-" for a layer without one.
QString againstSeed(const std::vector<int64_t>& current, const std::vector<int64_t>& seed) {
    if (current.empty()) return QStringLiteral("-");
    return seed.empty() ? shape(current)
                        : QStringLiteral("%1 / %2").arg(shape(current), shape(seed));
}

bool isNumeric(int column) {
    return column >= LayerTableModel::Channels;
}

}  // namespace

LayerTableModel::LayerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void LayerTableModel::setLayers(const secateur::Decisions& decisions,
                                const std::vector<secateur::LayerCost>& costs) {
    std::map<std::string, const secateur::LayerCost*> costOf;
    int64_t params = 0, macs = 0;
    for (const secateur::LayerCost& cost : costs) {
        costOf.emplace(cost.node, &cost);
        params += std::llround(secateur::costValue(cost.costs, "params"));
        macs += std::llround(secateur::costValue(cost.costs, "macs"));
    }
    std::vector<Row> rows;
    rows.reserve(decisions.layers.size());
    for (const secateur::LayerDecision& decision : decisions.layers) {
        Row row{decision, 0, 0, 0.0};
        if (const auto it = costOf.find(decision.node); it != costOf.end()) {
            row.params = std::llround(secateur::costValue(it->second->costs, "params"));
            row.macs = std::llround(secateur::costValue(it->second->costs, "macs"));
        }
        row.macsShare = macs > 0 ? static_cast<double>(row.macs) / static_cast<double>(macs) : 0.0;
        rows.push_back(std::move(row));
    }
    const bool sameLayers =
        std::equal(rows.begin(), rows.end(), rows_.begin(), rows_.end(),
                   [](const Row& a, const Row& b) { return a.decision.node == b.decision.node; });
    totalParams_ = params;
    totalMacs_ = macs;
    if (!sameLayers) {
        beginResetModel();
        rows_ = std::move(rows);
        endResetModel();
        return;
    }
    rows_ = std::move(rows);
    if (!rows_.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::UserRole, Qt::ToolTipRole, Qt::ForegroundRole});
    }
}

int LayerTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& row = rows_[static_cast<size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            return display(row, index.column());
        case Qt::UserRole:
            return sortValue(row, index.column());
        case Qt::ToolTipRole:
            return toolTip(row, index.column());
        case Qt::TextAlignmentRole:
            return QVariant::fromValue(
                Qt::AlignVCenter | (isNumeric(index.column()) ? Qt::AlignRight : Qt::AlignLeft));
        case Qt::ForegroundRole:
            if (!row.decision.searchesChannels) return QColor(128, 128, 136);
            return {};
        default:
            return {};
    }
}

QVariant LayerTableModel::display(const Row& row, int column) const {
    const QLocale locale = numberLocale();
    const secateur::LayerDecision& d = row.decision;
    switch (column) {
        case Layer:
            return QString::fromStdString(d.node);
        case Kind:
            return kindLabel(d.kind);
        case Channels:
            return QStringLiteral("%1 / %2").arg(locale.toString(qlonglong{d.keptChannels}),
                                                 locale.toString(qlonglong{d.totalChannels}));
        case Kernel:
            return againstSeed(d.kernel, d.seedKernel);
        case Dilation:
            return againstSeed(d.dilation, d.seedDilation);
        case Params:
            return locale.toString(qlonglong{row.params});
        case Macs:
            return locale.toString(qlonglong{row.macs});
        case MacsShare:
            return QStringLiteral("%1 %").arg(locale.toString(row.macsShare * 100.0, 'f', 1));
        default:
            return {};
    }
}

QVariant LayerTableModel::sortValue(const Row& row, int column) const {
    const secateur::LayerDecision& d = row.decision;
    switch (column) {
        case Layer:
            return QString::fromStdString(d.node);
        case Kind:
            return static_cast<int>(d.kind);
        case Channels:
            return qlonglong{d.keptChannels};
        case Kernel:
            return qlonglong{d.kernel.empty() ? 0 : sizeProduct(d.kernel)};
        case Dilation:
            return qlonglong{d.dilation.empty() ? 0 : sizeProduct(d.dilation)};
        case Params:
            return qlonglong{row.params};
        case Macs:
            return qlonglong{row.macs};
        case MacsShare:
            return row.macsShare;
        default:
            return {};
    }
}

QString LayerTableModel::toolTip(const Row& row, int column) const {
    const secateur::LayerDecision& d = row.decision;
    const QString name = QString::fromStdString(d.node);
    switch (column) {
        case Layer:
        case Kind:
            return tr("%1 (%2)").arg(name, kindLabel(d.kind));
        case Channels: {
            const double share = d.totalChannels > 0 ? 100.0 * static_cast<double>(d.keptChannels) /
                                                           static_cast<double>(d.totalChannels)
                                                     : 0.0;
            const QString kept = tr("%1 keeps %2 of its %3 output channels (%4 %).")
                                     .arg(name)
                                     .arg(d.keptChannels)
                                     .arg(d.totalChannels)
                                     .arg(share, 0, 'f', 0);
            return d.searchesChannels ? kept : kept + tr(" Its channels are not searched.");
        }
        case Kernel:
            if (d.kernel.empty()) return tr("%1 has no kernel.").arg(name);
            return tr("Kernel %1 now, %2 in the seed%3.")
                .arg(shape(d.kernel), shape(d.seedKernel),
                     d.searchesKernel ? QString() : tr(" (not searched)"));
        case Dilation:
            if (d.dilation.empty()) return tr("%1 has no dilation.").arg(name);
            return tr("Dilation %1 now, %2 in the seed%3.")
                .arg(shape(d.dilation), shape(d.seedDilation),
                     d.searchesDilation ? QString() : tr(" (not searched)"));
        case Params:
            return tr("%1 trainable parameters in %2 at the current decisions.")
                .arg(numberLocale().toString(qlonglong{row.params}), name);
        case Macs:
            return tr("%1 multiply-accumulates per sample in %2 at the current decisions.")
                .arg(numberLocale().toString(qlonglong{row.macs}), name);
        case MacsShare:
            return tr("%1 does %2 % of the network's multiply-accumulates.")
                .arg(name)
                .arg(row.macsShare * 100.0, 0, 'f', 1);
        default:
            return {};
    }
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    static const char* const titles[] = {"Layer",    "Kind",   "Channels", "Kernel",
                                         "Dilation", "Params", "MACs",     "MACs share"};
    static const char* const explanations[] = {
        "The layer's name in the network.",
        "The kind of layer: a standard, depthwise, pointwise or grouped convolution, or a fully "
        "connected (linear) layer.",
        "Output channels kept / channels in the seed network.",
        "Kernel size (taps) now / in the seed; '-' for a layer without a kernel.",
        "Spacing between the kernel's taps now / in the seed; '-' when the layer has none.",
        "Trainable parameters (weights and biases) of the layer at the current decisions.",
        "Multiply-accumulate operations per sample at the current decisions.",
        "The layer's part of all multiply-accumulates in the network."};
    switch (role) {
        case Qt::DisplayRole:
            return tr(titles[section]);
        case Qt::ToolTipRole:
            return tr(explanations[section]);
        case Qt::TextAlignmentRole:
            return QVariant::fromValue(Qt::AlignVCenter |
                                       (isNumeric(section) ? Qt::AlignRight : Qt::AlignLeft));
        default:
            return {};
    }
}

QString LayerTableModel::nodeAt(int row) const {
    if (row < 0 || row >= rowCount()) return {};
    return QString::fromStdString(rows_[static_cast<size_t>(row)].decision.node);
}

int LayerTableModel::rowOf(const QString& node) const {
    const std::string name = node.toStdString();
    const auto it = std::find_if(rows_.begin(), rows_.end(),
                                 [&](const Row& row) { return row.decision.node == name; });
    return it == rows_.end() ? -1 : static_cast<int>(it - rows_.begin());
}

}  // namespace secateur::widgets
