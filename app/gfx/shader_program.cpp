#include "app/gfx/shader_program.h"

#include "app/gfx/gl_check.h"

#include <vector>

namespace lb::gfx {

namespace {

std::string shaderLog(GLuint shader) {
    GLint len = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &len);
    std::string log(static_cast<size_t>(std::max(len, 1)), '\0');
    glGetShaderInfoLog(shader, len, nullptr, log.data());
    log.resize(log.find('\0') == std::string::npos ? log.size() : log.find('\0'));
    return log;
}

std::string programLog(GLuint program) {
    GLint len = 0;
    glGetProgramiv(program, GL_INFO_LOG_LENGTH, &len);
    std::string log(static_cast<size_t>(std::max(len, 1)), '\0');
    glGetProgramInfoLog(program, len, nullptr, log.data());
    log.resize(log.find('\0') == std::string::npos ? log.size() : log.find('\0'));
    return log;
}

Result<GlShader> compile(const std::string& name, GLenum type, const char* source) {
    const char* stage = type == GL_VERTEX_SHADER ? "vertex" : "fragment";
    if (!source) return Error{ErrorCode::InvalidArgument, name + ": no " + stage + " shader source", {}, {}};
    GlShader shader(glCreateShader(type));
    if (!shader) return Error{ErrorCode::Io, name + ": cannot create a " + stage + " shader (no GL context?)", {}, {}};
    glShaderSource(shader.id(), 1, &source, nullptr);
    glCompileShader(shader.id());
    GLint ok = GL_FALSE;
    glGetShaderiv(shader.id(), GL_COMPILE_STATUS, &ok);
    if (!ok)
        return Error{
            ErrorCode::InvalidArgument, name + ": " + stage + " shader does not compile", {}, shaderLog(shader.id())};
    return shader;
}

}  // namespace

Result<GlProgram> buildProgram(const std::string& name, const char* vertexSource, const char* fragmentSource) {
    Result<GlShader> vs = compile(name, GL_VERTEX_SHADER, vertexSource);
    if (!vs) return vs.error();
    Result<GlShader> fs = compile(name, GL_FRAGMENT_SHADER, fragmentSource);
    if (!fs) return fs.error();
    GlProgram program = GlProgram::create();
    glAttachShader(program.id(), vs->id());
    glAttachShader(program.id(), fs->id());
    glLinkProgram(program.id());
    GLint ok = GL_FALSE;
    glGetProgramiv(program.id(), GL_LINK_STATUS, &ok);
    // The program keeps the compiled code; the shader objects can go once detached.
    glDetachShader(program.id(), vs->id());
    glDetachShader(program.id(), fs->id());
    LB_GL_CHECK();
    if (!ok) return Error{ErrorCode::InvalidArgument, name + ": program does not link", {}, programLog(program.id())};
    return program;
}

Result<GlProgram> buildEmbeddedProgram(const std::string& vertexName, const std::string& fragmentName) {
    const char* vs = embeddedShader(vertexName);
    const char* fs = embeddedShader(fragmentName);
    if (!vs) return Error{ErrorCode::InvalidArgument, "no embedded shader named " + vertexName, {}, {}};
    if (!fs) return Error{ErrorCode::InvalidArgument, "no embedded shader named " + fragmentName, {}, {}};
    return buildProgram(vertexName + " + " + fragmentName, vs, fs);
}

}  // namespace lb::gfx
