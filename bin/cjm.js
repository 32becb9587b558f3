#!/usr/bin/env node
import("../dist/cli/boot.js").then((m) => m.boot());
