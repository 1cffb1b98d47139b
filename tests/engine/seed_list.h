// The seed lists that tests/python/seeds.py and constructs.py write, read by the import tests:
// one seed per line, "NAME 1x3x16 [1x2x8x8 ...] [EXPECTED...]".
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/graph/ir.h"

namespace secateur {

struct SeedLine {
    std::string name;
    std::vector<Shape> shapes;  // batch 1
    std::string expected;       // failing seeds: what the error must contain
};

// "1x3x16" -> {1, 3, 16}
inline Shape parseShape(const std::string& text) {
    Shape shape;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, 'x');) shape.push_back(std::stoll(part));
    return shape;
}

inline std::vector<SeedLine> readSeedLines(const std::filesystem::path& file) {
    std::vector<SeedLine> seeds;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        std::stringstream words(line);
        SeedLine seed;
        words >> seed.name;
        for (std::string w; words >> w;) {
            if (w.find_first_not_of("0123456789x") == std::string::npos) {
                seed.shapes.push_back(parseShape(w));
            } else {
                std::string rest;
                std::getline(words, rest);
                seed.expected = w + rest;
                break;
            }
        }
        if (!seed.name.empty()) seeds.push_back(seed);
    }
    EXPECT_FALSE(seeds.empty()) << "no seeds listed in " << file;
    return seeds;
}

}  // namespace secateur
