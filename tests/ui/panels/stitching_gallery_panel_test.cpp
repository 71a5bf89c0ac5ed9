// Stitching gallery panel: per-sample predictions on a worker that agree with the Stitching panel's matrix,
// follow anchor edits, and change samples (not accuracies) on Shuffle.
#include "app/ui/panels/stitching_gallery_panel.h"
#include "app/ui/panels/analysis_panels.h"
#include "app/ui/widgets/stitching_gallery_view.h"
#include "tests/ui/panels/analysis_fixture.h"

using namespace lb;
using namespace lb::ui;

TEST_CASE("stitching gallery panel: the default pair's samples agree with the stitching matrix", "[ui][panels]") {
    test::PanelFixture f;
    registerAnalysisPanels(f.st);
    REQUIRE(f.panel("gallery") != nullptr);
    REQUIRE_FALSE(f.panel("gallery")->open);  // opened from the Panels menu
    f.panel("gallery")->open = true;
    f.settle();
    const nlohmann::json r = f.report();
    const nlohmann::json& g = r["gallery"];
    REQUIRE(g.is_object());
    REQUIRE(g["current"] == true);
    // Default pair: the first space that is not the reference -> the reference.
    REQUIRE(g["source"] == "model_b");
    REQUIRE(g["target"] == "model_a");
    REQUIRE(g["samples"].size() == 36);
    REQUIRE(g["translated"] == "procrustes");
    // The same test rows and heads as the matrix: accuracies on every test row are its cell (1, 0).
    const nlohmann::json& all = r["stitching"]["all"];
    for (const char* m : {"absolute", "relative", "procrustes", "linear", "affine"}) {
        INFO(m);
        REQUIRE(g["accuracy"][m].get<double>() == Approx(all[m][2].get<double>()).margin(1e-12));
    }
    // Each sample's predictions against its label give the "right" counts.
    int right = 0;
    for (const nlohmann::json& s : g["samples"]) right += s["relative"] == s["label"] ? 1 : 0;
    REQUIRE(g["right"]["relative"] == right);
    REQUIRE(right >= 30);  // rotated copies: the relative representations coincide
    REQUIRE(f.st.itemRects.count("gallery.shuffle") == 1);
    REQUIRE(f.st.itemRects.count("gallery.cards") == 1);
    REQUIRE(r["panels"]["gallery"]["open"] == true);
}

TEST_CASE("stitching gallery panel: Shuffle draws other samples; an anchor edit recomputes", "[ui][panels]") {
    test::PanelFixture f;
    StitchingGalleryPanelState p;
    PanelContext ctx;
    f.extra = [&] {
        ImGui::Begin("gallery test");
        updateStitchingGalleryPanel(f.st, p);
        drawStitchingGalleryPanel(f.st, p, ctx);
        ImGui::End();
    };
    p.samples = 12;
    f.settle();
    nlohmann::json g = stitchingGalleryReport(f.st, p);
    REQUIRE(g["samples"].size() == 12);
    const nlohmann::json first = g["samples"];
    const nlohmann::json accuracy = g["accuracy"];
    ++p.seed;  // what Shuffle does
    f.settle();
    g = stitchingGalleryReport(f.st, p);
    REQUIRE(g["current"] == true);
    REQUIRE(g["samples"] != first);
    REQUIRE(g["accuracy"] == accuracy);
    // Fewer anchors: recomputed for K = 2.
    f.st.session.setAnchors({3, 8}, "two anchors");
    f.settle();
    g = stitchingGalleryReport(f.st, p);
    REQUIRE(g["k"] == 2);
    REQUIRE(g["current"] == true);
    // One anchor: an error in the panel instead of samples.
    f.st.session.setAnchors({3}, "one anchor");
    f.settle();
    REQUIRE(p.error.find("2 anchors") != std::string::npos);
    REQUIRE(stitchingGalleryReport(f.st, p).is_null());
}

TEST_CASE("stitching gallery view: columns and predictions", "[ui][panels]") {
    StitchingGallery g;
    g.methods = {TranslationMethod::Procrustes, TranslationMethod::Linear};
    GallerySample s;
    s.label = 1, s.native = 1, s.absolute = 0, s.relative = 1, s.translated = {2, 1};
    REQUIRE(galleryPrediction(g, s, GalleryColumn::Translated, 1) == 1);
    REQUIRE(galleryPrediction(g, s, GalleryColumn::Translated, 0) == 2);
    REQUIRE(galleryPrediction(g, s, GalleryColumn::Translated, 5) == -1);
    REQUIRE(galleryPrediction(g, s, GalleryColumn::Absolute, 0) == 0);
    REQUIRE(galleryColumnName(g, GalleryColumn::Translated, 1) == "linear");
    REQUIRE(galleryColumnName(g, GalleryColumn::Native, 1) == "native");
}

TEST_CASE("stitching gallery view: thumbnails when the space has images, texts otherwise; hover", "[ui][panels]") {
    test::ImGuiHeadless imgui;
    NullPlotCanvas canvas;
    StitchingGallery g;
    g.methods = {TranslationMethod::Procrustes};
    g.classNames = {"cat", "dog"};
    for (int i = 0; i < 7; ++i) {
        GallerySample s;
        s.sourceRow = s.targetRow = i;
        s.label = i % 2, s.native = i % 2, s.absolute = 0, s.relative = i % 2, s.translated = {1};
        g.samples.push_back(s);
    }
    LatentSpace text, pictures;
    text.texts = {"a", "b", "c", "d", "e", "f", "g"};
    pictures.images.height = pictures.images.width = 28;
    pictures.images.pixels.assign(7 * 28 * 28, 200);
    // Draws the gallery in a 600 x 900 window with the mouse at `mouse`; returns the hovered card and the size.
    const auto draw = [&](const LatentSpace& space, ImVec2 mouse, ImVec2& size) {
        ImGui::GetIO().MousePos = mouse;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(600, 900));
        ImGui::Begin("gallery view", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings);
        StitchingGalleryStyle style;
        style.summary = false;
        const int hovered = drawStitchingGallery(g, space, space, canvas, style);
        size = ImGui::GetItemRectSize();
        ImGui::End();
        ImGui::Render();
        return hovered;
    };
    ImVec2 withText, withImages;
    draw(text, ImVec2(-100, -100), withText);  // a first frame: the window exists, hover works from the next
    REQUIRE(draw(text, ImVec2(20, 20), withText) == 0);
    REQUIRE(draw(pictures, ImVec2(-100, -100), withImages) == -1);
    REQUIRE(withImages.y > withText.y);  // 84 px thumbnails are taller than three lines of text
    REQUIRE(withImages.x == withText.x);
    REQUIRE(withText.x <= 600);
    REQUIRE(withText.y > 0);
}
