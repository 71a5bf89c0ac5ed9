#include "app/ui/panels/representation_settings.h"

#include "app/ui/app_state.h"

#include "app/ui/widgets/flow_layout.h"

#include <imgui.h>

namespace lb::ui {

namespace {

// An enum edited through a combo of its names ("a\0b\0c\0"), in enum order.
template <class E>
bool enumCombo(const char* label, E& value, const char* names, float width) {
    int i = static_cast<int>(value);
    ImGui::SetNextItemWidth(width);
    if (!ImGui::Combo(label, &i, names)) return false;
    value = static_cast<E>(i);
    return true;
}

}  // namespace

bool drawRepresentationSettings(AppState& st) {
    RelativeOptions& relative = st.session.settings.relative;
    TranslationOptions& translation = st.session.settings.translation;
    const bool open = ImGui::CollapsingHeader("Representation");
    recordItem(st, "representation");
    if (!open) return false;
    bool changed = false;
    const float rowX = ImGui::GetCursorPosX();
    ImGui::TextDisabled("Relative (views, similarity, stitching):");
    // Several similarities (the product of invariances) come from a session file; the combo edits the first and
    // leaves the others.
    Similarity first = relative.similarities.empty() ? Similarity::Cosine : relative.similarities.front();
    if (enumCombo("similarity", first, "cosine\0angular\0euclidean\0L1\0Linf\0whitened\0", 100)) {
        if (relative.similarities.empty())
            relative.similarities.push_back(first);
        else
            relative.similarities.front() = first;
        changed = true;
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Similarity of each sample to the K anchors. The relative-representation papers use cosine;\n"
            "whitened = inner product after whitening the anchors' covariance (invariant to affine maps).");
    sameLineIfFits(labelledItemWidth(90, "transform"), rowX);
    changed |= enumCombo("transform", relative.transform, "none\0center\0standard\0", 90);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Absolute transform fitted on the anchors and applied before the similarity.\n"
            "none = the papers' default; center makes cosine invariant to translations too.");
    sameLineIfFits(labelledItemWidth(110, "post-norm"), rowX);
    changed |= enumCombo("post-norm", relative.post, "none\0L2\0standardize\0", 110);
    recordItem(st, "representation.post");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Normalization of each relative vector over its K coordinates (standardize = LayerNorm\n"
            "without affine). Default none.");
    ImGui::TextDisabled("Translation (translated views and columns):");
    changed |= enumCombo("method", translation.method, "procrustes\0linear\0linear-ortho\0affine\0", 110);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Estimator of the map between spaces, fitted on the anchors (the stitching matrix\n"
            "computes procrustes, linear and affine whatever is chosen here).");
    sameLineIfFits(labelledItemWidth(90, "scaling"), rowX);
    changed |= enumCombo("scaling", translation.scaling, "standard\0center\0none\0", 90);
    sameLineIfFits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("L2").x, rowX);
    changed |= ImGui::Checkbox("L2", &translation.l2);
    recordItem(st, "representation.l2");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("L2-normalize rows after scaling, before fitting and translating.");
    return changed;
}

}  // namespace lb::ui
