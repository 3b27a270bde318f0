// Loads an extension's main module the way VS Code would, with a stand-in for the `vscode` module
// (only VS Code provides it): every other module it requires at load time must resolve from where
// it stands, so run on an unpacked .vsix this proves the package holds its runtime dependencies.
// Usage: node load-packaged.js EXTENSION_DIR/out/extension.js
const Module = require('module');

// Any property, call or `new` on it gives another one; classes can extend it.
const standIn = () =>
    new Proxy(function () {}, {
        get: (target, key) => (key === 'prototype' ? target.prototype : standIn()),
        construct: () => standIn(),
        apply: () => standIn(),
    });
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : resolveFilename.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: standIn() };

const extension = require(require('path').resolve(process.argv[2]));
for (const entry of ['activate', 'deactivate']) {
    if (typeof extension[entry] !== 'function') {
        console.error(`${process.argv[2]} exports no ${entry}()`);
        process.exit(1);
    }
}
console.log(`${process.argv[2]}: loads, exports activate() and deactivate()`);
