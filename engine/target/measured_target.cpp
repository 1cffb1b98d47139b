// A target fitted to the user's own measured layer latencies: per group of layer kinds, the
// non-negative least-squares fit (relative error) of the latency formula
//   ms = perMac x MACs + perElement x elements + perLayer
// to the rows of that group. Kinds without rows keep the base target's rates, scaled by the median
// ratio of measured to base-estimated latency over all rows. docs/targets.md#measured-targets.
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <optional>
#include <sstream>

#include "engine/data/csv_table.h"
#include "engine/target/target_rates.h"
#include "engine/util/error.h"
#include "engine/util/suggest.h"

namespace secateur {
namespace {

struct Measured {
    LayerKind kind = LayerKind::Other;
    std::array<double, 3> features{};  // MACs, elements, 1
    double ms = 0.0;
};

// Kinds a pruned layer can turn into one another (a standard conv whose taps shrink to one is
// pointwise) share one fit, so the search's estimate and the export's measure agree.
int fitGroup(LayerKind kind) {
    switch (kind) {
        case LayerKind::StandardConv:
        case LayerKind::PointwiseConv:
        case LayerKind::GroupedConv:
        case LayerKind::TransposedConv:
        case LayerKind::Opaque:
            return 0;
        default:
            return static_cast<int>(kind) + 1;
    }
}

LayerKind parseKind(const std::string& text, const std::string& where) {
    static const std::vector<std::pair<std::string, LayerKind>> shortNames{
        {"standard", LayerKind::StandardConv},
        {"conv", LayerKind::StandardConv},
        {"depthwise", LayerKind::DepthwiseConv},
        {"pointwise", LayerKind::PointwiseConv},
        {"pool", LayerKind::Pooling},
        {"add", LayerKind::Elementwise}};
    if (const auto kind = layerKindFromName(text)) return *kind;
    for (const auto& [name, kind] : shortNames)
        if (text == name) return kind;
    std::vector<std::string> known, candidates;
    for (const LayerKind k : allLayerKinds()) known.emplace_back(layerKindName(k));
    candidates = known;
    for (const auto& entry : shortNames) candidates.push_back(entry.first);
    throw Error(where + ": unknown layer kind '" + text + "'" + didYouMean(text, candidates) +
                "; known: " + joinNames(known));
}

std::vector<Measured> readMeasurements(const std::string& path) {
    if (!std::filesystem::exists(path))
        throw Error("measured target '" + path +
                    "': no such file; give a CSV with the columns kind, macs, elements, "
                    "latency_ms");
    const CsvTable table = readCsv(path);
    const int kind = table.column("kind"), macs = table.column("macs"),
              elements = table.column("elements"), ms = table.column("latency_ms");
    std::vector<Measured> rows;
    for (size_t r = 0; r < table.rows.size(); ++r) {
        const std::string where = path + " line " + std::to_string(table.lines[r]);
        Measured m{parseKind(table.rows[r][static_cast<size_t>(kind)], where),
                   {table.number(r, macs), table.number(r, elements), 1.0},
                   table.number(r, ms)};
        if (m.features[0] < 0 || m.features[1] < 0)
            throw Error(where + ": macs and elements must not be negative");
        if (!(m.ms > 0)) throw Error(where + ": latency_ms must be positive");
        rows.push_back(m);
    }
    if (rows.empty()) throw Error(path + ": no measured layers; add one row per layer");
    return rows;
}

// Solves the weighted least squares on the columns in `use`; nullopt when singular or when a
// coefficient comes out negative.
std::optional<std::array<double, 3>> fitSubset(const std::vector<const Measured*>& rows,
                                               const std::vector<int>& use) {
    const size_t n = use.size();
    if (rows.size() < n) return std::nullopt;
    std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0.0));
    for (const Measured* m : rows) {
        const double w = 1.0 / (m->ms * m->ms);  // relative error: every layer counts alike
        for (size_t i = 0; i < n; ++i) {
            for (size_t j = 0; j < n; ++j)
                a[i][j] += w * m->features[static_cast<size_t>(use[i])] *
                           m->features[static_cast<size_t>(use[j])];
            a[i][n] += w * m->features[static_cast<size_t>(use[i])] * m->ms;
        }
    }
    for (size_t c = 0; c < n; ++c) {  // Gauss-Jordan with partial pivoting
        size_t pivot = c;
        for (size_t r = c + 1; r < n; ++r)
            if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
        if (std::abs(a[pivot][c]) < 1e-300) return std::nullopt;
        std::swap(a[c], a[pivot]);
        for (size_t r = 0; r < n; ++r) {
            if (r == c) continue;
            const double f = a[r][c] / a[c][c];
            for (size_t k = c; k <= n; ++k) a[r][k] -= f * a[c][k];
        }
    }
    std::array<double, 3> coef{};
    for (size_t i = 0; i < n; ++i) {
        const double v = a[i][n] / a[i][i];
        if (!std::isfinite(v) || v < 0.0) return std::nullopt;
        coef[static_cast<size_t>(use[i])] = v;
    }
    return coef;
}

double relativeError(const Measured& m, const std::array<double, 3>& coef) {
    double estimate = 0.0;
    for (size_t i = 0; i < 3; ++i) estimate += coef[i] * m.features[i];
    return estimate / m.ms - 1.0;
}

// The best non-negative fit over every subset of the three columns (at most three unknowns, so
// trying each subset is the exact non-negative least squares).
std::array<double, 3> fitRows(const std::vector<const Measured*>& rows) {
    std::optional<std::array<double, 3>> best;
    double bestError = 0.0;
    for (int mask = 1; mask < 8; ++mask) {
        std::vector<int> use;
        for (int i = 0; i < 3; ++i)
            if (mask & (1 << i)) use.push_back(i);
        const auto coef = fitSubset(rows, use);
        if (!coef) continue;
        double error = 0.0;
        for (const Measured* m : rows) error += std::pow(relativeError(*m, *coef), 2);
        if (!best || error < bestError * (1.0 - 1e-12)) {
            best = coef;
            bestError = error;
        }
    }
    return best ? *best : std::array<double, 3>{};
}

double baseMs(const Target& base, const Measured& m) {
    const KernelRate& r = base.rate(m.kind);
    return (r.cyclesPerMac * m.features[0] + r.cyclesPerElement * m.features[1] +
            r.cyclesPerLayer) /
           (base.clockMhz * 1000.0);
}

}  // namespace

bool isMeasuredTargetName(const std::string& name) {
    return name.size() > 4 && name.compare(name.size() - 4, 4, ".csv") == 0;
}

std::pair<std::string, std::string> measuredTargetParts(const std::string& name) {
    const size_t colon = name.find(':');
    if (colon == std::string::npos || colon == 0 || name.find('/') < colon) return {"", name};
    return {name.substr(0, colon), name.substr(colon + 1)};
}

Target measuredTarget(const std::string& name) {
    const auto [baseName, path] = measuredTargetParts(name);
    const Target base = target(baseName.empty() ? std::string(kDefaultTarget) : baseName);
    const std::vector<Measured> rows = readMeasurements(path);

    std::vector<double> ratios;
    for (const Measured& m : rows)
        if (baseMs(base, m) > 0) ratios.push_back(m.ms / baseMs(base, m));
    std::sort(ratios.begin(), ratios.end());
    const double scale = ratios.empty() ? 1.0 : ratios[ratios.size() / 2];

    Target t = base;
    t.name = name;
    t.label = "Measured: " + std::filesystem::path(path).filename().string() + " (" + base.name +
              " storage and power)";
    t.description = "layer latencies fitted to " + std::to_string(rows.size()) +
                    " measured layers; storage widths, power and boards of " + base.name;
    t.boards.clear();
    const double cyclesPerMs = base.clockMhz * 1000.0;
    for (const LayerKind kind : allLayerKinds()) {
        std::vector<const Measured*> group;
        for (const Measured& m : rows)
            if (fitGroup(m.kind) == fitGroup(kind)) group.push_back(&m);
        const KernelRate& b = base.rate(kind);
        if (group.empty()) {
            setRate(t, kind,
                    {b.cyclesPerMac * scale, b.cyclesPerElement * scale, b.cyclesPerLayer * scale});
            continue;
        }
        const std::array<double, 3> c = fitRows(group);
        setRate(t, kind, {c[0] * cyclesPerMs, c[1] * cyclesPerMs, c[2] * cyclesPerMs});
    }
    double squares = 0.0;
    for (const Measured& m : rows) {
        const KernelRate& r = t.rate(m.kind);
        const std::array<double, 3> c{r.cyclesPerMac / cyclesPerMs,
                                      r.cyclesPerElement / cyclesPerMs,
                                      r.cyclesPerLayer / cyclesPerMs};
        squares += std::pow(relativeError(m, c), 2);
    }
    std::ostringstream error;
    error.precision(2);
    error << std::fixed << "fit to " << rows.size() << " measured layers: RMS error "
          << 100.0 * std::sqrt(squares / static_cast<double>(rows.size()))
          << " %; unmeasured kinds scaled from " << base.name << " by " << scale;
    t.latencyError = error.str();
    return t;
}

}  // namespace secateur
