#pragma once
// The schema files compiled into the library (see cmake/embed_files.cmake).

#include <string_view>
#include <vector>

namespace ecconf {

struct embedded_file {
    std::string_view name;
    std::string_view bytes;
};

const std::vector<embedded_file>& embedded_files();

/// The bytes of an embedded schema file; throws std::out_of_range for an unknown name.
std::string_view embedded(std::string_view name);

}  // namespace ecconf
