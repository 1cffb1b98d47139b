#include "widgets/cost_texts.h"

#include <algorithm>
#include <array>

namespace secateur::widgets {

void CostTexts::merge(const std::vector<secateur::CostInfo>& infos) {
    for (const secateur::CostInfo& info : infos)
        if (!find(QString::fromStdString(info.name))) infos_.push_back(info);
}

const secateur::CostInfo* CostTexts::find(const QString& name) const {
    const std::string key = name.toStdString();
    const auto it = std::find_if(infos_.begin(), infos_.end(),
                                 [&](const secateur::CostInfo& info) { return info.name == key; });
    return it == infos_.end() ? nullptr : &*it;
}

QString CostTexts::label(const QString& name) const {
    const secateur::CostInfo* info = find(name);
    return info ? QString::fromStdString(info->label) : name;
}

QString CostTexts::unit(const QString& name) const {
    const secateur::CostInfo* info = find(name);
    return info ? QString::fromStdString(info->unit) : QString();
}

QString CostTexts::description(const QString& name) const {
    const secateur::CostInfo* info = find(name);
    return info ? QString::fromStdString(info->description) : QString();
}

int CostTexts::rank(const QString& name) const {
    const secateur::CostInfo* info = find(name);
    return info ? static_cast<int>(info - infos_.data()) : static_cast<int>(infos_.size());
}

QStringList CostTexts::ordered(QStringList names) const {
    std::sort(names.begin(), names.end(), [this](const QString& a, const QString& b) {
        const int ra = rank(a), rb = rank(b);
        return ra != rb ? ra < rb : a < b;
    });
    return names;
}

QColor CostTexts::color(const QString& name) const {
    static constexpr std::array<QRgb, 8> colors{
        0x8e24aa,  // purple
        0xfb8c00,  // orange
        0x00897b,  // teal
        0x6d4c41,  // brown
        0xd81b60,  // pink
        0x3949ab,  // indigo
        0x7cb342,  // light green
        0x546e7a,  // blue grey
    };
    return QColor(colors[static_cast<size_t>(rank(name)) % colors.size()]);
}

}  // namespace secateur::widgets
