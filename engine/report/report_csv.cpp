// points.csv: the report's points as a table for spreadsheets, one row per point (the seed first),
// one column per cost and metric.
#include <cmath>
#include <set>
#include <sstream>

#include "engine/cost/cost.h"
#include "engine/report/report.h"

namespace secateur {
namespace {

std::string field(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string number(double value) {
    if (!std::isfinite(value)) return "";
    std::ostringstream out;
    out.precision(10);
    out << value;
    return out.str();
}

}  // namespace

std::string reportCsv(const ReportInput& input) {
    std::vector<const PointRecord*> rows{&input.seed};
    for (const PointRecord& p : input.points) rows.push_back(&p);
    std::vector<std::string> costs, validation, test;
    std::set<std::string> seenValidation, seenTest;
    for (const CostInfo& cost : costCatalog())
        for (const PointRecord* p : rows)
            if (p->costs.count(cost.name)) {
                costs.push_back(cost.name);
                break;
            }
    for (const PointRecord* p : rows) {
        for (const auto& entry : p->validation)
            if (seenValidation.insert(entry.first).second) validation.push_back(entry.first);
        for (const auto& entry : p->test)
            if (seenTest.insert(entry.first).second) test.push_back(entry.first);
    }
    std::string csv = "name,kind,setting";
    for (const std::string& c : costs) csv += "," + c;
    for (const std::string& m : validation) csv += ",validation_" + m;
    for (const std::string& m : test) csv += ",test_" + m;
    csv += ",limits_met,wall_seconds\n";
    for (const PointRecord* p : rows) {
        csv += field(p->name) + "," + pointKindName(p->kind) + "," + number(p->setting);
        for (const std::string& c : costs) csv += "," + number(valueOf(p->costs, c));
        for (const std::string& m : validation) csv += "," + number(valueOf(p->validation, m));
        for (const std::string& m : test) csv += "," + number(valueOf(p->test, m));
        csv += std::string(",") + (p->limitsMet ? "true" : "false") + "," + number(p->wallSeconds) +
               "\n";
    }
    return csv;
}

}  // namespace secateur
