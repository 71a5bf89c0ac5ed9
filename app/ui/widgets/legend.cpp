#include "app/ui/widgets/legend.h"

namespace lb::ui {

bool toggleLegendClass(std::vector<bool>& hidden, size_t classCount, size_t c, bool solo) {
    if (hidden.size() < classCount) hidden.resize(classCount, false);
    if (c >= classCount) return false;
    if (!solo) {
        hidden[c] = !hidden[c];
        return true;
    }
    bool onlyC = !hidden[c];
    for (size_t k = 0; k < classCount && onlyC; ++k) onlyC = k == c || hidden[k];
    const std::vector<bool> before = hidden;
    for (size_t k = 0; k < classCount; ++k) hidden[k] = onlyC ? false : k != c;
    return hidden != before;
}

}  // namespace lb::ui
