// A small CSV reader: quoted fields, CRLF or LF, a header line, errors that name file and line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace secateur {

struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // each as long as the header
    std::string path;
    std::vector<int64_t> lines;  // 1-based line where each row starts, for messages

    // Index of the column named `name`; throws an Error listing the header's columns.
    int column(const std::string& name) const;
    // The field parsed as a number; throws an Error naming file, line, column and text.
    double number(size_t row, int column) const;
};

// Handles CRLF and LF, double-quoted fields (with "" escapes, separators and line breaks inside)
// and a UTF-8 byte-order mark; blank lines are skipped. When every data row has exactly one
// field more than the header (UCI Occupancy Detection: a quoted row number first), that leading
// field is dropped. Any other row whose length differs from the header's is an Error.
CsvTable readCsv(const std::string& path, char separator = ',');

// A file of numbers only, with or without a header line (there is one when the first field is not
// a number). Separated by commas, or by tabs or semicolons when the first line holds one (then a
// decimal comma, "1,5", reads as 1.5). Returns rows x columns values, row-major; throws an Error
// naming file and line for rows of differing length or fields that are not numbers.
std::vector<float> readNumericCsv(const std::string& path, int64_t& rows, int64_t& columns);

}  // namespace secateur
