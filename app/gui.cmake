# latentbridge: the desktop app (GLFW + OpenGL 3.3 core + Dear ImGui 1.86 from Debian).
find_package(glfw3 3.3 REQUIRED)
find_package(OpenGL REQUIRED)
find_package(Freetype REQUIRED)
find_library(LB_IMGUI_LIB imgui REQUIRED)   # Debian's libimgui.a, backends glfw/opengl3 included
find_library(LB_STB_LIB stb REQUIRED)       # stb_truetype/rect_pack used by imgui, stb_image_write by us

add_library(lb_imgui INTERFACE)
target_include_directories(lb_imgui INTERFACE /usr/include/imgui)
target_link_libraries(lb_imgui INTERFACE ${LB_IMGUI_LIB} ${LB_STB_LIB} Freetype::Freetype)

# lb_ui: panels and app state; imgui core only (no backend, no GL), so panels run headless in tests.
file(GLOB_RECURSE LB_UI_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/ui/*.cpp)
add_library(lb_ui STATIC ${LB_UI_SOURCES} ${LB_UI_EMPTY})
target_link_libraries(lb_ui PUBLIC lb_core lb_imgui)

# lb_gfx: OpenGL renderer for the views.
file(GLOB_RECURSE LB_GFX_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/gfx/*.cpp)
add_library(lb_gfx STATIC ${LB_GFX_SOURCES})
target_link_libraries(lb_gfx PUBLIC lb_ui glfw OpenGL::GL ${CMAKE_DL_LIBS})

add_executable(latentbridge ${CMAKE_CURRENT_SOURCE_DIR}/gui_main.cpp)
target_link_libraries(latentbridge PRIVATE lb_gfx)
set_target_properties(latentbridge PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR})
