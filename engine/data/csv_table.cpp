#include "engine/data/csv_table.h"

#include <algorithm>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>

#include "engine/util/error.h"

namespace secateur {

namespace {

struct Record {
    std::vector<std::string> fields;
    int64_t line = 0;
};

std::string readWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open CSV file: " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw Error(path + ": cannot read CSV file: " + std::strerror(errno));
    return text.str();
}

// Splits the text into records; blank lines are left out.
std::vector<Record> parseRecords(const std::string& path, const std::string& text, char sep) {
    std::vector<Record> records;
    const size_t n = text.size();
    size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    int64_t line = 1;
    while (i < n) {
        Record record;
        record.line = line;
        bool quotedAny = false;
        for (;;) {
            std::string field;
            if (i < n && text[i] == '"') {
                quotedAny = true;
                const int64_t quoteLine = line;
                ++i;
                for (;;) {
                    if (i >= n) {
                        throw Error(path + ": line " + std::to_string(quoteLine) +
                                    ": a quoted field is never closed (a missing '\"')");
                    }
                    if (text[i] == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (text[i] == '\n') ++line;
                    field += text[i++];
                }
                if (i < n && text[i] == '\r' && (i + 1 == n || text[i + 1] == '\n')) ++i;
                if (i < n && text[i] != sep && text[i] != '\n') {
                    throw Error(path + ": line " + std::to_string(line) + ", field " +
                                std::to_string(record.fields.size() + 1) +
                                ": text after the closing quote (write a quote inside a "
                                "quoted field as \"\")");
                }
            } else {
                const size_t start = i;
                while (i < n && text[i] != sep && text[i] != '\n') ++i;
                size_t end = i;
                if (end > start && text[end - 1] == '\r' && (i == n || text[i] == '\n')) --end;
                field.assign(text, start, end - start);
            }
            record.fields.push_back(std::move(field));
            if (i < n && text[i] == sep) {
                ++i;
                continue;
            }
            break;
        }
        const bool blank = !quotedAny && record.fields.size() == 1 && record.fields[0].empty();
        if (i < n) {
            ++i;  // the '\n'
            ++line;
        }
        if (!blank) records.push_back(std::move(record));
    }
    return records;
}

bool parseNumber(std::string_view text, double& value) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
    if (text.empty()) return false;
    // from_chars ignores the locale, unlike strtod under a Qt application.
    const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
    return status == std::errc() && end == text.data() + text.size();
}

std::string quoted(const std::string& text) {
    return "\"" + text + "\"";
}

std::string fieldCount(size_t count) {
    return std::to_string(count) + (count == 1 ? " field" : " fields");
}

}  // namespace

int CsvTable::column(const std::string& name) const {
    for (size_t c = 0; c < header.size(); ++c) {
        if (header[c] == name) return static_cast<int>(c);
    }
    std::string names;
    for (const std::string& h : header) names += (names.empty() ? "" : ", ") + quoted(h);
    throw Error(path + ": no column " + quoted(name) + "; the header's columns are " + names);
}

double CsvTable::number(size_t row, int column) const {
    if (row >= rows.size()) {
        throw Error(path + ": row " + std::to_string(row) + " asked for, but the table has " +
                    std::to_string(rows.size()) + " rows");
    }
    if (column < 0 || static_cast<size_t>(column) >= rows[row].size()) {
        throw Error(path + ": column index " + std::to_string(column) + " asked for, but the " +
                    "table has " + std::to_string(header.size()) + " columns");
    }
    const std::string& text = rows[row][static_cast<size_t>(column)];
    double value = 0.0;
    if (!parseNumber(text, value)) {
        const std::string line = row < lines.size() ? std::to_string(lines[row]) : "?";
        throw Error(path + ": line " + line + ", column " +
                    quoted(static_cast<size_t>(column) < header.size()
                               ? header[static_cast<size_t>(column)]
                               : "?") +
                    ": " + quoted(text) + " is not a number");
    }
    return value;
}

CsvTable readCsv(const std::string& path, char separator) {
    std::vector<Record> records = parseRecords(path, readWholeFile(path), separator);
    if (records.empty()) throw Error(path + ": the CSV file is empty (no header line)");

    CsvTable table;
    table.path = path;
    table.header = std::move(records.front().fields);
    const size_t width = table.header.size();
    bool leadingExtra = records.size() > 1;
    for (size_t r = 1; r < records.size() && leadingExtra; ++r) {
        leadingExtra = records[r].fields.size() == width + 1;
    }
    table.rows.reserve(records.size() - 1);
    table.lines.reserve(records.size() - 1);
    for (size_t r = 1; r < records.size(); ++r) {
        std::vector<std::string>& fields = records[r].fields;
        if (leadingExtra) {
            fields.erase(fields.begin());
        } else if (fields.size() != width) {
            throw Error(path + ": line " + std::to_string(records[r].line) + " has " +
                        fieldCount(fields.size()) + " but the header (line " +
                        std::to_string(records.front().line) + ") names " + std::to_string(width) +
                        " columns; fix that row (a separator inside " + "a field needs quotes)");
        }
        table.rows.push_back(std::move(fields));
        table.lines.push_back(records[r].line);
    }
    return table;
}

namespace {

// The separator of a file of numbers, read from its first line: a tab or a semicolon when it
// holds one (neither ever stands inside a number), else a comma.
char numericSeparator(const std::string& text) {
    const std::string_view first(text.data(), std::min(text.find('\n'), text.size()));
    if (first.find('\t') != std::string_view::npos) return '\t';
    if (first.find(';') != std::string_view::npos) return ';';
    return ',';
}

// A number, with a decimal comma ("1,5") where the separator is not a comma.
bool parseField(const std::string& field, char separator, double& value) {
    if (parseNumber(field, value)) return true;
    if (separator == ',' || field.find(',') == std::string::npos ||
        field.find('.') != std::string::npos)
        return false;
    std::string dotted = field;
    std::replace(dotted.begin(), dotted.end(), ',', '.');
    return parseNumber(dotted, value);
}

}  // namespace

std::vector<float> readNumericCsv(const std::string& path, int64_t& rows, int64_t& columns) {
    const std::string text = readWholeFile(path);
    const char separator = numericSeparator(text);
    const std::vector<Record> records = parseRecords(path, text, separator);
    if (records.empty()) throw Error(path + ": the CSV file is empty (no numbers)");

    double value = 0.0;
    const bool headed = !parseField(records.front().fields.front(), separator, value);
    const size_t first = headed ? 1 : 0;
    if (first >= records.size()) {
        throw Error(path + ": only a header line, no rows of numbers");
    }
    const size_t width = records.front().fields.size();
    std::vector<float> values;
    values.reserve((records.size() - first) * width);
    for (size_t r = 0; r < records.size(); ++r) {
        const Record& record = records[r];
        if (record.fields.size() != width) {
            throw Error(path + ": line " + std::to_string(record.line) + " has " +
                        fieldCount(record.fields.size()) + " but line " +
                        std::to_string(records.front().line) + " has " + std::to_string(width) +
                        "; every row needs the same number of columns");
        }
        if (r < first) continue;
        for (size_t c = 0; c < width; ++c) {
            if (!parseField(record.fields[c], separator, value)) {
                throw Error(path + ": line " + std::to_string(record.line) + ", field " +
                            std::to_string(c + 1) + ": " + quoted(record.fields[c]) +
                            " is not a number (only the first line may be a header)");
            }
            values.push_back(static_cast<float>(value));
        }
    }
    rows = static_cast<int64_t>(records.size() - first);
    columns = static_cast<int64_t>(width);
    return values;
}

}  // namespace secateur
