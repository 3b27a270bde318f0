// libFuzzer target for the formatter: on every input that parses, the three guarantees of
// docs/fmt.md hold (idempotent, same dump apart from positions, same comment texts), at the default
// width and at a narrow one (the input size picks it, so that one input always runs the same way).
// Range formatting of the middle third must leave a text that still parses. The fixes' guarantees
// hold too (tests/support/fix_properties.hpp). A failure aborts, so libFuzzer keeps the input.

#include <cstddef>
#include <cstdint>
#include <string>

#include "../tests/support/fix_properties.hpp"
#include "../tests/support/format_properties.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char*>(data), size);
    ecconf::format_options options;
    if (size % 2 == 1) {
        options.line_width = 16;
        options.indent_width = 4;
    }
    const auto failure = ecconf::test::format_property_failure(input, options);
    if (!failure.empty()) ecconf::fuzz::fail(failure.c_str(), input);
    const auto fix_failure = ecconf::test::fix_property_failure(input);
    if (!fix_failure.empty()) ecconf::fuzz::fail(fix_failure.c_str(), input);

    ecconf::source_manager sources;
    ecconf::diagnostic_sink sink;
    const auto file = sources.add("/fuzz/input.conf", input);
    const auto tree = ecconf::parse_source(sources, file, sink);
    if (sink.count(ecconf::severity::error) > 0) return 0;
    const auto bytes = sources.file(file).bytes();
    const auto begin = static_cast<std::uint32_t>(size / 3);
    if (const auto edit =
            ecconf::format_range(tree, bytes, begin, begin + static_cast<std::uint32_t>(size / 3), options)) {
        ecconf::fuzz::expect(edit->begin <= edit->end && edit->end <= bytes.size(), "range edit inside the file",
                             input);
        const auto edited =
            std::string(bytes.substr(0, edit->begin)) + edit->text + std::string(bytes.substr(edit->end));
        ecconf::fuzz::expect(ecconf::format_source("/fuzz/input.conf", edited, options).formatted,
                             "the text after a range edit parses", edited);
        ecconf::fuzz::expect(ecconf::test::comment_texts(edited) == ecconf::test::comment_texts(input),
                             "a range edit keeps every comment", edited);
        ecconf::fuzz::expect(ecconf::test::dump_without_positions(edited) ==
                                 ecconf::test::dump_without_positions(input),
                             "a range edit keeps the meaning", edited);
    }
    return 0;
}
