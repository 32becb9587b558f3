#!/usr/bin/env node
// CommonJS on purpose: no ES module loader on the way to the command (see scripts/build.mjs).
require("../dist/bundle/boot.cjs").boot();
