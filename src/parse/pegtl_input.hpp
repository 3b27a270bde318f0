#pragma once
// The one place that names the PEGTL input type. Positions are kept as byte offsets in the tree and
// turned into lines and columns only for output, so lazy tracking is enough.

#include <tao/pegtl.hpp>

namespace ecconf {

using pegtl_input = tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy, tao::pegtl::eol::lf_crlf>;

}  // namespace ecconf
