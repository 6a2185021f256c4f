#!/usr/bin/env node
// The `sunlit` command: registers the TypeScript loader and runs the CLI from source.
require('tsx/cjs');
require('../packages/cli/main.ts');
