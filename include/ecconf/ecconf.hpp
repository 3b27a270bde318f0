#pragma once
/// The whole public API of the ecconf library, in pipeline order. `ecconf::check_files()` (check.hpp)
/// is the entry point; the other headers expose each phase for tools that need only part of it.

#include "ecconf/source.hpp"            // files, byte ranges, line and column, names, secrets
#include "ecconf/file_system.hpp"       // the sandboxed file system the loader reads through
#include "ecconf/syntax_tree.hpp"       // the flat syntax tree, its handles, and the parser
#include "ecconf/include_resolver.hpp"  // a main file and its includes, as inclusion records
#include "ecconf/schema.hpp"            // scopes, options, modules, versions, value types, the rule catalogue
#include "ecconf/diagnostic.hpp"        // diagnostics and the sink that bounds them
#include "ecconf/effective.hpp"         // the merged configuration, fallback chains, export, diff, dump
#include "ecconf/check.hpp"             // check_files: the phases in order and the diagnostic policy
#include "ecconf/report.hpp"            // text, gcc, json, sarif, github, checkstyle
