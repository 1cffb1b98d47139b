#include "widgets/layer_table_model.h"

#include <QColor>
#include <QLocale>
#include <QObject>
#include <QStringList>
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
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

void LayerTableModel::setCostInfo(const std::vector<secateur::CostInfo>& infos) {
    beginResetModel();
    texts_ = CostTexts(infos);
    columns_.clear();
    for (const secateur::CostInfo& info : infos) columns_ << QString::fromStdString(info.name);
    if (!columns_.contains(shareCost_)) shareCost_ = columns_.value(0);
    rows_.clear();
    totals_.clear();
    endResetModel();
}

void LayerTableModel::setShareCost(const QString& cost) {
    shareCost_ = cost;
    recomputeShares();
    if (!rows_.empty())
        Q_EMIT dataChanged(index(0, shareColumn()), index(rowCount() - 1, shareColumn()));
    Q_EMIT headerDataChanged(Qt::Horizontal, shareColumn(), shareColumn());
}

QString LayerTableModel::shareCost() const {
    return shareCost_;
}

int LayerTableModel::costColumn(const QString& cost) const {
    const int i = static_cast<int>(columns_.indexOf(cost));
    return i < 0 ? -1 : FirstCost + i;
}

QString LayerTableModel::costAt(int column) const {
    const int i = column - FirstCost;
    return i >= 0 && i < columns_.size() ? columns_[i] : QString();
}

void LayerTableModel::recomputeShares() {
    const double total = totals_.value(shareCost_, 0.0);
    const std::string key = shareCost_.toStdString();
    for (Row& row : rows_)
        row.share = total > 0.0 ? secateur::costValue(row.costs, key) / total : 0.0;
}

void LayerTableModel::setLayers(const secateur::Decisions& decisions,
                                const std::vector<secateur::LayerCost>& costs) {
    std::map<std::string, const secateur::LayerCost*> costOf;
    QMap<QString, double> totals;
    QStringList columns = columns_;
    for (const secateur::LayerCost& cost : costs) {
        costOf.emplace(cost.node, &cost);
        for (const auto& [name, value] : cost.costs) {
            const QString key = QString::fromStdString(name);
            totals[key] += value;
            if (!columns.contains(key)) columns << key;  // not in the catalog: under its name
        }
    }
    std::vector<Row> rows;
    rows.reserve(decisions.layers.size());
    for (const secateur::LayerDecision& decision : decisions.layers) {
        Row row{decision, {}, 0.0};
        if (const auto it = costOf.find(decision.node); it != costOf.end())
            row.costs = it->second->costs;
        rows.push_back(std::move(row));
    }
    const bool sameLayers =
        columns == columns_ &&
        std::equal(rows.begin(), rows.end(), rows_.begin(), rows_.end(),
                   [](const Row& a, const Row& b) { return a.decision.node == b.decision.node; });
    if (!sameLayers) beginResetModel();
    rows_ = std::move(rows);
    totals_ = std::move(totals);
    columns_ = std::move(columns);
    if (!columns_.contains(shareCost_)) shareCost_ = columns_.value(0);
    recomputeShares();
    if (!sameLayers) {
        endResetModel();
        return;
    }
    if (!rows_.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                           {Qt::DisplayRole, Qt::UserRole, Qt::ToolTipRole, Qt::ForegroundRole});
    }
}

int LayerTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : shareColumn() + 1;
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
            if (!row.decision.searches("channels")) return QColor(128, 128, 136);
            return {};
        default:
            return {};
    }
}

namespace {

// Kept channels per bit-width of a quantised layer, widest first: {8: 27} or {8: 12, 4: 10}.
std::map<int, int, std::greater<>> bitCounts(const secateur::LayerDecision& d) {
    std::map<int, int, std::greater<>> counts;
    for (const int bits : d.weightBits)
        if (bits > 0) ++counts[bits];
    return counts;
}

// "8" when every kept channel has the same bits, "8×12 4×10" otherwise, "float" unquantised.
QString bitsText(const secateur::LayerDecision& d) {
    if (d.weightBits.empty()) return QObject::tr("float");
    const auto counts = bitCounts(d);
    if (counts.size() == 1) return QString::number(counts.begin()->first);
    QStringList parts;
    for (const auto& [bits, channels] : counts)
        parts << QStringLiteral("%1×%2").arg(bits).arg(channels);
    return parts.join(QLatin1Char(' '));
}

// Mean bits over the kept channels; 32 for a float layer.
double meanBits(const secateur::LayerDecision& d) {
    if (d.weightBits.empty()) return 32.0;
    double sum = 0.0;
    int kept = 0;
    for (const auto& [bits, channels] : bitCounts(d)) {
        sum += bits * channels;
        kept += channels;
    }
    return kept > 0 ? sum / kept : 0.0;
}

}  // namespace

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
        case Bits:
            return bitsText(d);
        default:
            break;
    }
    if (column == shareColumn())
        return QStringLiteral("%1 %").arg(locale.toString(row.share * 100.0, 'f', 1));
    const QString cost = costAt(column);
    if (cost.isEmpty()) return {};
    return costCellText(secateur::costValue(row.costs, cost.toStdString()), locale);
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
        case Bits:
            return meanBits(d);
        default:
            break;
    }
    if (column == shareColumn()) return row.share;
    const QString cost = costAt(column);
    if (cost.isEmpty()) return {};
    return secateur::costValue(row.costs, cost.toStdString());
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
            return d.searches("channels") ? kept : kept + tr(" Its channels are not searched.");
        }
        case Kernel:
            if (d.kernel.empty()) return tr("%1 has no kernel.").arg(name);
            return tr("Kernel %1 now, %2 in the seed%3.")
                .arg(shape(d.kernel), shape(d.seedKernel),
                     d.searches("kernels") ? QString() : tr(" (not searched)"));
        case Dilation:
            if (d.dilation.empty()) return tr("%1 has no dilation.").arg(name);
            return tr("Dilation %1 now, %2 in the seed%3.")
                .arg(shape(d.dilation), shape(d.seedDilation),
                     d.searches("dilations") ? QString() : tr(" (not searched)"));
        case Bits: {
            if (d.weightBits.empty()) return tr("%1 keeps float32 weights.").arg(name);
            QStringList parts;
            for (const auto& [bits, channels] : bitCounts(d))
                parts << tr("%1 channels at %2 bits").arg(channels).arg(bits);
            return tr("%1 stores its weights per output channel: %2.")
                .arg(name, parts.join(QStringLiteral(", ")));
        }
        default:
            break;
    }
    if (column == shareColumn())
        return tr("%1 has %2 % of the network's %3.")
            .arg(name)
            .arg(row.share * 100.0, 0, 'f', 1)
            .arg(texts_.label(shareCost_));
    const QString cost = costAt(column);
    if (cost.isEmpty()) return {};
    const QString unit = texts_.unit(cost);
    return tr("%1: %2%3 in %4 at the current decisions.")
        .arg(texts_.label(cost),
             costCellText(secateur::costValue(row.costs, cost.toStdString()), numberLocale()),
             unit.isEmpty() ? QString() : QStringLiteral(" ") + unit, name);
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    static const std::array<const char*, FirstCost> titles{"Layer",  "Kind",     "Channels",
                                                           "Kernel", "Dilation", "Bits"};
    static const std::array<const char*, FirstCost> explanations{
        "The layer's name in the network.",
        ("The kind of layer: a standard, depthwise, pointwise or grouped convolution, or a fully "
         "connected (linear) layer."),
        "Output channels kept / channels in the seed network.",
        "Kernel size (taps) now / in the seed; '-' for a layer without a kernel.",
        "Spacing between the kernel's taps now / in the seed; '-' when the layer has none.",
        ("Bits of the kept output channels' weights (precision dimension): one number when they "
         "all have the same, else bits×channels; 'float' for float32 weights.")};
    const QString cost = costAt(section);
    switch (role) {
        case Qt::DisplayRole:
            if (section < FirstCost) return tr(titles[static_cast<size_t>(section)]);
            if (section == shareColumn()) return tr("%1 share").arg(texts_.label(shareCost_));
            return texts_.label(cost);
        case Qt::ToolTipRole:
            if (section < FirstCost) return tr(explanations[static_cast<size_t>(section)]);
            if (section == shareColumn())
                return tr("The layer's part of the network's %1.").arg(texts_.label(shareCost_));
            return texts_.description(cost).isEmpty()
                       ? tr("%1 of the layer at the current decisions.").arg(texts_.label(cost))
                       : texts_.description(cost) + tr(" At the current decisions.");
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
