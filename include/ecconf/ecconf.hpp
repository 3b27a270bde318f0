#pragma once
/// The whole public API of the ecconf library, in pipeline order. `ecconf::check_files()` (check.hpp)
/// is the entry point; the other headers expose each phase for tools that need only part of it.

#include "ecconf/source.hpp"             // files, byte ranges, line and column, secrets
#include "ecconf/file_system.hpp"        // the sandboxed file system the loader reads through
#include "ecconf/syntax_tree.hpp"        // the flat syntax tree and its handles
#include "ecconf/parser.hpp"             // one file -> syntax tree
#include "ecconf/include_resolver.hpp"   // a main file and its includes, as inclusion records
#include "ecconf/schema.hpp"             // scopes, options, modules, versions
#include "ecconf/value_types.hpp"        // a written value against a schema type
#include "ecconf/diagnostic.hpp"         // diagnostics and the sink that bounds them
#include "ecconf/rules.hpp"              // the rule catalogue
#include "ecconf/effective.hpp"          // the merged configuration and its fallback chains
#include "ecconf/export.hpp"             // the effective configuration as JSON
#include "ecconf/diff.hpp"               // two effective configurations compared
#include "ecconf/dump.hpp"               // the tree after includes as JSON
#include "ecconf/format.hpp"             // one file's tree printed in the house style; range formatting
#include "ecconf/diagnostic_filter.hpp"  // --enable, --disable, severity levels
#include "ecconf/baseline.hpp"           // accepted findings
#include "ecconf/report.hpp"             // text, gcc, json, sarif, github, checkstyle
#include "ecconf/check.hpp"              // check_files: the phases in order
#include "ecconf/multi_check.hpp"        // several main files in parallel
