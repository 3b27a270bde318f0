# Writes rule_ids.hpp from schemas/rules.json, so that code can only name rules the catalogue has.
# Inputs: RULES_JSON, OUTPUT.
file(READ "${RULES_JSON}" json)
string(JSON count LENGTH "${json}" rules)
math(EXPR last "${count} - 1")
set(body "")
foreach(i RANGE ${last})
  string(JSON id GET "${json}" rules ${i} id)
  string(JSON sev GET "${json}" rules ${i} severity)
  string(REPLACE "-" "_" ident "${id}")
  string(APPEND body "inline constexpr rule_ref ${ident}{\"${id}\", severity::${sev}};\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "#pragma once\n// Generated from schemas/rules.json by cmake/generate_rule_ids.cmake; do not edit.\n#include \"ecconf/diagnostic.hpp\"\n\nnamespace ecconf::rules {\n\n${body}\n}  // namespace ecconf::rules\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
