#include <doctest/doctest.h>

#include "ecconf/include_resolver.hpp"

using namespace ecconf;

namespace {

struct loaded {
    source_manager sources;
    diagnostic_sink sink;
    std::optional<loaded_configuration> config;
};

std::unique_ptr<loaded> load(const memory_file_system& fs, const std::string& path, load_options options = {})
{
    if (options.search_path.empty()) options.search_path = {"/search"};
    auto result = std::make_unique<loaded>();
    result->config = load_configuration(path, fs, result->sources, result->sink, options);
    result->sink.finalize();
    return result;
}

std::vector<std::string> messages(const loaded& l)
{
    std::vector<std::string> out;
    for (const auto& d : l.sink.all()) out.push_back(std::string(d.rule) + " " + d.message);
    return out;
}

std::vector<statement_ref> top(const loaded& l)
{
    std::vector<statement_ref> out;
    for (const auto st : l.config->statements()) out.push_back(st);
    return out;
}

// The statements an include directive brought in, every file in turn.
std::vector<statement_ref> brought_in(const loaded& l, const statement_ref& directive)
{
    std::vector<statement_ref> out;
    for (const auto& included : l.config->inclusions_of(directive))
        for (const auto st : l.config->statements_of(included)) out.push_back(st);
    return out;
}

}  // namespace

TEST_CASE("included statements belong to the directive, in order, remembering their inclusion")
{
    memory_file_system fs;
    fs.add("/etc/ecelerity.conf", "a = 1\nbinding \"b\" { include \"b.conf\" }\n");
    fs.add("/etc/b.conf", "x = 2\ny = 3\n");
    const auto l = load(fs, "/etc/ecelerity.conf");
    REQUIRE(l->config);
    CHECK(l->sink.all().empty());
    const auto directive = *top(*l).at(1).body().begin();
    const auto included = brought_in(*l, directive);
    REQUIRE(included.size() == 2);
    CHECK(included[1].name() == "y");
    const auto& origin = l->sources.inclusion_at(included[0].origin());
    CHECK(l->sources.file(origin.file).path() == "/etc/b.conf");
    CHECK(l->sources.file(l->sources.inclusion_at(origin.parent).file).path() == "/etc/ecelerity.conf");
    CHECK(l->config->files_read == 2);
}

TEST_CASE("relative paths: the including file's directory first, then the search path")
{
    memory_file_system fs;
    fs.add("/etc/main.conf", "include \"here.conf\"\ninclude \"there.conf\"\n");
    fs.add("/etc/here.conf", "a = here\n");
    fs.add("/search/here.conf", "a = search\n");
    fs.add("/search/there.conf", "b = search\n");
    const auto l = load(fs, "/etc/main.conf");
    CHECK(l->sink.all().empty());
    CHECK(brought_in(*l, top(*l).at(0)).at(0).value().text() == "here");
    CHECK(brought_in(*l, top(*l).at(1)).at(0).value().text() == "search");
}

TEST_CASE("a directory includes its regular files alphabetically, skipping hidden files and sub-directories")
{
    memory_file_system fs;
    fs.add("/etc/main.conf", "include \"conf.d\"\n");
    fs.add("/etc/conf.d/20-b.conf", "b = 1\n");
    fs.add("/etc/conf.d/10-a.conf", "a = 1\n");
    fs.add("/etc/conf.d/.hidden.conf", "h = 1\n");
    fs.add("/etc/conf.d/sub/c.conf", "c = 1\n");
    const auto l = load(fs, "/etc/main.conf");
    const auto body = brought_in(*l, top(*l).at(0));
    REQUIRE(body.size() == 2);
    CHECK(body[0].name() == "a");
    CHECK(body[1].name() == "b");
    const auto& files = l->config->inclusions_of(top(*l).at(0));
    REQUIRE(files.size() == 2);
    CHECK(l->sources.file(files[0].file).path() == "/etc/conf.d/10-a.conf");
    CHECK(l->sources.file(files[1].file).path() == "/etc/conf.d/20-b.conf");
}

TEST_CASE("the same file may be included twice")
{
    memory_file_system fs;
    fs.add("/etc/main.conf", "include \"x.conf\"\ninclude \"x.conf\"\n");
    fs.add("/etc/x.conf", "a = 1\n");
    const auto l = load(fs, "/etc/main.conf");
    CHECK(l->sink.all().empty());
    CHECK(brought_in(*l, top(*l).at(1)).size() == 1);
    CHECK(l->config->files_read == 2);
    // Parsed and stored once, reached through two inclusions.
    CHECK(l->config->trees.size() == 2);
    const auto first = l->config->inclusions_of(top(*l).at(0)).at(0);
    const auto second = l->config->inclusions_of(top(*l).at(1)).at(0);
    CHECK(first.file == second.file);
    CHECK(first.inclusion != second.inclusion);
}

TEST_CASE("a cycle is reported at the directive that closes it, naming the chain")
{
    memory_file_system fs;
    fs.add("/etc/a.conf", "include \"b.conf\"\n");
    fs.add("/etc/b.conf", "x = 1\ninclude \"a.conf\"\n");
    const auto l = load(fs, "/etc/a.conf");
    REQUIRE(l->sink.all().size() == 1);
    const auto& d = l->sink.all()[0];
    CHECK(d.rule == "include-cycle");
    CHECK(d.message ==
          "include cycle: '/etc/a.conf' is already being read (/etc/a.conf -> /etc/b.conf -> /etc/a.conf)");
    CHECK(l->sources.file(d.range.file).path() == "/etc/b.conf");
    CHECK(l->sources.begin_of(d.range).line == 2);
    REQUIRE(d.related.size() == 1);
    CHECK(d.related[0].message == "which includes '/etc/b.conf'");
}

TEST_CASE("missing and unreadable includes are errors at the directive; a missing main file is no configuration")
{
    memory_file_system fs;
    fs.add("/etc/main.conf", "include \"nope.conf\"\n");
    const auto l = load(fs, "/etc/main.conf");
    CHECK(messages(*l) ==
          std::vector<std::string>{"include-not-found cannot find 'nope.conf' to include (looked in /etc, /search)"});
    const auto missing = load(fs, "/etc/absent.conf");
    CHECK_FALSE(missing->config);
    CHECK(messages(*missing) ==
          std::vector<std::string>{"unreadable-file cannot read '/etc/absent.conf': No such file or directory"});
}

TEST_CASE("syntax errors in an included file name the include chain")
{
    memory_file_system fs;
    fs.add("/etc/main.conf", "include \"mid.conf\"\n");
    fs.add("/etc/mid.conf", "\ninclude \"bad.conf\"\n");
    fs.add("/etc/bad.conf", "= 1\n");
    const auto l = load(fs, "/etc/main.conf");
    REQUIRE(l->sink.all().size() == 1);
    const auto& related = l->sink.all()[0].related;
    REQUIRE(related.size() == 2);
    CHECK(l->sources.file(related[0].range.file).path() == "/etc/mid.conf");
    CHECK(l->sources.begin_of(related[0].range).line == 2);
    CHECK(l->sources.file(related[1].range.file).path() == "/etc/main.conf");
}

TEST_CASE("include limits: depth, number of inclusions, file size")
{
    memory_file_system fs;
    for (int i = 0; i < 5; ++i)
        fs.add("/etc/" + std::to_string(i) + ".conf", "include \"" + std::to_string(i + 1) + ".conf\"\n");
    fs.add("/etc/5.conf", "a = 1\n");
    load_options options;
    options.max_include_depth = 3;
    CHECK(messages(*load(fs, "/etc/0.conf", options)) ==
          std::vector<std::string>{"limit-exceeded includes nested deeper than 3 files (--max-include-depth)"});
    options = {};
    options.max_files = 3;
    CHECK(messages(*load(fs, "/etc/0.conf", options)) ==
          std::vector<std::string>{"limit-exceeded more than 3 file inclusions (--max-files)"});
    options = {};
    options.max_file_size = 4;
    CHECK(messages(*load(fs, "/etc/4.conf", options)) ==
          std::vector<std::string>{
              "limit-exceeded cannot read '/etc/4.conf': file too large: 17 bytes, the limit is 4 (--max-file-size)"});
}

TEST_CASE("backup-file-included: backup and editor files of an included directory are loaded, and named at the include")
{
    memory_file_system fs;
    fs.add("/etc/main.conf", "include \"conf.d\"\n");
    fs.add("/etc/conf.d/10-a.conf", "a = 1\n");
    for (const char* name : {"10-a.conf.bak", "10-a.conf~", "10-a.conf.orig", "10-a.conf.swp", "#10-a.conf#",
                             "10-a.conf.rpmsave", "10-a.conf.rpmnew", "10-a.conf.dpkg-old", "10-a.conf.dpkg-dist"})
        fs.add(std::string("/etc/conf.d/") + name, "b = 1\n");
    // Not backups: a hidden swap file is skipped anyway; '#' or '~' inside a name, a name that only starts with '#'.
    for (const char* name : {".10-a.conf.swp", "20-b~c.conf", "#30.conf", "40.conf.bak.d"})
        fs.add(std::string("/etc/conf.d/") + name, "c = 1\n");
    const auto l = load(fs, "/etc/main.conf");
    const std::string tail =
        "' looks like a backup or editor file, yet including directory 'conf.d' loads it like any other "
        "file; move it out of the directory";
    std::vector<std::string> expected;
    for (const char* name : {"#10-a.conf#", "10-a.conf.bak", "10-a.conf.dpkg-dist", "10-a.conf.dpkg-old",
                             "10-a.conf.orig", "10-a.conf.rpmnew", "10-a.conf.rpmsave", "10-a.conf.swp", "10-a.conf~"})
        expected.push_back(std::string("backup-file-included '/etc/conf.d/") + name + tail);
    CHECK(messages(*l) == expected);
    // Loaded all the same: the 13 regular, non-hidden files.
    CHECK(l->config->inclusions_of(top(*l).at(0)).size() == 13);
    // Named one by one, a file is what the operator meant: no finding.
    fs.add("/etc/one.conf", "include \"conf.d/10-a.conf.bak\"\n");
    CHECK(load(fs, "/etc/one.conf")->sink.all().empty());
}
