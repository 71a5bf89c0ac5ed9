// The stitching gallery drawn as a grid of cards (core/analysis/stitching_gallery.h): one card per test sample
// with its thumbnail (when the source or target space has images) or its text / key, its true class in the
// class's colour, and one badge per method with the class the target's head predicted: green when right, red
// when wrong. Shared by the Stitching gallery panel and presentation mode (which passes a larger scale).
// Main thread only (ImGui).
#pragma once

#include "app/ui/plot_canvas.h"
#include "core/analysis/stitching_gallery.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace lb::ui {

// One badge row of every card: which prediction it shows and its short caption.
enum class GalleryColumn { Absolute, Relative, Translated, Native };

struct StitchingGalleryStyle {
    float scale = 1.0f;  // card size and thumbnail pixel factor (1 = panel size; presentation passes ~2)
    // The badges of every card, top to bottom (default: absolute, relative, translated, native).
    std::vector<GalleryColumn> columns{GalleryColumn::Absolute, GalleryColumn::Relative, GalleryColumn::Translated,
                                       GalleryColumn::Native};
    size_t translated = 0;  // index into StitchingGallery::methods of the Translated badge (default procrustes)
    bool summary = true;    // the "right x/N" line per method above the grid
    bool unicode = false;   // the check and cross glyphs are loaded (else "ok" / "x")
    bool dimmed = false;    // faded: the result is being recomputed or answers older inputs
};

// Caption of a column for `g` ("absolute", "relative", the translated method's name, "native").
std::string galleryColumnName(const StitchingGallery& g, GalleryColumn c, size_t translated);
// The class `s` gets in column c (-1 = the method does not apply).
int32_t galleryPrediction(const StitchingGallery& g, const GallerySample& s, GalleryColumn c, size_t translated);

// Draws the summary and the cards, wrapping to the available width, then reserves their space. `source`,
// `target`: the pair's spaces (thumbnails, texts and keys; either may lack them). Returns the index of the
// hovered sample, or -1.
int drawStitchingGallery(const StitchingGallery& g, const LatentSpace& source, const LatentSpace& target,
                         PlotCanvas& canvas, const StitchingGalleryStyle& style = {});

}  // namespace lb::ui
