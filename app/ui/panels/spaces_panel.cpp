#include "app/ui/panels/spaces_panel.h"

#include "app/ui/app_state.h"
#include "app/ui/atlas_action.h"
#include "app/ui/panels/representation_settings.h"

#include <imgui.h>

namespace lb::ui {

static void spaceTooltip(const SessionSpace& e, bool isRef) {
    const LatentSpace& s = *e.space;
    ImGui::BeginTooltip();
    ImGui::Text("%s", e.path.c_str());
    ImGui::Text("%lld samples x %lld dims, %s%s", static_cast<long long>(s.n()), static_cast<long long>(s.d()),
                s.dtype.empty() ? "float32" : s.dtype.c_str(), s.embeddings.isMapped() ? " (memory-mapped)" : "");
    ImGui::Text("keys: %s   labels: %s (%d classes)   texts: %s   images: %s", s.hasKeys() ? "yes" : "no",
                s.hasLabels() ? "yes" : "no", s.numClasses(), s.texts.empty() ? "no" : "yes",
                s.images.empty() ? "no" : "yes");
    if (isRef)
        ImGui::TextUnformatted("This is the reference space: anchors are chosen here, others are translated into it.");
    else if (e.matchError.empty())
        ImGui::Text("%zu samples shared with the reference (matched by %s)", e.matchedRows,
                    e.matchedByKey ? "key" : "row index");
    ImGui::EndTooltip();
}

void drawSpacesPanel(AppState& st) {
    ImGui::TextUnformatted("Spaces");
    ImGui::SameLine();
    if (ImGui::SmallButton("Open...")) st.fileBrowser.open = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Open embeddings files or a session (Ctrl+O). You can also drop files on the window.");
    Session& s = st.session;
    if (s.empty()) {
        ImGui::TextWrapped(st.loadsInFlight > 0
                               ? "Loading..."
                               : "No data loaded. Open embeddings (.npy .npz .safetensors .vec .bin .tsv) with Ctrl+O, "
                                 "drop files on the window, or open a saved session (.json).");
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("(R) = reference: anchors are chosen in it; the other spaces are translated into it.");
    ImGui::PopStyleColor();
    int removeIdx = -1;
    int newRef = -1;
    for (size_t i = 0; i < s.spaceCount(); ++i) {
        const SessionSpace& e = s.entry(i);
        ImGui::PushID(static_cast<int>(i));
        const bool isRef = i == s.reference();
        if (ImGui::RadioButton("##ref", isRef) && !isRef) newRef = static_cast<int>(i);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Make this the reference space");
        ImGui::SameLine();
        ImGui::Text("%s%s", e.space->name.c_str(), isRef ? " (R)" : "");
        if (ImGui::IsItemHovered()) spaceTooltip(e, isRef);
        ImGui::SameLine();
        ImGui::TextDisabled("%lld x %lld", static_cast<long long>(e.space->n()), static_cast<long long>(e.space->d()));
        ImGui::SameLine(ImGui::GetContentRegionMax().x - 20);
        if (ImGui::SmallButton("x")) removeIdx = static_cast<int>(i);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Close this space");
        if (!e.matchError.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.75f, 0.35f, 1.0f));
            ImGui::TextWrapped("cannot be paired with the reference: %s", e.matchError.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::PopID();
    }
    ImGui::Checkbox("Shared PCA basis", &s.settings.view.sharedBasis);
    recordItem(st, "spaces.shared_basis");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Fit PCA once on the reference and use that basis for every absolute and relative view\n"
            "(where widths match). Off: each view has its own PCA.");
    const std::string noAtlas = atlasUnavailableReason(st);
    ImGui::BeginDisabled(!noAtlas.empty() || st.atlasJob.running());
    if (ImGui::SmallButton("Add atlas")) addAtlas(st);
    ImGui::EndDisabled();
    recordItem(st, "spaces.add_atlas");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s",
                          noAtlas.empty()
                              ? "Merge the loaded spaces into one atlas space: each one's relative representation on\n"
                                "the anchors, averaged over the spaces that encode a sample (docs/methods.md §3).\n"
                                "It is added as a new row; the same as latentbridge-cli merge."
                              : ("Cannot make an atlas: " + noAtlas).c_str());
    drawRepresentationSettings(st);
    if (newRef >= 0) setReference(st, static_cast<size_t>(newRef));
    if (removeIdx >= 0) removeSpace(st, static_cast<size_t>(removeIdx));
}

}  // namespace lb::ui
