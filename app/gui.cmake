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
# The demo's last-resort location: this checkout's assets/demo.
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/ui/app_state.cpp PROPERTIES COMPILE_DEFINITIONS
                            LB_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
target_link_libraries(lb_ui PUBLIC lb_core lb_raster lb_imgui)

# lb_gfx: OpenGL renderer for the views.
file(GLOB_RECURSE LB_GFX_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/gfx/*.cpp)
# Shaders are compiled into the library (generated embedded_shaders.cpp) so the exe runs from anywhere.
file(GLOB LB_SHADER_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/shaders/*.vert ${PROJECT_SOURCE_DIR}/shaders/*.frag)
string(REPLACE ";" "|" _lb_shader_list "${LB_SHADER_FILES}")
set(LB_EMBEDDED_SHADERS ${CMAKE_CURRENT_BINARY_DIR}/generated/embedded_shaders.cpp)
add_custom_command(OUTPUT ${LB_EMBEDDED_SHADERS}
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${LB_EMBEDDED_SHADERS} -DINPUTS=${_lb_shader_list}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/gfx/embed_shaders.cmake
  DEPENDS ${LB_SHADER_FILES} ${CMAKE_CURRENT_SOURCE_DIR}/gfx/embed_shaders.cmake
  COMMENT "Embedding shaders" VERBATIM)
add_library(lb_gfx STATIC ${LB_GFX_SOURCES} ${LB_EMBEDDED_SHADERS})
target_link_libraries(lb_gfx PUBLIC lb_ui glfw OpenGL::GL ${CMAKE_DL_LIBS})
if(CMAKE_BUILD_TYPE STREQUAL "Debug")
  option(LB_GL_CHECKS "glGetError checks reporting file:line (LB_GL_CHECK())" ON)
else()
  option(LB_GL_CHECKS "glGetError checks reporting file:line (LB_GL_CHECK())" OFF)
endif()
if(LB_GL_CHECKS)
  target_compile_definitions(lb_gfx PUBLIC LB_GL_CHECKS=1)
endif()

add_executable(latentbridge ${CMAKE_CURRENT_SOURCE_DIR}/gui_main.cpp)
target_link_libraries(latentbridge PRIVATE lb_gfx)
set_target_properties(latentbridge PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR})
