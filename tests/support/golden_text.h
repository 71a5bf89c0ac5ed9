// Readers for the text golden files written by tests/data/golden/*.py (np.savetxt matrices and
// "name v1 v2 ..." value lines).
#pragma once

#include "core/types.h"

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace lb::test {

// Whitespace-separated matrix, one row per line. Returns an empty matrix when the file is missing.
inline RowMatrixXd readTextMatrix(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<double>> rows;
    for (std::string line; std::getline(in, line);) {
        std::istringstream ss(line);
        std::vector<double> r;
        for (double v; ss >> v;) r.push_back(v);
        if (!r.empty()) rows.push_back(std::move(r));
    }
    RowMatrixXd m(static_cast<Index>(rows.size()), rows.empty() ? 0 : static_cast<Index>(rows[0].size()));
    for (size_t i = 0; i < rows.size(); ++i)
        for (size_t j = 0; j < rows[i].size() && static_cast<Index>(j) < m.cols(); ++j)
            m(static_cast<Index>(i), static_cast<Index>(j)) = rows[i][j];
    return m;
}

// Lines "name v1 v2 ...": name -> values.
inline std::map<std::string, std::vector<double>> readGoldenValues(const std::string& path) {
    std::ifstream in(path);
    std::map<std::string, std::vector<double>> out;
    for (std::string line; std::getline(in, line);) {
        std::istringstream ss(line);
        std::string name;
        if (!(ss >> name)) continue;
        for (double v; ss >> v;) out[name].push_back(v);
    }
    return out;
}

}  // namespace lb::test
