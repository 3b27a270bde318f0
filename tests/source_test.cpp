#include <doctest/doctest.h>

#include "ecconf/source.hpp"

using ecconf::source_file;

TEST_CASE("lines and columns are 1-based; columns count code points")
{
    const source_file f("t.conf", "ab\n\xC3\xA9t\xC3\xA9 = 1\r\n\tx\n");
    CHECK(f.locate(0).line == 1);
    CHECK(f.locate(0).column == 1);
    CHECK(f.locate(2).column == 3);
    CHECK(f.locate(3).line == 2);
    CHECK(f.locate(8).column == 4);  // after "été": 3 code points, 5 bytes
    CHECK(f.locate(14).line == 3);
    CHECK(f.locate(15).column == 2);  // a tab counts as one column
    CHECK(f.line_text(2) == "\xC3\xA9t\xC3\xA9 = 1");
    CHECK(f.line_count() == 4);
}

TEST_CASE("invalid UTF-8 bytes count one column each, and offsets past the end clamp")
{
    const source_file f("t.conf", "\xFF\xFEx");
    CHECK(f.locate(2).column == 3);
    CHECK(f.locate(99).column == 4);
}
